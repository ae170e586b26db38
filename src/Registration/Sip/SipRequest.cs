using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sophia.Registration.Sip;

/// <summary>An outgoing request: Request-Line (RFC 3261 §7.1) and headers; our requests never carry a body.</summary>
public sealed record SipRequest(string Method, string RequestUri, IReadOnlyList<SipHeader> Headers)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Writes the message as sent on the wire: CRLF line ends, blank line, no body (§7).</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        Write(output, Method);
        Write(output, " ");
        Write(output, RequestUri);
        Write(output, " SIP/2.0\r\n");
        foreach (var header in Headers)
        {
            Write(output, header.Name);
            Write(output, ": ");
            Write(output, header.Value);
            Write(output, "\r\n");
        }
        Write(output, "\r\n");
    }

    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}

/// <summary>The identifiers that make a request its own transaction and dialog-less exchange.</summary>
/// <param name="Branch">Via branch; starts with the RFC 3261 magic cookie <c>z9hG4bK</c> (§8.1.1.7).</param>
public sealed record SipRequestIds(string Branch, string FromTag, string CallId, long CSeq)
{
    private const string MagicCookie = "z9hG4bK";

    /// <summary>Fresh random identifiers (§8.1.1.3 tag, §8.1.1.4 Call-ID, §8.1.1.7 branch).</summary>
    public static SipRequestIds New(string callIdHost) => new(
        MagicCookie + Token(12),
        Token(8),
        Token(16) + "@" + callIdHost,
        RandomNumberGenerator.GetInt32(1, 1 << 16));

    private static string Token(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}

/// <summary>Builds the two requests Sophia sends to phones.</summary>
public static class SipRequests
{
    public const string Options = "OPTIONS";
    public const string Notify = "NOTIFY";

    /// <summary>
    /// An out-of-dialog OPTIONS (§11): "are you there", answered by any live user agent,
    /// 200 or otherwise, without side effects.
    /// </summary>
    public static SipRequest BuildOptions(SipUri target, string toUri, SipEndpointIdentity local, SipRequestIds ids)
    {
        var headers = CommonHeaders(Options, toUri, local, ids);
        headers.Add(new("Accept", "application/sdp"));
        headers.Add(new("Content-Length", "0"));
        return new SipRequest(Options, target.Value, headers);
    }

    /// <summary>
    /// An unsolicited NOTIFY carrying <c>Event: check-sync</c>: Yealink re-provisions on it
    /// (and reboots only with <c>reboot=true</c>), Polycom re-reads its configuration
    /// (phone-config-keys.md §2.1.12 and §2.2.11). RFC 6665 §8.2.3 makes Subscription-State
    /// mandatory in a NOTIFY; with no subscription behind it, it is <c>terminated</c>.
    /// </summary>
    public static SipRequest BuildCheckSync(SipUri target, string toUri, SipEndpointIdentity local, SipRequestIds ids, bool reboot)
    {
        var headers = CommonHeaders(Notify, toUri, local, ids);
        headers.Add(new("Event", reboot ? "check-sync;reboot=true" : "check-sync"));
        headers.Add(new("Subscription-State", "terminated"));
        headers.Add(new("Content-Length", "0"));
        return new SipRequest(Notify, target.Value, headers);
    }

    private static List<SipHeader> CommonHeaders(string method, string toUri, SipEndpointIdentity local, SipRequestIds ids) =>
    [
        // §18.1.1 sent-by is where responses come back; rport (RFC 3581 §3) asks for them on our source port.
        new("Via", $"SIP/2.0/UDP {local.SentBy};branch={ids.Branch};rport"),
        new("Max-Forwards", "70"),
        new("From", $"<sip:{local.User}@{local.SentBy}>;tag={ids.FromTag}"),
        new("To", $"<{toUri}>"),
        new("Call-ID", ids.CallId),
        new("CSeq", string.Create(CultureInfo.InvariantCulture, $"{ids.CSeq} {method}")),
        new("Contact", $"<sip:{local.User}@{local.SentBy}>"),
        new("User-Agent", local.UserAgent),
    ];
}

/// <summary>How we present ourselves: the user part of From/Contact, the Via sent-by (host:port), the User-Agent.</summary>
public sealed record SipEndpointIdentity(string User, string SentBy, string UserAgent);
