namespace Sophia.Provisioning.Tftp;

/// <summary>
/// The netascii transfer form (RFC 1350 section 1, after RFC 764): the stored bytes are Unix text, so each LF
/// goes out as CR LF and each bare CR as CR NUL; the client undoes both.
/// </summary>
public static class NetAscii
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    /// <summary>The size once encoded, which is what tsize must announce for a netascii transfer (RFC 2349).</summary>
    public static long EncodedLength(ReadOnlySpan<byte> content) =>
        (long)content.Length + content.Count(Lf) + content.Count(Cr);

    public static byte[] Encode(ReadOnlySpan<byte> content)
    {
        var encoded = new byte[EncodedLength(content)];
        var written = 0;
        while (!content.IsEmpty)
        {
            var special = content.IndexOfAny(Cr, Lf);
            var plain = special < 0 ? content : content[..special];
            plain.CopyTo(encoded.AsSpan(written));
            written += plain.Length;
            if (special < 0)
            {
                break;
            }

            encoded[written++] = Cr;
            encoded[written++] = content[special] == Lf ? Lf : (byte)0;
            content = content[(special + 1)..];
        }

        return encoded;
    }
}
