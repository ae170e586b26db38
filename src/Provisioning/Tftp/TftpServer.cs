using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sophia.Provisioning.Tftp;

/// <summary>
/// The TFTP server (read requests only): listeners on the configured addresses take RRQs, each admitted request
/// gets its file from the <see cref="ITftpFileProvider"/> and then its own <see cref="TftpTransferChannel"/>, which a
/// <see cref="TftpTransferPump"/> thread serves, retransmits and reaps when idle.
/// </summary>
public sealed partial class TftpServer(
    IOptions<TftpOptions> options,
    ITftpFileProvider files,
    ITftpTransferObserver observer,
    TimeProvider time,
    ILogger<TftpServer> logger) : BackgroundService
{
    private const int ListenerReceiveBuffer = 1 << 20;

    private readonly TftpOptions _options = options.Value;
    private readonly TftpSessionTable _sessions = new(options.Value.MaxSessions, options.Value.MaxSessionsPerAddress);
    private readonly List<TftpTransferPump> _pumps = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Socket> _listeners = [];

    // Starts at 1 for the server itself; each request in flight adds one, and whoever brings it to 0 signals _drained.
    private int _inFlight = 1;
    private CancellationToken _stopping;

    /// <summary>Where the server listens, with the real ports once started (useful when Port is 0).</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints { get; private set; } = [];

    /// <summary>Sessions admitted and not yet finished.</summary>
    public int ActiveSessions => _sessions.Count;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            logger.Disabled();
            return Task.CompletedTask;
        }

        // Bind before the host reports started, so a taken port fails the start instead of a background task.
        BindListeners();
        StartPumps();
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        foreach (var pump in _pumps)
        {
            pump.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        await Task.WhenAll(_listeners.Select(listener => ListenAsync(listener, stoppingToken)));
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        foreach (var pump in _pumps)
        {
            pump.Dispose();
        }

        LeaveFlight();
        await _drained.Task;
    }

    private void BindListeners()
    {
        var endPoints = new List<IPEndPoint>();
        var port = _options.Port;
        foreach (var (address, dualMode) in ListenAddresses())
        {
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = dualMode;
                }

                socket.ReceiveBufferSize = ListenerReceiveBuffer;
                socket.Bind(new IPEndPoint(address, port));
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            var bound = (IPEndPoint)socket.LocalEndPoint!;
            // With port 0 every listener shares the first one's port, so a client can use any address.
            port = bound.Port;
            _listeners.Add(socket);
            endPoints.Add(bound);
            logger.Listening(bound);
        }

        LocalEndPoints = endPoints;
    }

    // One pump per core (at most four): enough to use the machine, few enough that each poll set stays busy.
    private void StartPumps()
    {
        // Fine enough for the shortest timeout (RFC 2349 counts in whole seconds; the server default may be less).
        var tick = TimeSpan.FromTicks(Math.Clamp(_options.Timeout.Ticks / 5, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerMillisecond * 200));
        var count = Math.Clamp(Environment.ProcessorCount, 1, 4);
        for (var i = 0; i < count; i++)
        {
            _pumps.Add(new TftpTransferPump(time, tick, _options.IdleTimeout, _options.ReapInterval, $"TFTP pump {i}", logger));
        }
    }

    private IEnumerable<(IPAddress Address, bool DualMode)> ListenAddresses()
    {
        if (_options.Addresses.Count > 0)
        {
            return _options.Addresses.Select(text => (IPAddress.Parse(text), false));
        }

        return Socket.OSSupportsIPv6 ? [(IPAddress.IPv6Any, true)] : [(IPAddress.Any, false)];
    }

    private async Task ListenAsync(Socket listener, CancellationToken ct)
    {
        var buffer = new byte[TftpPacketCodec.MaxRequestSize + 1];
        EndPoint any = listener.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveMessageFromResult result;
            try
            {
                result = await listener.ReceiveMessageFromAsync(buffer, SocketFlags.None, any, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e)
            {
                // ICMP errors from earlier sends show up here (ConnectionReset); they concern one datagram, not the server.
                logger.ReceiveError(listener.LocalEndPoint, e.SocketErrorCode);
                continue;
            }

            var remote = Normalize((IPEndPoint)result.RemoteEndPoint);
            if (result.ReceivedBytes > TftpPacketCodec.MaxRequestSize || result.SocketFlags.HasFlag(SocketFlags.Truncated))
            {
                logger.DatagramDropped(remote, "oversized datagram");
                continue;
            }

            var local = LocalAddressFor(listener, result.PacketInformation, remote);
            HandleDatagram(listener, buffer.AsSpan(0, result.ReceivedBytes), remote, local);
        }
    }

    private void HandleDatagram(Socket listener, ReadOnlySpan<byte> datagram, IPEndPoint remote, IPAddress local)
    {
        if (!TftpPacketCodec.TryReadOpcode(datagram, out var opcode))
        {
            logger.DatagramDropped(remote, "too short");
            return;
        }

        switch (opcode)
        {
            case TftpOpcode.ReadRequest or TftpOpcode.WriteRequest:
                break;
            case TftpOpcode.Data or TftpOpcode.Ack or TftpOpcode.Error or TftpOpcode.OptionAck:
                // Stray transfer packets on the request port: answering them could start a loop with another server.
                logger.DatagramDropped(remote, "transfer packet on the request port");
                return;
            default:
                logger.DatagramDropped(remote, "unknown opcode");
                SendError(listener, remote, TftpErrorCode.IllegalOperation, "illegal TFTP operation");
                return;
        }

        if (!TftpPacketCodec.TryParseRequest(datagram, out var request, out var error))
        {
            logger.DatagramDropped(remote, error);
            SendError(listener, remote, TftpErrorCode.IllegalOperation, error);
            return;
        }

        var started = time.GetTimestamp();
        if (request.Opcode == TftpOpcode.WriteRequest)
        {
            logger.WriteRefused(request.FileName, remote);
            SendError(listener, remote, TftpErrorCode.AccessViolation, "write requests are not accepted");
            Record(new(remote, request.FileName, request.Mode, TftpTransferOutcome.Rejected, 0, TimeSpan.Zero, null, "write request"));
            return;
        }

        var admission = _sessions.TryAdmit(remote);
        if (admission == TftpAdmission.Duplicate)
        {
            logger.DatagramDropped(remote, "retransmitted request for a running session");
            return;
        }

        if (admission != TftpAdmission.Admitted)
        {
            var reason = admission == TftpAdmission.ServerBusy ? "too many sessions" : "too many sessions from this address";
            logger.Busy(request.FileName, remote, reason);
            SendError(listener, remote, TftpErrorCode.NotDefined, $"server busy ({reason}), try again later");
            Record(new(remote, request.FileName, request.Mode, TftpTransferOutcome.Rejected, 0, TimeSpan.Zero, null, reason));
            return;
        }

        Interlocked.Increment(ref _inFlight);
        // Off the listener's loop: a slow provider must not hold up other clients' requests.
        _ = Task.Run(() => ServeAsync(listener, request, remote, local, started));
    }

    private void LeaveFlight()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
    }

    private void Record(TftpTransferRecord record)
    {
        try
        {
            observer.OnTransferFinished(record);
        }
        catch (Exception e)
        {
            logger.ObserverFailed(e);
        }
    }

    private void SendError(Socket socket, IPEndPoint remote, TftpErrorCode code, string message)
    {
        Span<byte> packet = stackalloc byte[TftpPacketCodec.HeaderSize + 128];
        var length = TftpPacketCodec.WriteError(packet, code, message);
        try
        {
            socket.SendTo(packet[..length], SocketFlags.None, remote);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            logger.DatagramDropped(remote, "could not send the error packet");
        }
    }

    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    // The transfer socket answers from the address the request came to, as clients (and NAT) expect.
    private static IPAddress LocalAddressFor(Socket listener, IPPacketInformation packet, IPEndPoint remote)
    {
        var bound = ((IPEndPoint)listener.LocalEndPoint!).Address;
        var address = bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any) ? packet.Address : bound;
        if (address is not null && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address is null || address.AddressFamily != remote.AddressFamily)
        {
            return remote.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
        }

        return address;
    }
}
