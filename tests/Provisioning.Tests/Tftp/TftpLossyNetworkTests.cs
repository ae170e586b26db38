using System.Globalization;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

/// <summary>Transfers through a relay that drops and reorders datagrams in both directions still deliver the exact bytes.</summary>
[Collection(TftpNetworkCollection.Name)]
public sealed class TftpLossyNetworkTests
{
    private static readonly byte[] Content = Wait.RandomBytes(24_000, seed: 9);

    [Theory(Timeout = 30_000)]
    [InlineData(1, 11)]
    [InlineData(8, 12)]
    public async Task A_transfer_through_a_lossy_reordering_link_completes_with_the_same_bytes(int windowSize, int seed)
    {
        await using var tftp = await StartAsync();
        using var relay = new LossyUdpRelay(tftp.EndPoint, seed, dropRate: 0.1, reorderRate: 0.1);
        using var client = new TestTftpClient { RetryInterval = TimeSpan.FromMilliseconds(150), MaxRetries = 40, Dally = TimeSpan.FromMilliseconds(400) };

        var download = await client.GetAsync(relay.EndPoint, "fw.bin",
            [new("blksize", "512"), new("windowsize", windowSize.ToString(CultureInfo.InvariantCulture))]);

        Assert.Equal(Content, download.Content);
        Assert.True(relay.Dropped > 0 && relay.Reordered > 0, $"the relay dropped {relay.Dropped} and reordered {relay.Reordered}");
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "fw.bin");
        Assert.Equal(TftpTransferOutcome.Completed, record.Outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Tftp_hpa_through_a_lossy_reordering_link_gets_the_same_bytes()
    {
        await using var tftp = await StartAsync();
        using var relay = new LossyUdpRelay(tftp.EndPoint, seed: 13, dropRate: 0.05, reorderRate: 0.05);
        var directory = Directory.CreateTempSubdirectory("sophia-tftp-lossy-");
        try
        {
            var local = Path.Combine(directory.FullName, "fw.bin");
            // Commands on standard input: a 1 s client retransmission instead of the default 5 s keeps a lost ACK cheap.
            var script = $"mode octet\nrexmt 1\nget fw.bin {local}\nquit\n";

            var result = await DebianClient.RunAsync("tftp", "tftp-hpa", ["127.0.0.1", relay.EndPoint.Port.ToString(CultureInfo.InvariantCulture)], script, TimeSpan.FromSeconds(25));

            Assert.True(File.Exists(local), result.ToString());
            Assert.Equal(Content, await File.ReadAllBytesAsync(local));
            Assert.True(relay.Dropped > 0 && relay.Reordered > 0, $"the relay dropped {relay.Dropped} and reordered {relay.Reordered}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Task<TftpTestServer> StartAsync() =>
        TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("fw.bin", Content), o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(20);
            o.MaxRetries = 100;
            // These tests are about the data path; how often a silent client's first answer is resent is tested apart.
            o.FirstAnswerRetries = 100;
        });
}
