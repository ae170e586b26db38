using System.Buffers;

namespace Sophia.Provisioning.Tftp;

/// <summary>Where a transfer puts the datagrams it wants sent to its client.</summary>
public interface ITftpPacketSink
{
    void Send(ReadOnlySpan<byte> packet);
}

public enum TftpTransferState
{
    /// <summary>OACK sent, waiting for ACK 0 (RFC 2347).</summary>
    Negotiating,
    Transferring,
    Completed,
    Failed,
}

/// <summary>
/// The server side of one read transfer, without sockets: datagrams and clock ticks go in, packets come out
/// through an <see cref="ITftpPacketSink"/>. Not thread-safe; its owner serialises calls.
/// </summary>
/// <remarks>
/// Only a timeout resends: a duplicate ACK is ignored, which is the cure for the Sorcerer's Apprentice
/// (RFC 1123 section 4.2.3.1). Blocks are counted in 64 bits and go on the wire modulo 65536, so files of more than
/// 65535 blocks roll over to block 0 as most clients expect. With a window (RFC 7440) any ACK inside the window
/// moves it and the next window starts right after the acknowledged block.
/// </remarks>
public sealed class TftpReadTransfer
{
    private readonly ReadOnlyMemory<byte> _content;
    private readonly TftpTransferOptions _options;
    private readonly int _maxRetries;
    private readonly int _firstAnswerRetries;
    private readonly TimeProvider _time;
    private readonly long _timeoutTicks;
    private readonly long _blockCount;
    private byte[]? _buffer;
    private long _acknowledged;
    private long _sentUpTo;
    private int _retries;
    private bool _clientAnswered;
    private long _deadline;

    /// <param name="firstAnswerRetries">
    /// Resends of the first answer (OACK or block 1) while the client has acknowledged nothing: a read request's source
    /// address is unproven (it may be a spoofed victim's), so until the client answers, every resend is amplification.
    /// </param>
    public TftpReadTransfer(ReadOnlyMemory<byte> content, TftpTransferOptions options, int maxRetries, TimeProvider time, int firstAnswerRetries = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockSize, TftpOptionNegotiation.MinBlockSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WindowSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        ArgumentOutOfRangeException.ThrowIfNegative(firstAnswerRetries);
        _content = content;
        _options = options;
        _maxRetries = maxRetries;
        _firstAnswerRetries = Math.Min(maxRetries, firstAnswerRetries);
        _time = time;
        _timeoutTicks = (long)(options.Timeout.TotalSeconds * time.TimestampFrequency);
        // The last block is always shorter than blksize, so a file that fills its blocks ends with an empty one.
        _blockCount = (content.Length / options.BlockSize) + 1;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(options.BlockSize + TftpPacketCodec.HeaderSize, 516));
        LastProgress = time.GetTimestamp();
        State = options.Acknowledged.Count > 0 ? TftpTransferState.Negotiating : TftpTransferState.Transferring;
    }

    public TftpTransferState State { get; private set; }

    public bool IsFinished => State is TftpTransferState.Completed or TftpTransferState.Failed;

    public TftpTransferOptions Options => _options;

    /// <summary>File bytes the client has acknowledged (the netascii form when that is the mode).</summary>
    public long BytesAcknowledged => Math.Min(_acknowledged * _options.BlockSize, _content.Length);

    /// <summary>Timestamp (of the injected clock) of the last ACK that moved the transfer forward.</summary>
    public long LastProgress { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>Packets sent again after a timeout, over the whole transfer.</summary>
    public int Retransmissions { get; private set; }

    public void Start(ITftpPacketSink sink)
    {
        if (State == TftpTransferState.Negotiating)
        {
            SendOptionAck(sink);
        }
        else if (State == TftpTransferState.Transferring)
        {
            SendWindow(sink);
        }
    }

    /// <summary>Handles one datagram from the client's transfer id; anything unexpected is ignored.</summary>
    public void Receive(ReadOnlySpan<byte> datagram, ITftpPacketSink sink)
    {
        if (IsFinished || !TftpPacketCodec.TryReadOpcode(datagram, out var opcode))
        {
            return;
        }

        if (opcode == TftpOpcode.Error)
        {
            var described = TftpPacketCodec.TryParseError(datagram, out var code, out var message)
                ? $"client sent error {(int)code}: {message}"
                : "client sent an error";
            Fail(described);
            return;
        }

        if (!TftpPacketCodec.TryParseAck(datagram, out var block))
        {
            return;
        }

        if (State == TftpTransferState.Negotiating)
        {
            if (block == 0)
            {
                State = TftpTransferState.Transferring;
                Progress();
                SendWindow(sink);
            }

            return;
        }

        var advance = (ushort)(block - (ushort)_acknowledged);
        if (advance == 0 || advance > _sentUpTo - _acknowledged)
        {
            // A duplicate or a stale ACK: resending here is what makes the Sorcerer's Apprentice.
            return;
        }

        _acknowledged += advance;
        Progress();
        if (_acknowledged == _blockCount)
        {
            State = TftpTransferState.Completed;
            ReleaseBuffer();
            return;
        }

        SendWindow(sink);
    }

    /// <summary>Resends after a timeout, or gives up once the retries are spent. Call it often; it reads the clock.</summary>
    public void Tick(ITftpPacketSink sink)
    {
        if (IsFinished || _time.GetTimestamp() < _deadline)
        {
            return;
        }

        if (_retries >= (_clientAnswered ? _maxRetries : _firstAnswerRetries))
        {
            Fail($"no answer after {_retries} retransmissions");
            return;
        }

        _retries++;
        if (State == TftpTransferState.Negotiating)
        {
            Retransmissions++;
            SendOptionAck(sink);
        }
        else
        {
            Retransmissions += (int)(Math.Min(_acknowledged + _options.WindowSize, _blockCount) - _acknowledged);
            SendWindow(sink);
        }
    }

    /// <summary>Ends the transfer from outside (idle reaping, shutdown); a no-op once finished.</summary>
    public void Abort(string reason)
    {
        if (!IsFinished)
        {
            Fail(reason);
        }
    }

    private void SendOptionAck(ITftpPacketSink sink)
    {
        var buffer = Buffer;
        var length = TftpPacketCodec.WriteOptionAck(buffer, _options.Acknowledged);
        sink.Send(buffer.AsSpan(0, length));
        _deadline = _time.GetTimestamp() + _timeoutTicks;
    }

    private void SendWindow(ITftpPacketSink sink)
    {
        var last = Math.Min(_acknowledged + _options.WindowSize, _blockCount);
        var content = _content.Span;
        var buffer = Buffer;
        for (var index = _acknowledged + 1; index <= last; index++)
        {
            var start = (index - 1) * _options.BlockSize;
            var length = (int)Math.Min(_options.BlockSize, content.Length - start);
            var written = TftpPacketCodec.WriteData(buffer, (ushort)index, content.Slice((int)start, length));
            sink.Send(buffer.AsSpan(0, written));
        }

        _sentUpTo = last;
        _deadline = _time.GetTimestamp() + _timeoutTicks;
    }

    private byte[] Buffer => _buffer ?? throw new InvalidOperationException("a finished transfer sends nothing");

    private void Progress()
    {
        _clientAnswered = true;
        _retries = 0;
        LastProgress = _time.GetTimestamp();
    }

    private void Fail(string reason)
    {
        State = TftpTransferState.Failed;
        FailureReason = reason;
        ReleaseBuffer();
    }

    private void ReleaseBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
