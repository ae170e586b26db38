using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sophia.Registration.Sip;

/// <summary>
/// A SIP or SIPS URI as a phone puts it in its Contact (RFC 3261 §19.1.1):
/// <c>sip:user@host:port;uri-parameters?headers</c>, possibly wrapped in a name-addr
/// (<c>"Name" &lt;sip:...&gt;;header-params</c>, §20.10), which is unwrapped here.
/// </summary>
/// <param name="Value">The addr-spec without the <c>?headers</c> part: what goes on a Request-Line.</param>
public sealed record SipUri(
    string Value,
    string Scheme,
    string? User,
    string Host,
    int? Port,
    IReadOnlyList<KeyValuePair<string, string?>> Parameters)
{
    /// <summary>The lower-cased <c>transport</c> parameter; UDP when absent (§19.1.4 for sip:).</summary>
    public string Transport => (Parameter("transport") ?? "udp").ToLowerInvariant();

    /// <summary>The port to send to: the explicit one, else 5060 (5061 for sips:), per RFC 3263 §4.2 without SRV.</summary>
    public int EffectivePort => Port ?? (Scheme == "sips" ? 5061 : 5060);

    public string? Parameter(string name)
    {
        foreach (var (key, value) in Parameters)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    public bool HasParameter(string name) =>
        Parameters.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The host as an address when it is an IPv4 or IPv6 literal.</summary>
    public IPAddress? HostAddress => IPAddress.TryParse(Host, out var address) ? address : null;

    public override string ToString() => Value;

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"Not a SIP URI: '{text}'.");

    public static bool TryParse(string? text, out SipUri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var open = span.IndexOf('<');
        if (open >= 0)
        {
            // name-addr: the URI is between the angle brackets; display name and header params are not ours.
            var close = span[(open + 1)..].IndexOf('>');
            if (close < 0)
            {
                return false;
            }
            span = span.Slice(open + 1, close).Trim();
        }

        var colon = span.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }
        var scheme = span[..colon].ToString().ToLowerInvariant();
        if (scheme is not ("sip" or "sips"))
        {
            return false;
        }

        var rest = span[(colon + 1)..];
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            rest = rest[..question];
        }
        var value = string.Concat(scheme, ":", rest);

        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var password = userInfo.IndexOf(':');
            user = (password >= 0 ? userInfo[..password] : userInfo).ToString();
            if (user.Length == 0)
            {
                return false;
            }
            rest = rest[(at + 1)..];
        }

        var semicolon = rest.IndexOf(';');
        var hostPort = semicolon >= 0 ? rest[..semicolon] : rest;
        var parameters = semicolon >= 0 ? ParseParameters(rest[(semicolon + 1)..]) : [];

        if (!TrySplitHostPort(hostPort, out var host, out var port))
        {
            return false;
        }

        uri = new SipUri(value, scheme, user, host, port, parameters);
        return true;
    }

    private static List<KeyValuePair<string, string?>> ParseParameters(ReadOnlySpan<char> text)
    {
        var list = new List<KeyValuePair<string, string?>>();
        foreach (var range in text.Split(';'))
        {
            var part = text[range].Trim();
            if (part.IsEmpty)
            {
                continue;
            }
            var equals = part.IndexOf('=');
            list.Add(equals >= 0
                ? new(part[..equals].Trim().ToString(), part[(equals + 1)..].Trim().ToString())
                : new(part.ToString(), null));
        }
        return list;
    }

    private static bool TrySplitHostPort(ReadOnlySpan<char> hostPort, out string host, out int? port)
    {
        host = "";
        port = null;
        ReadOnlySpan<char> portText;
        if (hostPort.StartsWith("["))
        {
            // IPv6reference (§25.1): the brackets are part of the grammar, not of the address.
            var end = hostPort.IndexOf(']');
            if (end < 0 || !IPAddress.TryParse(hostPort[1..end], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
            host = hostPort[1..end].ToString();
            portText = hostPort[(end + 1)..];
            if (!portText.IsEmpty && portText[0] != ':')
            {
                return false;
            }
            portText = portText.IsEmpty ? portText : portText[1..];
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            host = (colon >= 0 ? hostPort[..colon] : hostPort).ToString();
            portText = colon >= 0 ? hostPort[(colon + 1)..] : [];
        }

        if (host.Length == 0)
        {
            return false;
        }
        if (portText.IsEmpty)
        {
            return true;
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            return false;
        }
        port = number;
        return true;
    }
}
