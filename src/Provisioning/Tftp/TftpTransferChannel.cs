using System.Net;
using System.Net.Sockets;

namespace Sophia.Provisioning.Tftp;

/// <summary>
/// The socket side of one transfer: its own UDP port (RFC 1350 section 4, the server's transfer id) feeding the
/// <see cref="TftpReadTransfer"/>. A <see cref="TftpTransferPump"/> calls it when the socket is readable and on
/// every tick; all calls into the transfer happen under one lock, so no two threads ever drive it at once.
/// </summary>
internal sealed class TftpTransferChannel : ITftpPacketSink, IDisposable
{
    private static readonly byte[] UnknownTransferId = BuildError(TftpErrorCode.UnknownTransferId, "unknown transfer id");

    private readonly Lock _gate = new();
    private readonly SocketAddress _remote;
    private readonly TftpReadTransfer _transfer;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closed;

    public TftpTransferChannel(Socket socket, IPEndPoint remote, TftpReadTransfer transfer)
    {
        // Non-blocking: a pump thread serves many transfers and must never sit in one receive.
        socket.Blocking = false;
        Socket = socket;
        _remote = remote.Serialize();
        _transfer = transfer;
    }

    public Socket Socket { get; }

    public TftpReadTransfer Transfer => _transfer;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Completes once the transfer has ended and its socket is closed.</summary>
    public Task Completion => _completion.Task;

    public void Start()
    {
        lock (_gate)
        {
            _transfer.Start(this);
        }

        CloseIfFinished();
    }

    /// <summary>Takes one datagram off the socket (the pump saw it readable) and hands it to the transfer.</summary>
    public void ReceiveOne(byte[] buffer, SocketAddress from)
    {
        int received;
        try
        {
            received = Socket.ReceiveFrom(buffer, SocketFlags.None, from);
        }
        catch (SocketException)
        {
            // ICMP errors (ConnectionReset/Refused), an oversized datagram (MessageSize) or a spurious wake-up
            // (WouldBlock): none of them ends the transfer; the retransmission timer still runs.
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        Handle(buffer.AsSpan(0, received), from);
        CloseIfFinished();
    }

    /// <summary>Lets the transfer resend on timeout; reaps it when it made no progress for <paramref name="idleTicks"/>.</summary>
    public void Tick(long idleTicks, long now)
    {
        lock (_gate)
        {
            _transfer.Tick(this);
            if (idleTicks > 0 && now - _transfer.LastProgress > idleTicks)
            {
                _transfer.Abort("idle session reaped");
            }
        }

        CloseIfFinished();
    }

    public void Abort(string reason)
    {
        lock (_gate)
        {
            _transfer.Abort(reason);
        }

        CloseIfFinished();
    }

    public void Dispose() => Abort("disposed");

    void ITftpPacketSink.Send(ReadOnlySpan<byte> packet)
    {
        try
        {
            Socket.SendTo(packet, SocketFlags.None, _remote);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // A lost send is a lost datagram: the retransmission timer covers it like any other loss.
        }
    }

    private void Handle(ReadOnlySpan<byte> datagram, SocketAddress from)
    {
        if (!from.Equals(_remote))
        {
            // RFC 1350 section 4: tell a stranger it has the wrong transfer id, leave the transfer alone,
            // and never answer an ERROR with an ERROR.
            if (!TftpPacketCodec.TryReadOpcode(datagram, out var opcode) || opcode != TftpOpcode.Error)
            {
                try
                {
                    Socket.SendTo(UnknownTransferId, SocketFlags.None, from);
                }
                catch (SocketException)
                {
                    // Courtesy packet only.
                }
            }

            return;
        }

        lock (_gate)
        {
            _transfer.Receive(datagram, this);
        }
    }

    private void CloseIfFinished()
    {
        if (_transfer.IsFinished && Interlocked.Exchange(ref _closed, 1) == 0)
        {
            Socket.Dispose();
            _completion.TrySetResult();
        }
    }

    private static byte[] BuildError(TftpErrorCode code, string message)
    {
        var packet = new byte[TftpPacketCodec.HeaderSize + message.Length + 1];
        TftpPacketCodec.WriteError(packet, code, message);
        return packet;
    }
}
