using System.Globalization;

namespace Sophia.Registration.Sip;

/// <summary>One header line, name as written (compact forms are expanded by the parser).</summary>
public readonly record struct SipHeader(string Name, string Value);

/// <summary>
/// A parsed SIP message (RFC 3261 §7): a request (Method + Request-URI) or a response (Status-Code + Reason-Phrase),
/// its headers in order, and its body.
/// </summary>
public sealed record SipMessage(
    string? Method,
    string? RequestUri,
    int StatusCode,
    string? ReasonPhrase,
    IReadOnlyList<SipHeader> Headers,
    ReadOnlyMemory<byte> Body)
{
    public bool IsResponse => Method is null;

    /// <summary>The first value of a header, matched case-insensitively (§7.3.1).</summary>
    public string? Header(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }
        return null;
    }

    public string? CallId => Header("Call-ID");

    /// <summary>CSeq: sequence number and method (§20.16), or null when absent or malformed.</summary>
    public (long Number, string Method)? CSeq
    {
        get
        {
            var value = Header("CSeq");
            if (value is null)
            {
                return null;
            }
            var parts = value.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? (number, parts[1])
                : null;
        }
    }

    /// <summary>
    /// The topmost Via value: the first comma-separated value of the first Via header (§7.3.1, §20.42).
    /// </summary>
    public string? TopVia
    {
        get
        {
            var via = Header("Via");
            if (via is null)
            {
                return null;
            }
            var comma = via.IndexOf(',');
            return (comma >= 0 ? via[..comma] : via).Trim();
        }
    }

    /// <summary>The branch parameter of the topmost Via, the transaction key of §17.1.3.</summary>
    public string? TopViaBranch => ViaParameter(TopVia, "branch");

    internal static string? ViaParameter(string? via, string name)
    {
        if (via is null)
        {
            return null;
        }
        foreach (var part in via.Split(';').Skip(1))
        {
            var equals = part.IndexOf('=');
            var key = (equals >= 0 ? part[..equals] : part).Trim();
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return equals >= 0 ? part[(equals + 1)..].Trim() : "";
            }
        }
        return null;
    }
}
