using System.Net;
using System.Net.Sockets;

namespace Sophia.Provisioning.Tests.Tftp;

/// <summary>
/// A UDP relay between one client and the server that drops and reorders datagrams, with decisions drawn from
/// a seeded generator. The client talks to <see cref="EndPoint"/> only; the relay learns the server's transfer
/// port from its first answer. The very first datagram (the request) is spared: only the client can repair
/// its loss, after its own timeout, which would only make the test slow.
/// </summary>
internal sealed class LossyUdpRelay : IDisposable
{
    private readonly Socket _front = Bound();
    private readonly Socket _back = Bound();
    private readonly IPEndPoint _server;
    private readonly Random _random;
    private readonly double _dropRate;
    private readonly double _reorderRate;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Held _heldUp = new();
    private readonly Held _heldDown = new();
    private IPEndPoint? _client;
    private IPEndPoint? _serverTransfer;
    private bool _requestSeen;

    public LossyUdpRelay(IPEndPoint server, int seed, double dropRate, double reorderRate)
    {
        _server = server;
        _random = new Random(seed);
        _dropRate = dropRate;
        _reorderRate = reorderRate;
        _ = PumpAsync(_front, upstream: true);
        _ = PumpAsync(_back, upstream: false);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_front.LocalEndPoint!;

    public int Dropped { get; private set; }

    public int Reordered { get; private set; }

    public int Forwarded { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _front.Dispose();
        _back.Dispose();
        _stop.Dispose();
    }

    private async Task PumpAsync(Socket socket, bool upstream)
    {
        var buffer = new byte[70000];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            var packet = buffer[..result.ReceivedBytes];
            var from = (IPEndPoint)result.RemoteEndPoint;
            List<(byte[] Packet, IPEndPoint To)> send = [];
            Socket output;
            lock (_gate)
            {
                IPEndPoint? to;
                Held held;
                if (upstream)
                {
                    _client = from;
                    to = _serverTransfer ?? _server;
                    output = _back;
                    held = _heldUp;
                }
                else
                {
                    _serverTransfer ??= from;
                    to = _client;
                    output = _front;
                    held = _heldDown;
                }

                if (to is null)
                {
                    continue;
                }

                var spare = upstream && !_requestSeen;
                _requestSeen |= upstream;
                var roll = _random.NextDouble();
                if (!spare && roll < _dropRate)
                {
                    Dropped++;
                    continue;
                }

                if (!spare && roll < _dropRate + _reorderRate && held.Packet is null)
                {
                    // Held back until the next datagram in the same direction has gone by.
                    held.Packet = packet;
                    held.To = to;
                    Reordered++;
                    continue;
                }

                send.Add((packet, to));
                if (held.Packet is not null)
                {
                    send.Add((held.Packet, held.To!));
                    held.Packet = null;
                }

                Forwarded += send.Count;
            }

            foreach (var (datagram, to) in send)
            {
                try
                {
                    await output.SendToAsync(datagram, SocketFlags.None, to);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // The relay is as lossy as the network it stands for.
                }
            }
        }
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private sealed class Held
    {
        public byte[]? Packet { get; set; }

        public IPEndPoint? To { get; set; }
    }
}
