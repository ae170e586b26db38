using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Sophia.Provisioning.Tftp;

/// <summary>
/// Reads and writes TFTP packets over spans. Every reader checks the length before it reads and never throws
/// on hostile input; writers throw only when the caller's buffer is too small for a fixed-size packet.
/// </summary>
public static class TftpPacketCodec
{
    /// <summary>Opcode and block number (DATA, ACK) or opcode and error code (ERROR).</summary>
    public const int HeaderSize = 4;

    /// <summary>RFC 2347 asks requests to fit in 512 bytes; anything past this is refused as oversized.</summary>
    public const int MaxRequestSize = 1024;

    /// <summary>Options past this count are ignored: no real client sends more than a handful.</summary>
    public const int MaxOptions = 16;

    private const int MaxOptionTextLength = 64;
    private const int MaxErrorMessageLength = 255;

    public static bool TryReadOpcode(ReadOnlySpan<byte> packet, out TftpOpcode opcode)
    {
        if (packet.Length < 2)
        {
            opcode = default;
            return false;
        }

        opcode = (TftpOpcode)BinaryPrimitives.ReadUInt16BigEndian(packet);
        return true;
    }

    // RFC 1350 section 5, RRQ/WRQ, with the options appended by RFC 2347:
    //   2 bytes   string   1 byte  string  1 byte  string  1 byte  string  1 byte
    //  | 01/02 | filename |  0  |  mode  |  0  |  opt1  |  0  | value1 |  0  | ...
    public static bool TryParseRequest(
        ReadOnlySpan<byte> packet,
        [NotNullWhen(true)] out TftpRequestPacket? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (packet.Length > MaxRequestSize)
        {
            error = "request too long";
            return false;
        }

        if (!TryReadOpcode(packet, out var opcode) || opcode is not (TftpOpcode.ReadRequest or TftpOpcode.WriteRequest))
        {
            error = "not a request";
            return false;
        }

        var rest = packet[2..];
        if (!TryTakeString(ref rest, out var nameBytes) || nameBytes.IsEmpty)
        {
            error = "missing file name";
            return false;
        }

        if (!Utf8.IsValid(nameBytes) || ContainsControl(nameBytes))
        {
            error = "invalid file name";
            return false;
        }

        if (!TryTakeString(ref rest, out var modeBytes))
        {
            error = "missing mode";
            return false;
        }

        TftpTransferMode mode;
        if (Ascii.EqualsIgnoreCase(modeBytes, "octet"u8))
        {
            mode = TftpTransferMode.Octet;
        }
        else if (Ascii.EqualsIgnoreCase(modeBytes, "netascii"u8))
        {
            mode = TftpTransferMode.NetAscii;
        }
        else
        {
            error = "unsupported transfer mode";
            return false;
        }

        request = new TftpRequestPacket(opcode, Encoding.UTF8.GetString(nameBytes), mode, ReadOptions(rest));
        error = null;
        return true;
    }

    // RFC 1350 section 5, ACK:  | 04 | block (2 bytes) |
    // Trailing bytes are tolerated: some embedded clients pad their ACKs.
    public static bool TryParseAck(ReadOnlySpan<byte> packet, out ushort block)
    {
        block = 0;
        if (packet.Length < HeaderSize || BinaryPrimitives.ReadUInt16BigEndian(packet) != (ushort)TftpOpcode.Ack)
        {
            return false;
        }

        block = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        return true;
    }

    // RFC 1350 section 5, DATA:  | 03 | block (2 bytes) | 0..blksize bytes |
    public static bool TryParseData(ReadOnlySpan<byte> packet, out ushort block, out ReadOnlySpan<byte> payload)
    {
        block = 0;
        payload = default;
        if (packet.Length < HeaderSize || BinaryPrimitives.ReadUInt16BigEndian(packet) != (ushort)TftpOpcode.Data)
        {
            return false;
        }

        block = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        payload = packet[HeaderSize..];
        return true;
    }

    // RFC 1350 section 5, ERROR:  | 05 | error code (2 bytes) | message | 0 |
    // A missing terminator is tolerated: the message then runs to the end of the datagram.
    public static bool TryParseError(ReadOnlySpan<byte> packet, out TftpErrorCode code, [NotNullWhen(true)] out string? message)
    {
        code = default;
        message = null;
        if (packet.Length < HeaderSize || BinaryPrimitives.ReadUInt16BigEndian(packet) != (ushort)TftpOpcode.Error)
        {
            return false;
        }

        code = (TftpErrorCode)BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var text = packet[HeaderSize..];
        var end = text.IndexOf((byte)0);
        if (end >= 0)
        {
            text = text[..end];
        }

        message = Encoding.Latin1.GetString(text[..Math.Min(text.Length, MaxErrorMessageLength)]);
        return true;
    }

    // RFC 2347, OACK:  | 06 | opt1 | 0 | value1 | 0 | ...
    public static bool TryParseOptionAck(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out IReadOnlyList<TftpOption>? options)
    {
        options = null;
        if (packet.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(packet) != (ushort)TftpOpcode.OptionAck)
        {
            return false;
        }

        options = ReadOptions(packet[2..]);
        return true;
    }

    public static int WriteRequest(Span<byte> destination, TftpOpcode opcode, string fileName, TftpTransferMode mode, IReadOnlyList<TftpOption> options)
    {
        if (opcode is not (TftpOpcode.ReadRequest or TftpOpcode.WriteRequest))
        {
            throw new ArgumentOutOfRangeException(nameof(opcode), opcode, "only RRQ and WRQ are requests");
        }

        var writer = new SpanWriter(destination);
        writer.UInt16((ushort)opcode);
        writer.Utf8String(fileName);
        writer.AsciiString(mode == TftpTransferMode.NetAscii ? "netascii" : "octet");
        foreach (var option in options)
        {
            writer.AsciiString(option.Name);
            writer.AsciiString(option.Value);
        }

        return writer.Written;
    }

    public static int WriteData(Span<byte> destination, ushort block, ReadOnlySpan<byte> payload)
    {
        var length = HeaderSize + payload.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException("destination too small for the DATA packet", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Data);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        payload.CopyTo(destination[HeaderSize..]);
        return length;
    }

    public static int WriteAck(Span<byte> destination, ushort block)
    {
        if (destination.Length < HeaderSize)
        {
            throw new ArgumentException("destination too small for an ACK", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Ack);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        return HeaderSize;
    }

    /// <summary>Writes an ERROR packet; the message is sent as ASCII and cut to fit the destination.</summary>
    public static int WriteError(Span<byte> destination, TftpErrorCode code, string message)
    {
        if (destination.Length < HeaderSize + 1)
        {
            throw new ArgumentException("destination too small for an ERROR packet", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)TftpOpcode.Error);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)code);
        var room = Math.Min(destination.Length - HeaderSize - 1, MaxErrorMessageLength);
        var text = message.Length > room ? message[..room] : message;
        var written = Encoding.ASCII.GetBytes(text, destination[HeaderSize..]);
        destination[HeaderSize + written] = 0;
        return HeaderSize + written + 1;
    }

    public static int WriteOptionAck(Span<byte> destination, IReadOnlyList<TftpOption> options)
    {
        var writer = new SpanWriter(destination);
        writer.UInt16((ushort)TftpOpcode.OptionAck);
        foreach (var option in options)
        {
            writer.AsciiString(option.Name);
            writer.AsciiString(option.Value);
        }

        return writer.Written;
    }

    private static bool TryTakeString(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> value)
    {
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            value = default;
            return false;
        }

        value = rest[..end];
        rest = rest[(end + 1)..];
        return true;
    }

    // Lenient on purpose (RFC 2347 lets a server ignore what it does not understand): an unterminated tail,
    // a name without a value, non-ASCII or over-long text and options past MaxOptions are skipped, not fatal.
    private static TftpOption[] ReadOptions(ReadOnlySpan<byte> rest)
    {
        List<TftpOption>? options = null;
        while (TryTakeString(ref rest, out var name) && !name.IsEmpty && TryTakeString(ref rest, out var value))
        {
            if (!IsOptionText(name) || !IsOptionText(value))
            {
                continue;
            }

            options ??= [];
            if (options.Count == MaxOptions)
            {
                break;
            }

            options.Add(new TftpOption(Encoding.ASCII.GetString(name), Encoding.ASCII.GetString(value)));
        }

        return options is null ? [] : [.. options];
    }

    private static bool IsOptionText(ReadOnlySpan<byte> text) =>
        text.Length <= MaxOptionTextLength && !ContainsControl(text) && Ascii.IsValid(text);

    private static bool ContainsControl(ReadOnlySpan<byte> text) =>
        text.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || text.Contains((byte)0x7F);

    private ref struct SpanWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Written { get; private set; }

        public void UInt16(ushort value)
        {
            Ensure(2);
            BinaryPrimitives.WriteUInt16BigEndian(_destination[Written..], value);
            Written += 2;
        }

        public void AsciiString(string value)
        {
            Ensure(value.Length + 1);
            Written += Encoding.ASCII.GetBytes(value, _destination[Written..]);
            _destination[Written++] = 0;
        }

        public void Utf8String(string value)
        {
            Ensure(Encoding.UTF8.GetByteCount(value) + 1);
            Written += Encoding.UTF8.GetBytes(value, _destination[Written..]);
            _destination[Written++] = 0;
        }

        private readonly void Ensure(int count)
        {
            if (_destination.Length - Written < count)
            {
                throw new ArgumentException("destination too small for the packet");
            }
        }
    }
}
