using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sophia.Registration.Sip;

/// <summary>
/// The socket side of our SIP: one UDP socket, a receive loop that hands each response to the transaction
/// waiting for it (matched on Via branch, CSeq and Call-ID, RFC 3261 §17.1.3), and one
/// <see cref="NonInviteClientTransaction"/> per request driving retransmissions on the injected clock.
/// The socket is bound on first use, so building the service binds nothing.
/// </summary>
public sealed partial class SipUdpClient(IOptions<SipOptions> options, TimeProvider time, ILogger<SipUdpClient> logger)
    : ISipProbe, IAsyncDisposable, IDisposable
{
    private readonly SipOptions settings = options.Value;
    private readonly ConcurrentDictionary<string, PendingTransaction> pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim startGate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Socket? socket;
    private Task? receiveLoop;

    /// <summary>The bound local endpoint, once started.</summary>
    public IPEndPoint? LocalEndPoint => socket?.LocalEndPoint as IPEndPoint;

    public Task<SipOutcome> SendOptionsAsync(SipTarget target, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SendAsync(target, SipRequests.Options, reboot: false, TimersWithin(timeout), cancellationToken);

    public Task<SipOutcome> SendCheckSyncAsync(SipTarget target, bool reboot = false, CancellationToken cancellationToken = default) =>
        SendAsync(target, SipRequests.Notify, reboot, settings.Timers, cancellationToken);

    /// <summary>The configured timers with Timer F shortened to <paramref name="timeout"/>; never lengthened past the configured one.</summary>
    private SipTimers TimersWithin(TimeSpan? timeout)
    {
        var timers = settings.Timers;
        if (timeout is not { } wait || wait >= timers.TimerF)
        {
            return timers;
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(timeout));
        return timers with { TimerF = wait };
    }

    /// <summary>Binds the socket and starts the receive loop if not done yet.</summary>
    public async Task<IPEndPoint> StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        if (socket is not null)
        {
            return LocalEndPoint!;
        }
        await startGate.WaitAsync(cancellationToken);
        try
        {
            if (socket is null)
            {
                var address = IPAddress.Parse(settings.LocalAddress);
                var bound = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    bound.DualMode = true;
                }
                bound.Bind(new IPEndPoint(address, settings.LocalPort));
                socket = bound;
                receiveLoop = Task.Run(() => ReceiveLoopAsync(bound, stopping.Token), CancellationToken.None);
                LogBound(LocalEndPoint!);
            }
            return LocalEndPoint!;
        }
        finally
        {
            startGate.Release();
        }
    }

    private async Task<SipOutcome> SendAsync(SipTarget target, string method, bool reboot, SipTimers timers, CancellationToken cancellationToken)
    {
        if (!SipUri.TryParse(target.ContactUri, out var contact))
        {
            return SipOutcome.NotSent($"'{target.ContactUri}' is not a SIP URI");
        }
        if (contact.Scheme != "sip" || contact.Transport != "udp")
        {
            return SipOutcome.NotSent($"{contact.Scheme} over {contact.Transport} is not supported, only sip over UDP");
        }

        var local = await StartAsync(cancellationToken);
        var destination = await ResolveDestinationAsync(target, contact, local.AddressFamily, cancellationToken);
        if (destination.Error is not null)
        {
            return SipOutcome.NotSent(destination.Error);
        }

        var identity = new SipEndpointIdentity(settings.User, SentBy(local, destination.EndPoint!), settings.UserAgent);
        var ids = SipRequestIds.New(identity.SentBy.Split(':')[0].Trim('[', ']'));
        var toUri = ToUri(target.Aor) ?? contact.Value;
        var request = method == SipRequests.Options
            ? SipRequests.BuildOptions(contact, toUri, identity, ids)
            : SipRequests.BuildCheckSync(contact, toUri, identity, ids, reboot);

        var outcome = await RunTransactionAsync(request, ids, destination.EndPoint!, timers, cancellationToken);
        LogOutcome(method, contact.Value, destination.EndPoint!, outcome);
        return outcome;
    }

    private async Task<SipOutcome> RunTransactionAsync(
        SipRequest request, SipRequestIds ids, IPEndPoint destination, SipTimers timers, CancellationToken cancellationToken)
    {
        var bytes = request.ToBytes();
        var entry = new PendingTransaction(ids.CallId, ids.CSeq, request.Method);
        pending[ids.Branch] = entry;
        try
        {
            var started = time.GetTimestamp();
            var transaction = new NonInviteClientTransaction(timers, time.GetUtcNow());
            await socket!.SendToAsync(bytes, SocketFlags.None, destination, cancellationToken);
            SipMessage? final = null;
            while (transaction.NextDeadline is { } deadline)
            {
                var response = await entry.WaitAsync(deadline - time.GetUtcNow(), time, cancellationToken);
                if (response is not null)
                {
                    transaction.OnResponse(response.StatusCode);
                    final = transaction.FinalStatus is null ? null : response;
                    continue;
                }
                if (transaction.OnTimer(time.GetUtcNow()) == SipTransactionAction.Retransmit)
                {
                    LogRetransmit(request.Method, destination, transaction.Transmissions);
                    await socket.SendToAsync(bytes, SocketFlags.None, destination, cancellationToken);
                }
            }
            var elapsed = time.GetElapsedTime(started);
            return final is null
                ? SipOutcome.NoAnswer(transaction.Transmissions, elapsed)
                : SipOutcome.FromFinal(final.StatusCode, final.ReasonPhrase, transaction.Transmissions, elapsed);
        }
        finally
        {
            pending.TryRemove(ids.Branch, out _);
        }
    }

    private async Task ReceiveLoopAsync(Socket bound, CancellationToken stop)
    {
        var buffer = new byte[65_535];
        EndPoint any = new IPEndPoint(bound.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await bound.ReceiveFromAsync(buffer, SocketFlags.None, any, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // An ICMP error from an earlier send can surface here (connection reset/refused); the socket stays usable.
                LogReceiveError(e.SocketErrorCode.ToString());
                continue;
            }
            Dispatch(buffer.AsSpan(0, received.ReceivedBytes), received.RemoteEndPoint);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> datagram, EndPoint remote)
    {
        if (!SipMessageParser.TryParse(datagram, out var message, out var error))
        {
            LogDropped(remote, error);
            return;
        }
        if (!message.IsResponse)
        {
            LogIgnoredRequest(remote, message.Method!);
            return;
        }
        var branch = message.TopViaBranch;
        if (branch is null || !pending.TryGetValue(branch, out var entry) || !entry.Matches(message))
        {
            LogUnmatched(remote, message.StatusCode);
            return;
        }
        entry.Deliver(message);
    }

    private static async Task<(IPEndPoint? EndPoint, string? Error)> ResolveDestinationAsync(
        SipTarget target, SipUri contact, AddressFamily family, CancellationToken cancellationToken)
    {
        // A NATed phone is reached at the source address the registrar saw, not at the private address in its Contact.
        var route = contact;
        if (target.Received is { } received && SipUri.TryParse(received, out var receivedUri))
        {
            route = receivedUri;
        }

        var address = route.HostAddress;
        if (address is null)
        {
            try
            {
                var candidates = await Dns.GetHostAddressesAsync(route.Host, cancellationToken);
                address = candidates.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                    ?? candidates.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6);
            }
            catch (SocketException e)
            {
                return (null, $"cannot resolve '{route.Host}': {e.SocketErrorCode}");
            }
            if (address is null)
            {
                return (null, $"'{route.Host}' has no address");
            }
        }

        if (address.AddressFamily != family)
        {
            if (family != AddressFamily.InterNetworkV6)
            {
                return (null, $"{address} is IPv6 but the SIP client is bound to IPv4 ({SipOptions.Section}:LocalAddress)");
            }
            address = address.MapToIPv6();
        }
        return (new IPEndPoint(address, route.EffectivePort), null);
    }

    private string SentBy(IPEndPoint local, IPEndPoint destination)
    {
        var host = settings.AdvertisedAddress;
        if (string.IsNullOrWhiteSpace(host))
        {
            var address = local.Address;
            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                // Connecting a UDP socket sends nothing; it only asks the routing table which source address it would use.
                using var route = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                route.Connect(destination);
                address = ((IPEndPoint)route.LocalEndPoint!).Address;
            }
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }
            host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        }
        return $"{host}:{local.Port}";
    }

    private static string? ToUri(string? aor) =>
        string.IsNullOrWhiteSpace(aor) ? null
        : aor.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || aor.StartsWith("sips:", StringComparison.OrdinalIgnoreCase) ? aor
        : "sip:" + aor;

    /// <summary>Closes the socket; the receive loop ends on its own (a container disposing synchronously needs this).</summary>
    public void Dispose()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        stopping.Cancel();
        socket?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        await stopping.CancelAsync();
        socket?.Dispose();
        if (receiveLoop is not null)
        {
            await receiveLoop;
        }
        stopping.Dispose();
        startGate.Dispose();
    }

    private sealed class PendingTransaction(string callId, long cseq, string method)
    {
        private readonly Channel<SipMessage> responses = Channel.CreateBounded<SipMessage>(
            new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public bool Matches(SipMessage response) =>
            response.CSeq is { } c && c.Number == cseq && string.Equals(c.Method, method, StringComparison.Ordinal)
            && string.Equals(response.CallId, callId, StringComparison.Ordinal);

        public void Deliver(SipMessage response) => responses.Writer.TryWrite(response);

        /// <summary>The next response, or null when <paramref name="wait"/> passes first.</summary>
        public async Task<SipMessage?> WaitAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
        {
            if (responses.Reader.TryRead(out var ready))
            {
                return ready;
            }
            if (wait > TimeSpan.Zero)
            {
                using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var arrived = responses.Reader.WaitToReadAsync(race.Token).AsTask();
                var elapsed = Task.Delay(wait, time, race.Token);
                await Task.WhenAny(arrived, elapsed);
                await race.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
            return responses.Reader.TryRead(out var response) ? response : null;
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "SIP UDP client bound to {LocalEndPoint}")]
    private partial void LogBound(IPEndPoint localEndPoint);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "Retransmitting {Method} to {Destination}, transmission {Transmission}")]
    private partial void LogRetransmit(string method, IPEndPoint destination, int transmission);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "Dropped datagram from {Remote}: {Reason}")]
    private partial void LogDropped(EndPoint remote, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug, Message = "Ignored a {Method} request from {Remote}: this client serves no requests")]
    private partial void LogIgnoredRequest(EndPoint remote, string method);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "Dropped a {StatusCode} response from {Remote} that matches no pending transaction")]
    private partial void LogUnmatched(EndPoint remote, int statusCode);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "SIP UDP receive error {Error}; still listening")]
    private partial void LogReceiveError(string error);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "{Method} to {Contact} via {Destination}: {Outcome}")]
    private partial void LogOutcome(string method, string contact, IPEndPoint destination, SipOutcome outcome);
}
