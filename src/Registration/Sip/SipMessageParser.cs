using System.Globalization;
using System.Text;

namespace Sophia.Registration.Sip;

/// <summary>
/// Parses one SIP datagram (RFC 3261 §7, §18.3: over UDP a datagram is exactly one message).
/// Bare LF line ends are accepted as §7.5 asks implementations to be lenient about.
/// </summary>
public static class SipMessageParser
{
    private const string Version = "SIP/2.0";

    public static bool TryParse(ReadOnlySpan<byte> datagram, out SipMessage message, out string error)
    {
        message = null!;
        error = "";

        // §7.5: a CRLF keep-alive or stray blank lines before the start-line are ignored.
        while (!datagram.IsEmpty && (datagram[0] == (byte)'\r' || datagram[0] == (byte)'\n'))
        {
            datagram = datagram[1..];
        }
        if (datagram.IsEmpty)
        {
            error = "empty datagram";
            return false;
        }

        var headerEnd = FindHeaderEnd(datagram, out var bodyStart);
        if (headerEnd < 0)
        {
            error = "no blank line after the headers";
            return false;
        }

        var head = Encoding.UTF8.GetString(datagram[..headerEnd]);
        var lines = UnfoldLines(head);
        if (lines.Count == 0)
        {
            error = "no start-line";
            return false;
        }

        string? method = null, requestUri = null, reason = null;
        var status = 0;
        if (!TryParseStartLine(lines[0], ref method, ref requestUri, ref status, ref reason, out error))
        {
            return false;
        }

        var headers = new List<SipHeader>(lines.Count - 1);
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                error = $"malformed header line {i + 1}";
                return false;
            }
            var name = ExpandCompactName(line[..colon].Trim());
            headers.Add(new SipHeader(name, line[(colon + 1)..].Trim()));
        }

        var body = datagram[bodyStart..];
        var declared = headers.FirstOrDefault(h => string.Equals(h.Name, "Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        if (declared is not null)
        {
            if (!int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > body.Length)
            {
                // §18.3: over UDP a Content-Length larger than the datagram means the message is discarded.
                error = $"Content-Length {declared} but {body.Length} body bytes";
                return false;
            }
            body = body[..length];
        }

        message = new SipMessage(method, requestUri, status, reason, headers, body.ToArray());
        return true;
    }

    private static bool TryParseStartLine(
        string line, ref string? method, ref string? requestUri, ref int status, ref string? reason, out string error)
    {
        error = "";
        if (line.StartsWith(Version + " ", StringComparison.Ordinal))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (§7.2)
            var rest = line[(Version.Length + 1)..];
            var space = rest.IndexOf(' ');
            var code = space >= 0 ? rest[..space] : rest;
            if (code.Length != 3 || !int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out status) || status < 100)
            {
                error = $"bad status code '{code}'";
                return false;
            }
            reason = space >= 0 ? rest[(space + 1)..] : "";
            return true;
        }

        // Request-Line = Method SP Request-URI SP SIP-Version (§7.1)
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[2] != Version || parts[0].Length == 0 || parts[1].Length == 0)
        {
            error = "start-line is neither a Status-Line nor a Request-Line";
            return false;
        }
        method = parts[0];
        requestUri = parts[1];
        return true;
    }

    private static int FindHeaderEnd(ReadOnlySpan<byte> data, out int bodyStart)
    {
        var crlf = data.IndexOf("\r\n\r\n"u8);
        var lf = data.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            bodyStart = crlf + 4;
            return crlf;
        }
        bodyStart = lf + 2;
        return lf;
    }

    /// <summary>Splits header lines and joins continuation lines (§7.3.1: a line starting with SP or HT continues the previous one).</summary>
    private static List<string> UnfoldLines(string head)
    {
        var lines = new List<string>();
        foreach (var raw in head.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && lines.Count > 1)
            {
                lines[^1] = lines[^1] + " " + line.Trim();
            }
            else
            {
                lines.Add(line);
            }
        }
        return lines;
    }

    /// <summary>Compact header forms (§7.3.3 and RFC 6665 §8.3.1 for Event).</summary>
    private static string ExpandCompactName(string name) => name.Length != 1 ? name : char.ToLowerInvariant(name[0]) switch
    {
        'i' => "Call-ID",
        'm' => "Contact",
        'e' => "Content-Encoding",
        'l' => "Content-Length",
        'c' => "Content-Type",
        'f' => "From",
        's' => "Subject",
        'k' => "Supported",
        't' => "To",
        'v' => "Via",
        'o' => "Event",
        'u' => "Allow-Events",
        _ => name,
    };
}
