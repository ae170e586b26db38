using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Sophia.Provisioning.Tftp;

/// <summary>
/// The socket side of one transfer: its own UDP port (RFC 1350 section 4, the server's transfer id), a receive
/// loop feeding the <see cref="TftpReadTransfer"/>, and the ticks that drive retransmission. Every call into the
/// transfer happens under one lock, so the receive loop and the ticker never race.
/// </summary>
internal sealed class TftpTransferChannel : ITftpPacketSink, IDisposable
{
    // Clients only ever send ACKs and ERRORs here; anything longer than this is dropped as oversized.
    private const int ReceiveBufferSize = 1024;

    private static readonly byte[] UnknownTransferId = BuildError(TftpErrorCode.UnknownTransferId, "unknown transfer id");

    private readonly Lock _gate = new();
    private readonly Socket _socket;
    private readonly SocketAddress _remote;
    private readonly TftpReadTransfer _transfer;
    private int _closed;

    public TftpTransferChannel(Socket socket, IPEndPoint remote, TftpReadTransfer transfer)
    {
        _socket = socket;
        _remote = remote.Serialize();
        _transfer = transfer;
    }

    public TftpReadTransfer Transfer => _transfer;

    /// <summary>Sends the first packet, then serves the client until the transfer ends or <paramref name="ct"/> fires.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        var from = new SocketAddress(_remote.Family);
        try
        {
            lock (_gate)
            {
                _transfer.Start(this);
            }

            while (!_transfer.IsFinished && !ct.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await _socket.ReceiveFromAsync(buffer.AsMemory(0, ReceiveBufferSize), SocketFlags.None, from, ct);
                }
                catch (SocketException e) when (IsTransient(e.SocketErrorCode) && Volatile.Read(ref _closed) == 0)
                {
                    continue;
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    break;
                }

                Handle(buffer.AsSpan(0, received), from);
            }
        }
        finally
        {
            if (ct.IsCancellationRequested)
            {
                Abort("server stopping");
            }

            Close();
            ArrayPool<byte>.Shared.Return(buffer);
        }
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

        if (_transfer.IsFinished)
        {
            Close();
        }
    }

    public void Abort(string reason)
    {
        lock (_gate)
        {
            _transfer.Abort(reason);
        }

        Close();
    }

    public void Dispose() => Close();

    void ITftpPacketSink.Send(ReadOnlySpan<byte> packet)
    {
        try
        {
            _socket.SendTo(packet, SocketFlags.None, _remote);
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
                TrySendTo(UnknownTransferId, from);
            }

            return;
        }

        lock (_gate)
        {
            _transfer.Receive(datagram, this);
        }
    }

    private void TrySendTo(byte[] packet, SocketAddress to)
    {
        try
        {
            _socket.SendTo(packet, SocketFlags.None, to);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Courtesy packet only.
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _socket.Dispose();
        }
    }

    // ICMP errors surface as ConnectionReset/Refused and an oversized datagram as MessageSize: none ends the transfer.
    private static bool IsTransient(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize
            or SocketError.HostUnreachable or SocketError.NetworkUnreachable;

    private static byte[] BuildError(TftpErrorCode code, string message)
    {
        var packet = new byte[TftpPacketCodec.HeaderSize + message.Length + 1];
        TftpPacketCodec.WriteError(packet, code, message);
        return packet;
    }
}
