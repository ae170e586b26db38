using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Sophia.Provisioning.Tftp;

/// <summary>
/// One dedicated thread that serves many transfer sockets: it waits with poll(2) (<c>Socket.Select</c>) for
/// any of them to become readable, handles the datagram inline, and ticks every transfer for retransmission and idle
/// reaping. TFTP is lock-step, one small datagram each way; handing each one from the socket engine to the thread
/// pool cost more context switches than the work itself, which this loop avoids.
/// </summary>
internal sealed class TftpTransferPump : IDisposable
{
    private const int ReceiveBufferSize = 1024;

    private static readonly byte[] WakeUp = [0];

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _tickTicks;
    private readonly long _idleTicks;
    private readonly long _reapTicks;
    private readonly ConcurrentQueue<TftpTransferChannel> _incoming = new();
    private readonly Dictionary<Socket, TftpTransferChannel> _channels = [];
    private readonly List<Socket> _readable = [];
    private readonly byte[] _buffer = new byte[ReceiveBufferSize];
    private readonly Socket _wakeReceiver;
    private readonly Socket _wakeSender;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private volatile bool _stopping;
    private int _count;

    public TftpTransferPump(TimeProvider time, TimeSpan tick, TimeSpan idleTimeout, TimeSpan reapInterval, string name, ILogger logger)
    {
        _time = time;
        _logger = logger;
        _tickTicks = ToTimestampTicks(tick);
        _idleTicks = ToTimestampTicks(idleTimeout);
        _reapTicks = ToTimestampTicks(reapInterval);
        // A loopback datagram to ourselves wakes the poll when a new transfer arrives.
        _wakeReceiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _wakeReceiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wakeReceiver.Blocking = false;
        _wakeSender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _wakeSender.Connect(_wakeReceiver.LocalEndPoint!);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Transfers this pump serves, for spreading new ones across pumps.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Takes a started transfer on; a pump that is stopping aborts it at once.</summary>
    public void Add(TftpTransferChannel channel)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                channel.Abort("server stopping");
                return;
            }

            Interlocked.Increment(ref _count);
            _incoming.Enqueue(channel);
        }

        try
        {
            _wakeSender.Send(WakeUp);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The next tick picks the transfer up anyway, or the pump has stopped and aborted it.
        }
    }

    /// <summary>Stops the thread and aborts what it still served.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            // From here on Add refuses, so the queue drained below is the last of it.
            _stopping = true;
        }

        try
        {
            _wakeSender.Send(WakeUp);
        }
        catch (SocketException)
        {
            // Joined below all the same: the poll wakes at the next tick.
        }

        _thread.Join();
        while (_incoming.TryDequeue(out var channel))
        {
            channel.Abort("server stopping");
        }

        foreach (var channel in _channels.Values)
        {
            channel.Abort("server stopping");
        }

        _channels.Clear();
        _wakeSender.Dispose();
        _wakeReceiver.Dispose();
    }

    private void Run()
    {
        var from = new SocketAddress(AddressFamily.InterNetworkV6);
        var fromV4 = new SocketAddress(AddressFamily.InterNetwork);
        var nextTick = _time.GetTimestamp() + _tickTicks;
        var nextReap = _time.GetTimestamp() + _reapTicks;
        while (!_stopping)
        {
            while (_incoming.TryDequeue(out var added))
            {
                _channels[added.Socket] = added;
            }

            _readable.Clear();
            _readable.Add(_wakeReceiver);
            _readable.AddRange(_channels.Keys);
            var wait = Math.Max(0, nextTick - _time.GetTimestamp()) * 1_000_000 / _time.TimestampFrequency;
            try
            {
                Socket.Select(_readable, null, null, (int)Math.Clamp(wait, 0, int.MaxValue));
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                // A transfer closed from outside (it leaves the set below) or an interrupted poll: try again.
                _readable.Clear();
            }

            foreach (var socket in _readable)
            {
                if (socket == _wakeReceiver)
                {
                    DrainWakeUps();
                }
                else if (_channels.TryGetValue(socket, out var channel))
                {
                    try
                    {
                        channel.ReceiveOne(_buffer, socket.AddressFamily == AddressFamily.InterNetwork ? fromV4 : from);
                    }
                    catch (Exception e)
                    {
                        Crashed(channel, e);
                    }
                }
            }

            var now = _time.GetTimestamp();
            if (now >= nextTick)
            {
                var reap = now >= nextReap;
                var idle = reap ? _idleTicks : 0;
                foreach (var channel in _channels.Values)
                {
                    try
                    {
                        channel.Tick(idle, now);
                    }
                    catch (Exception e)
                    {
                        Crashed(channel, e);
                    }
                }

                nextTick = now + _tickTicks;
                nextReap = reap ? now + _reapTicks : nextReap;
            }

            RemoveClosed();
        }
    }

    // A bug in one transfer must end that transfer, not the thread that serves all the others.
    private void Crashed(TftpTransferChannel channel, Exception exception)
    {
        _logger.TransferCrashed(exception);
        channel.Abort("internal error");
    }

    private void DrainWakeUps()
    {
        try
        {
            while (_wakeReceiver.Available > 0)
            {
                _wakeReceiver.Receive(_buffer);
            }
        }
        catch (SocketException)
        {
            // Nothing left to drain.
        }
    }

    private void RemoveClosed()
    {
        foreach (var (socket, channel) in _channels)
        {
            if (channel.IsClosed)
            {
                _channels.Remove(socket);
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
