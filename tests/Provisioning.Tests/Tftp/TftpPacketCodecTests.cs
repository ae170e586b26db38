using System.Text;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

public sealed class TftpPacketCodecTests
{
    [Fact]
    public void A_read_request_with_options_is_parsed_as_sent()
    {
        var packet = Bytes("\0\u0001SEP001565988c06.cnf.xml\0octet\0blksize\u00001428\0tsize\u00000\0");

        Assert.True(TftpPacketCodec.TryParseRequest(packet, out var request, out _));

        Assert.Equal(TftpOpcode.ReadRequest, request.Opcode);
        Assert.Equal("SEP001565988c06.cnf.xml", request.FileName);
        Assert.Equal(TftpTransferMode.Octet, request.Mode);
        Assert.Equal([new TftpOption("blksize", "1428"), new TftpOption("tsize", "0")], request.Options);
    }

    [Theory]
    [InlineData("octet", TftpTransferMode.Octet)]
    [InlineData("OCTET", TftpTransferMode.Octet)]
    [InlineData("netascii", TftpTransferMode.NetAscii)]
    [InlineData("NetAscii", TftpTransferMode.NetAscii)]
    public void The_mode_is_matched_without_regard_to_case(string mode, TftpTransferMode expected)
    {
        Assert.True(TftpPacketCodec.TryParseRequest(Bytes($"\0\u0001f\0{mode}\0"), out var request, out _));
        Assert.Equal(expected, request.Mode);
    }

    [Fact]
    public void Writing_a_request_and_parsing_it_gives_it_back()
    {
        var buffer = new byte[512];
        TftpOption[] options = [new("blksize", "1428"), new("windowsize", "8"), new("timeout", "2"), new("tsize", "0")];

        var length = TftpPacketCodec.WriteRequest(buffer, TftpOpcode.WriteRequest, "y000000000044.cfg", TftpTransferMode.NetAscii, options);

        Assert.True(TftpPacketCodec.TryParseRequest(buffer.AsSpan(0, length), out var request, out _));
        Assert.Equal("y000000000044.cfg", request.FileName);
        Assert.Equal(TftpOpcode.WriteRequest, request.Opcode);
        Assert.Equal(TftpTransferMode.NetAscii, request.Mode);
        Assert.Equal(options, request.Options);
    }

    [Fact]
    public void A_data_packet_is_opcode_block_and_payload_in_network_order()
    {
        var buffer = new byte[16];

        var length = TftpPacketCodec.WriteData(buffer, 0x1234, [0xAA, 0xBB]);

        Assert.Equal(new byte[] { 0, 3, 0x12, 0x34, 0xAA, 0xBB }, buffer[..length]);
        Assert.True(TftpPacketCodec.TryParseData(buffer.AsSpan(0, length), out var block, out var payload));
        Assert.Equal(0x1234, block);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, payload.ToArray());
    }

    [Fact]
    public void An_ack_round_trips_and_tolerates_trailing_padding()
    {
        var buffer = new byte[8];

        var length = TftpPacketCodec.WriteAck(buffer, 65535);

        Assert.Equal(new byte[] { 0, 4, 0xFF, 0xFF }, buffer[..length]);
        Assert.True(TftpPacketCodec.TryParseAck(buffer, out var block));
        Assert.Equal(65535, block);
    }

    [Fact]
    public void An_error_packet_round_trips_and_a_long_message_is_cut_to_fit()
    {
        var buffer = new byte[32];

        var length = TftpPacketCodec.WriteError(buffer, TftpErrorCode.FileNotFound, new string('x', 100));

        Assert.Equal(32, length);
        Assert.Equal(0, buffer[31]);
        Assert.True(TftpPacketCodec.TryParseError(buffer.AsSpan(0, length), out var code, out var message));
        Assert.Equal(TftpErrorCode.FileNotFound, code);
        Assert.Equal(new string('x', 27), message);
    }

    [Fact]
    public void An_error_without_its_terminator_is_still_read()
    {
        Assert.True(TftpPacketCodec.TryParseError(Bytes("\0\u0005\0\u0008no"), out var code, out var message));
        Assert.Equal(TftpErrorCode.OptionNegotiationFailed, code);
        Assert.Equal("no", message);
    }

    [Fact]
    public void An_option_ack_round_trips()
    {
        var buffer = new byte[64];
        TftpOption[] options = [new("blksize", "1428"), new("tsize", "2097152")];

        var length = TftpPacketCodec.WriteOptionAck(buffer, options);

        Assert.Equal(Bytes("\0\u0006blksize\u00001428\0tsize\u00002097152\0"), buffer[..length]);
        Assert.True(TftpPacketCodec.TryParseOptionAck(buffer.AsSpan(0, length), out var parsed));
        Assert.Equal(options, parsed);
    }

    [Theory]
    [InlineData("", "not a request")]
    [InlineData("\0", "not a request")]
    [InlineData("\0\u0003f\0octet\0", "not a request")]
    [InlineData("\0\u0001", "missing file name")]
    [InlineData("\0\u0001file", "missing file name")]
    [InlineData("\0\u0001\0octet\0", "missing file name")]
    [InlineData("\0\u0001file\0octet", "missing mode")]
    [InlineData("\0\u0001file\0mail\0", "unsupported transfer mode")]
    [InlineData("\0\u0001file\0\0", "unsupported transfer mode")]
    [InlineData("\0\u0001fi\nle\0octet\0", "invalid file name")]
    public void A_malformed_request_is_refused_with_a_reason(string packet, string reason)
    {
        Assert.False(TftpPacketCodec.TryParseRequest(Bytes(packet), out var request, out var error));
        Assert.Null(request);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void A_file_name_that_is_not_utf8_is_refused()
    {
        Assert.False(TftpPacketCodec.TryParseRequest([0, 1, 0xC3, 0x28, 0, (byte)'o', (byte)'c', (byte)'t', (byte)'e', (byte)'t', 0], out _, out var error));
        Assert.Equal("invalid file name", error);
    }

    [Fact]
    public void A_request_longer_than_the_limit_is_refused()
    {
        var packet = Bytes("\0\u0001" + new string('a', TftpPacketCodec.MaxRequestSize) + "\0octet\0");
        Assert.False(TftpPacketCodec.TryParseRequest(packet, out _, out var error));
        Assert.Equal("request too long", error);
    }

    [Fact]
    public void Odd_options_are_skipped_without_failing_the_request()
    {
        var packet = Bytes("\0\u0001f\0octet\0blksize\u00001428\0caf\u00e9\u00001\0timeout\0");

        Assert.True(TftpPacketCodec.TryParseRequest(packet, out var request, out _));

        Assert.Equal([new TftpOption("blksize", "1428")], request.Options);
    }

    [Fact]
    public void Options_past_the_limit_are_ignored()
    {
        var options = string.Concat(Enumerable.Range(0, 40).Select(i => $"x{i}\u00001\0"));

        Assert.True(TftpPacketCodec.TryParseRequest(Bytes("\0\u0001f\0octet\0" + options), out var request, out _));

        Assert.Equal(TftpPacketCodec.MaxOptions, request.Options.Count);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 4, 0 })]
    [InlineData(new byte[] { 0, 3, 0, 1 })]
    public void Short_or_foreign_packets_are_not_acks(byte[] packet)
    {
        Assert.False(TftpPacketCodec.TryParseAck(packet, out _));
        Assert.False(TftpPacketCodec.TryParseError(packet, out _, out _));
    }

    [Fact]
    public void Writers_refuse_a_buffer_that_is_too_small()
    {
        Assert.Throws<ArgumentException>(() => TftpPacketCodec.WriteData(new byte[5], 1, new byte[2]));
        Assert.Throws<ArgumentException>(() => TftpPacketCodec.WriteAck(new byte[3], 1));
        Assert.Throws<ArgumentException>(() => TftpPacketCodec.WriteOptionAck(new byte[8], [new("blksize", "1428")]));
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
