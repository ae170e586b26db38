using System.Text;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

public sealed class NetAsciiTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("a\nb\n", "a\r\nb\r\n")]
    [InlineData("a\rb", "a\r\0b")]
    [InlineData("dos\r\n", "dos\r\0\r\n")]
    [InlineData("\n\n\r\r", "\r\n\r\n\r\0\r\0")]
    public void Line_feeds_become_cr_lf_and_bare_carriage_returns_become_cr_nul(string stored, string sent)
    {
        var encoded = NetAscii.Encode(Encoding.ASCII.GetBytes(stored));

        Assert.Equal(sent, Encoding.ASCII.GetString(encoded));
        Assert.Equal(encoded.Length, NetAscii.EncodedLength(Encoding.ASCII.GetBytes(stored)));
    }

    [Fact]
    public void Bytes_other_than_cr_and_lf_pass_through_untouched()
    {
        var stored = Enumerable.Range(0, 256).Select(i => (byte)i).Where(b => b is not ((byte)'\r' or (byte)'\n')).ToArray();

        Assert.Equal(stored, NetAscii.Encode(stored));
    }
}
