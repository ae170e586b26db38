using System.Net;
using System.Net.Sockets;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

internal sealed record TftpDownload(
    byte[] Content,
    IReadOnlyList<TftpOption>? OptionAck,
    TftpErrorCode? ErrorCode,
    string? ErrorMessage,
    int DataPackets,
    int UnexpectedDataPackets,
    IPEndPoint? ServerTransferEndPoint);

/// <summary>
/// A plain RFC 1350/2347/7440 read client for the loopback tests: it retransmits its last packet when the server
/// is silent, ACKs the last in-order block when a window arrives out of order, and can dally after the last ACK.
/// </summary>
internal sealed class TestTftpClient : IDisposable
{
    private readonly Socket _socket;

    public TestTftpClient(IPAddress? bindAddress = null)
    {
        var address = bindAddress ?? IPAddress.Loopback;
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public int MaxRetries { get; init; } = 25;

    /// <summary>How long to stay after the final ACK to re-ACK a retransmitted last block (RFC 1350 section 6).</summary>
    public TimeSpan Dally { get; init; } = TimeSpan.Zero;

    public Task SendRawAsync(IPEndPoint to, byte[] datagram) => _socket.SendToAsync(datagram, SocketFlags.None, to);

    public async Task<(byte[] Datagram, IPEndPoint From)?> ReceiveRawAsync(TimeSpan timeout)
    {
        var buffer = new byte[70000];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, AnyEndPoint(), cts.Token);
            return (buffer[..result.ReceivedBytes], (IPEndPoint)result.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async Task<TftpDownload> GetAsync(
        IPEndPoint server,
        string fileName,
        IReadOnlyList<TftpOption>? options = null,
        TftpTransferMode mode = TftpTransferMode.Octet)
    {
        var outgoing = new byte[1024];
        var incoming = new byte[70000];
        var length = TftpPacketCodec.WriteRequest(outgoing, TftpOpcode.ReadRequest, fileName, mode, options ?? []);
        var pending = outgoing[..length];
        await _socket.SendToAsync(pending, SocketFlags.None, server);

        IPEndPoint? transfer = null;
        IReadOnlyList<TftpOption>? optionAck = null;
        var content = new MemoryStream();
        var blockSize = TftpOptionNegotiation.DefaultBlockSize;
        var window = 1;
        ushort last = 0;
        var inWindow = 0;
        var dataPackets = 0;
        var unexpected = 0;
        var retries = 0;
        while (true)
        {
            var received = await ReceiveAsync(incoming, RetryInterval);
            if (received is null)
            {
                if (++retries > MaxRetries)
                {
                    throw new TimeoutException($"No answer from the server after {MaxRetries} retries ({content.Length} bytes received).");
                }

                await _socket.SendToAsync(pending, SocketFlags.None, transfer ?? server);
                continue;
            }

            var (count, from) = received.Value;
            transfer ??= from;
            if (!from.Equals(transfer))
            {
                continue;
            }

            var datagram = incoming.AsSpan(0, count);
            if (TftpPacketCodec.TryParseError(datagram, out var code, out var message))
            {
                return new TftpDownload(content.ToArray(), optionAck, code, message, dataPackets, unexpected, transfer);
            }

            if (dataPackets == 0 && TftpPacketCodec.TryParseOptionAck(datagram, out var acknowledged))
            {
                optionAck = acknowledged;
                blockSize = ReadOption(acknowledged, "blksize") ?? blockSize;
                window = ReadOption(acknowledged, "windowsize") ?? window;
                pending = Ack(0);
                await _socket.SendToAsync(pending, SocketFlags.None, transfer);
                continue;
            }

            if (!TftpPacketCodec.TryParseData(datagram, out var block, out var payload))
            {
                continue;
            }

            retries = 0;
            if (block != (ushort)(last + 1))
            {
                // A duplicate or a gap: say where we are; the server resends from there (RFC 7440 section 4).
                unexpected++;
                inWindow = 0;
                pending = Ack(last);
                await _socket.SendToAsync(pending, SocketFlags.None, transfer);
                continue;
            }

            content.Write(payload);
            last = block;
            dataPackets++;
            inWindow++;
            var final = payload.Length < blockSize;
            if (final || inWindow == window)
            {
                inWindow = 0;
                pending = Ack(last);
                await _socket.SendToAsync(pending, SocketFlags.None, transfer);
            }

            if (final)
            {
                await DallyAsync(incoming, transfer, pending);
                return new TftpDownload(content.ToArray(), optionAck, null, null, dataPackets, unexpected, transfer);
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task DallyAsync(byte[] incoming, IPEndPoint transfer, byte[] finalAck)
    {
        var until = DateTimeOffset.UtcNow + Dally;
        while (DateTimeOffset.UtcNow < until)
        {
            var received = await ReceiveAsync(incoming, until - DateTimeOffset.UtcNow);
            if (received is { } r && r.From.Equals(transfer))
            {
                await _socket.SendToAsync(finalAck, SocketFlags.None, transfer);
            }
        }
    }

    private async Task<(int Count, IPEndPoint From)?> ReceiveAsync(byte[] buffer, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return null;
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, AnyEndPoint(), cts.Token);
            return (result.ReceivedBytes, (IPEndPoint)result.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private IPEndPoint AnyEndPoint() => _socket.AddressFamily == AddressFamily.InterNetworkV6
        ? new IPEndPoint(IPAddress.IPv6Any, 0)
        : new IPEndPoint(IPAddress.Any, 0);

    private static byte[] Ack(ushort block)
    {
        var packet = new byte[TftpPacketCodec.HeaderSize];
        TftpPacketCodec.WriteAck(packet, block);
        return packet;
    }

    private static int? ReadOption(IReadOnlyList<TftpOption> options, string name) =>
        options.FirstOrDefault(o => o.Name == name) is { Value: { } value } && int.TryParse(value, out var number) ? number : null;
}
