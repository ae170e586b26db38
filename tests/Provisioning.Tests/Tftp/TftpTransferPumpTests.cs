using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

/// <summary>The socket loop alone: transfer channels on real loopback sockets, driven by one pump, no server.</summary>
[Collection(TftpNetworkCollection.Name)]
public sealed class TftpTransferPumpTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);
    private readonly TftpTransferPump _pump = new(TimeProvider.System, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), "test pump", NullLogger.Instance);

    public void Dispose() => _pump.Dispose();

    [Fact(Timeout = 20_000)]
    public async Task A_pump_carries_a_transfer_from_its_first_block_to_the_last_ack()
    {
        using var client = new TestTftpClient();
        var content = Wait.RandomBytes(3000, seed: 16);
        var channel = Open(client, content);

        channel.Start();
        _pump.Add(channel);
        var received = new MemoryStream();
        while (true)
        {
            var (datagram, from) = (await client.ReceiveRawAsync(TimeSpan.FromSeconds(5)))!.Value;
            Assert.True(TftpPacketCodec.TryParseData(datagram, out var block, out _));
            received.Write(datagram, TftpPacketCodec.HeaderSize, datagram.Length - TftpPacketCodec.HeaderSize);
            await client.SendRawAsync(from, [0, 4, (byte)(block >> 8), (byte)block]);
            if (datagram.Length < 512 + TftpPacketCodec.HeaderSize)
            {
                break;
            }
        }

        await channel.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(content, received.ToArray());
        Assert.Equal(TftpTransferState.Completed, channel.Transfer.State);
        await Wait.UntilAsync(() => _pump.Count == 0, "the pump to let the transfer go");
    }

    [Fact(Timeout = 20_000)]
    public async Task The_pump_ticks_a_silent_transfer_into_retransmissions_and_then_failure()
    {
        using var client = new TestTftpClient();
        var channel = Open(client, new byte[100], maxRetries: 2);

        channel.Start();
        _pump.Add(channel);
        await channel.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        var copies = 0;
        while (await client.ReceiveRawAsync(TimeSpan.FromMilliseconds(50)) is not null)
        {
            copies++;
        }

        Assert.Equal(3, copies);
        Assert.Equal("no answer after 2 retransmissions", channel.Transfer.FailureReason);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_transfer_closed_from_outside_does_not_disturb_the_others_on_the_pump()
    {
        using var first = new TestTftpClient();
        using var second = new TestTftpClient();
        var closed = Open(first, new byte[5000]);
        var served = Open(second, new byte[10]);

        closed.Start();
        _pump.Add(closed);
        closed.Dispose();
        served.Start();
        _pump.Add(served);
        var (datagram, from) = (await second.ReceiveRawAsync(TimeSpan.FromSeconds(5)))!.Value;
        await second.SendRawAsync(from, [0, 4, 0, 1]);

        await served.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TftpTransferState.Completed, served.Transfer.State);
        Assert.Equal(TftpTransferState.Failed, closed.Transfer.State);
        Assert.Equal(14, datagram.Length);
    }

    private static TftpTransferChannel Open(TestTftpClient client, byte[] content, int maxRetries = 5)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var transfer = new TftpReadTransfer(content, TftpTransferOptions.Defaults(Timeout), maxRetries, TimeProvider.System);
        return new TftpTransferChannel(socket, client.LocalEndPoint, transfer);
    }
}
