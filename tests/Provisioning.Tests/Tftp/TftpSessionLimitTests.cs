using System.Net;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

[Collection(TftpNetworkCollection.Name)]
public sealed class TftpSessionLimitTests
{
    private static readonly IPEndPoint A1 = IPEndPoint.Parse("192.0.2.1:1000");
    private static readonly IPEndPoint A2 = IPEndPoint.Parse("192.0.2.1:1001");
    private static readonly IPEndPoint A3 = IPEndPoint.Parse("192.0.2.1:1002");
    private static readonly IPEndPoint B1 = IPEndPoint.Parse("192.0.2.2:1000");

    [Fact]
    public void The_table_caps_sessions_per_address_and_in_total_and_frees_slots_on_release()
    {
        var table = new TftpSessionTable(maxSessions: 3, maxSessionsPerAddress: 2);

        Assert.Equal(TftpAdmission.Admitted, table.TryAdmit(A1));
        Assert.Equal(TftpAdmission.Duplicate, table.TryAdmit(A1));
        Assert.Equal(TftpAdmission.Admitted, table.TryAdmit(A2));
        Assert.Equal(TftpAdmission.AddressBusy, table.TryAdmit(A3));
        Assert.Equal(TftpAdmission.Admitted, table.TryAdmit(B1));
        Assert.Equal(TftpAdmission.ServerBusy, table.TryAdmit(IPEndPoint.Parse("192.0.2.3:1")));

        table.Release(A1);
        table.Release(A1);

        Assert.Equal(2, table.Count);
        Assert.Equal(TftpAdmission.Admitted, table.TryAdmit(A3));
    }

    [Fact(Timeout = 20_000)]
    public async Task A_client_over_its_address_limit_is_told_the_server_is_busy_while_others_are_served()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.cfg", new byte[100]), o =>
        {
            o.Addresses = ["0.0.0.0"];
            o.MaxSessionsPerAddress = 2;
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        var server = tftp.LoopbackV4;
        var greedy = Enumerable.Range(0, 3).Select(_ => new TestTftpClient(IPAddress.Parse("127.0.0.2"))).ToList();
        using var polite = new TestTftpClient(IPAddress.Parse("127.0.0.3"));
        try
        {
            var answers = new List<byte[]>();
            foreach (var client in greedy)
            {
                await client.SendRawAsync(server, Rrq("a.cfg"));
                answers.Add((await client.ReceiveRawAsync(TimeSpan.FromSeconds(5)))!.Value.Datagram);
            }

            var served = await polite.GetAsync(server, "a.cfg");

            Assert.True(TftpPacketCodec.TryParseData(answers[0], out _, out _));
            Assert.True(TftpPacketCodec.TryParseData(answers[1], out _, out _));
            Assert.True(TftpPacketCodec.TryParseError(answers[2], out var code, out var message));
            Assert.Equal(TftpErrorCode.NotDefined, code);
            Assert.Contains("busy", message, StringComparison.Ordinal);
            Assert.Equal(new byte[100], served.Content);
            Assert.Contains(tftp.Observer.Records, r => r.Outcome == TftpTransferOutcome.Rejected && r.Message == "too many sessions from this address");
        }
        finally
        {
            greedy.ForEach(c => c.Dispose());
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_flood_of_requests_and_garbage_from_one_address_does_not_stop_another_from_being_served()
    {
        var content = Wait.RandomBytes(20_000, seed: 10);
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.cfg", content), o =>
        {
            o.Addresses = ["0.0.0.0"];
            o.MaxSessions = 40;
            o.MaxSessionsPerAddress = 10;
            o.Timeout = TimeSpan.FromMilliseconds(100);
            o.MaxRetries = 10;
        });
        var server = tftp.LoopbackV4;
        var attackers = Enumerable.Range(0, 20).Select(_ => new TestTftpClient(IPAddress.Parse("127.0.0.2"))).ToList();
        using var victim = new TestTftpClient(IPAddress.Parse("127.0.0.3"));
        try
        {
            var random = new Random(14);
            using var stop = new CancellationTokenSource();
            var flood = Task.Run(async () =>
            {
                for (var i = 0; i < 20_000 && !stop.IsCancellationRequested; i++)
                {
                    var attacker = attackers[i % attackers.Count];
                    var datagram = i % 3 == 0 ? Rrq(i % 2 == 0 ? "a.cfg" : "missing.cfg") : RandomDatagram(random);
                    await attacker.SendRawAsync(server, datagram);
                    if (i % 100 == 0)
                    {
                        // Sends complete synchronously; without this the flood would hold a pool thread for good.
                        await Task.Yield();
                    }
                }
            });

            var downloads = new List<TftpDownload>();
            for (var i = 0; i < 5; i++)
            {
                downloads.Add(await victim.GetAsync(server, "a.cfg"));
            }

            await stop.CancelAsync();
            await flood;

            Assert.All(downloads, d => Assert.Equal(content, d.Content));
            Assert.Contains(tftp.Observer.Records, r => r.Outcome == TftpTransferOutcome.Rejected);
            await tftp.WhenIdleAsync();
        }
        finally
        {
            attackers.ForEach(c => c.Dispose());
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Random_datagrams_at_the_request_and_transfer_ports_leave_no_session_behind()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.cfg", new byte[3000]), o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(50);
            o.MaxRetries = 2;
        });
        using var client = new TestTftpClient();
        var random = new Random(15);

        for (var i = 0; i < 300; i++)
        {
            await client.SendRawAsync(tftp.EndPoint, i % 10 == 0 ? Rrq("a.cfg", random.Next(2) == 0 ? "blksize" : "windowsize", random.Next(0, 70_000)) : RandomDatagram(random));
            if (await client.ReceiveRawAsync(TimeSpan.FromMilliseconds(5)) is { } reply && TftpPacketCodec.TryReadOpcode(reply.Datagram, out var opcode) && opcode != TftpOpcode.Error)
            {
                await client.SendRawAsync(reply.From, RandomDatagram(random));
            }
        }

        await tftp.WhenIdleAsync();
        using var fresh = new TestTftpClient();
        Assert.Equal(new byte[3000], (await fresh.GetAsync(tftp.EndPoint, "a.cfg")).Content);
    }

    private static byte[] Rrq(string file, string? option = null, int value = 0)
    {
        var buffer = new byte[128];
        TftpOption[] options = option is null ? [] : [new(option, value.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return buffer[..TftpPacketCodec.WriteRequest(buffer, TftpOpcode.ReadRequest, file, TftpTransferMode.Octet, options)];
    }

    // Mostly packets that look like TFTP (a real opcode, then noise), sometimes pure noise.
    private static byte[] RandomDatagram(Random random)
    {
        var datagram = new byte[random.Next(0, 600)];
        random.NextBytes(datagram);
        if (datagram.Length >= 2 && random.Next(4) != 0)
        {
            datagram[0] = 0;
            datagram[1] = (byte)random.Next(0, 8);
        }

        return datagram;
    }
}
