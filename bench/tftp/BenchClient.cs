using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sophia.Provisioning.Tftp;

namespace Sophia.Bench.Tftp;

/// <summary>
/// The load generator's TFTP client, the same for both servers: a fresh port per transfer (as phones do), the
/// blksize option, stop-and-wait, every payload compared with the expected file, retransmission on timeout.
/// </summary>
internal sealed class BenchClient(TimeSpan timeout, int maxRetries) : IDisposable
{
    private readonly byte[] _send = new byte[600];
    private readonly byte[] _receive = new byte[TftpOptionNegotiation.MaxBlockSize + TftpPacketCodec.HeaderSize];
    private CancellationTokenSource _timer = new();

    public async Task<bool> GetAsync(IPEndPoint server, string fileName, ReadOnlyMemory<byte> expected, int blockSize)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var to = server.Serialize();
        var from = new SocketAddress(AddressFamily.InterNetwork);
        SocketAddress? peer = null;
        TftpOption[] options = [new("blksize", blockSize.ToString(CultureInfo.InvariantCulture))];
        var pending = TftpPacketCodec.WriteRequest(_send, TftpOpcode.ReadRequest, fileName, TftpTransferMode.Octet, options);
        await socket.SendToAsync(_send.AsMemory(0, pending), SocketFlags.None, to);

        var negotiated = TftpOptionNegotiation.DefaultBlockSize;
        var offset = 0;
        ushort next = 1;
        var retries = 0;
        while (true)
        {
            var count = await ReceiveAsync(socket, from);
            if (count < 0)
            {
                if (++retries > maxRetries)
                {
                    return false;
                }

                await socket.SendToAsync(_send.AsMemory(0, pending), SocketFlags.None, peer ?? to);
                continue;
            }

            if (peer is null)
            {
                peer = new SocketAddress(from.Family, from.Size);
                from.Buffer.CopyTo(peer.Buffer);
            }
            else if (!from.Equals(peer))
            {
                continue;
            }

            var packet = _receive.AsSpan(0, count);
            if (TftpPacketCodec.TryParseOptionAck(packet, out var acknowledged))
            {
                var granted = acknowledged.FirstOrDefault(o => o.Name == "blksize").Value;
                negotiated = granted is null ? negotiated : int.Parse(granted, CultureInfo.InvariantCulture);
                pending = TftpPacketCodec.WriteAck(_send, 0);
                await socket.SendToAsync(_send.AsMemory(0, pending), SocketFlags.None, peer);
                continue;
            }

            if (!TftpPacketCodec.TryParseData(packet, out var block, out var payload))
            {
                return false;
            }

            retries = 0;
            var last = payload.Length < negotiated;
            if (block == next)
            {
                if (payload.Length > expected.Length - offset || !payload.SequenceEqual(expected.Span.Slice(offset, payload.Length)))
                {
                    return false;
                }

                offset += payload.Length;
                next++;
            }

            pending = TftpPacketCodec.WriteAck(_send, (ushort)(next - 1));
            await socket.SendToAsync(_send.AsMemory(0, pending), SocketFlags.None, peer);
            if (last && block == (ushort)(next - 1))
            {
                return offset == expected.Length;
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private async ValueTask<int> ReceiveAsync(Socket socket, SocketAddress from)
    {
        _timer.CancelAfter(timeout);
        try
        {
            return await socket.ReceiveFromAsync(_receive, SocketFlags.None, from, _timer.Token);
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
        finally
        {
            if (!_timer.TryReset())
            {
                _timer.Dispose();
                _timer = new CancellationTokenSource();
            }
        }
    }
}
