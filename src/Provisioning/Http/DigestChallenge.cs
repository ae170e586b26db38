using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Sophia.Provisioning.Http;

/// <summary>
/// HTTP Digest (RFC 7616 with MD5, as Yealink and Polycom implement it; RFC 2617 compatible). Nonces are
/// <c>timestamp | random | HMAC(key, timestamp | random | client address)</c>: any node sharing the key can check
/// one without storing it, a forged or altered nonce fails its MAC, an old one is stale, and a replayed
/// (nonce, nc) pair is refused (tracked per node for the nonce's lifetime).
/// </summary>
public sealed class DigestAuth(byte[] key, TimeProvider time, string realm, TimeSpan nonceLifetime)
{
    private const int TimestampLength = 8;
    private const int RandomLength = 8;
    private const int MacLength = 16;
    private readonly ConcurrentDictionary<string, NonceUse> uses = new(StringComparer.Ordinal);
    private long lastSweep;

    public string Realm => realm;

    public string NewNonce(IPAddress? client)
    {
        Span<byte> nonce = stackalloc byte[TimestampLength + RandomLength + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.Slice(TimestampLength, RandomLength));
        Sign(nonce[..(TimestampLength + RandomLength)], client, nonce[(TimestampLength + RandomLength)..]);
        return Convert.ToBase64String(nonce).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The <c>WWW-Authenticate</c> value; <paramref name="stale"/> tells the phone to retry with a new nonce.</summary>
    public string Challenge(IPAddress? client, bool stale) =>
        $"Digest realm=\"{realm}\", qop=\"auth\", algorithm=MD5, nonce=\"{NewNonce(client)}\"{(stale ? ", stale=true" : "")}";

    /// <summary>Checks the credentials against the expected user and password.</summary>
    public DigestResult Verify(DigestCredentials credentials, string method, string requestUri, IPAddress? client, string expectedUser, string expectedPassword)
    {
        var nonce = CheckNonce(credentials.Nonce, client);
        // The password check runs even for a bad nonce, so timing does not tell which part failed.
        var ha1 = Md5Hex($"{credentials.Username}:{realm}:{expectedPassword}");
        var ha2 = Md5Hex($"{method}:{credentials.Uri}");
        var expected = credentials.Qop is null
            ? Md5Hex($"{ha1}:{credentials.Nonce}:{ha2}")
            : Md5Hex($"{ha1}:{credentials.Nonce}:{credentials.NonceCount}:{credentials.ClientNonce}:{credentials.Qop}:{ha2}");
        var responseOk = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credentials.Response.ToLowerInvariant()));
        var userOk = string.Equals(credentials.Username, expectedUser, StringComparison.Ordinal);
        if (!responseOk || !userOk || credentials.Realm != realm || !UriMatches(credentials.Uri, requestUri))
        {
            return DigestResult.Failed;
        }
        if (credentials.Qop is not (null or "auth") || credentials.Algorithm is not (null or "MD5" or "md5"))
        {
            return DigestResult.Failed;
        }
        return nonce switch
        {
            NonceState.Forged => DigestResult.Failed,
            NonceState.Stale => DigestResult.Stale,
            _ => Replayed(credentials) ? DigestResult.Replayed : DigestResult.Ok,
        };
    }

    private NonceState CheckNonce(string nonce, IPAddress? client)
    {
        Span<byte> bytes = stackalloc byte[TimestampLength + RandomLength + MacLength + 3];
        var text = nonce.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        if (!Convert.TryFromBase64String(text, bytes, out var length) || length != TimestampLength + RandomLength + MacLength)
        {
            return NonceState.Forged;
        }
        Span<byte> mac = stackalloc byte[MacLength];
        Sign(bytes[..(TimestampLength + RandomLength)], client, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes.Slice(TimestampLength + RandomLength, MacLength)))
        {
            return NonceState.Forged;
        }
        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
        var age = time.GetUtcNow() - issued;
        return age < TimeSpan.FromSeconds(-5) || age > nonceLifetime ? NonceState.Stale : NonceState.Valid;
    }

    /// <summary>
    /// With qop, each use of a nonce carries a higher nc; without qop, a nonce serves once. Either way a request
    /// captured and sent again is refused.
    /// </summary>
    private bool Replayed(DigestCredentials credentials)
    {
        Sweep();
        var count = credentials.Qop is null ? 1 : ParseHex(credentials.NonceCount);
        if (count <= 0)
        {
            return true;
        }
        var now = time.GetUtcNow();
        var replayed = false;
        uses.AddOrUpdate(
            credentials.Nonce,
            _ => new NonceUse(count, now),
            (_, previous) =>
            {
                if (credentials.Qop is null || count <= previous.HighestCount)
                {
                    replayed = true;
                    return previous;
                }
                return previous with { HighestCount = count };
            });
        return replayed;
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref lastSweep);
        if (now.ToUnixTimeMilliseconds() - last < 10_000 || Interlocked.CompareExchange(ref lastSweep, now.ToUnixTimeMilliseconds(), last) != last)
        {
            return;
        }
        foreach (var (nonce, use) in uses)
        {
            if (now - use.FirstSeen > nonceLifetime + TimeSpan.FromMinutes(1))
            {
                uses.TryRemove(nonce, out _);
            }
        }
    }

    private void Sign(ReadOnlySpan<byte> body, IPAddress? client, Span<byte> destination)
    {
        var address = client?.IsIPv4MappedToIPv6 == true ? client.MapToIPv4() : client;
        var addressBytes = address?.GetAddressBytes() ?? [];
        var input = new byte[body.Length + addressBytes.Length];
        body.CopyTo(input);
        addressBytes.CopyTo(input, body.Length);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, input, full);
        full[..MacLength].CopyTo(destination);
    }

    private static bool UriMatches(string digestUri, string requestUri) =>
        string.Equals(digestUri, requestUri, StringComparison.Ordinal)
        || (Uri.TryCreate(digestUri, UriKind.Absolute, out var absolute) && absolute.PathAndQuery == requestUri);

    private static long ParseHex(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;

    public static string Md5Hex(string text) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private enum NonceState
    {
        Valid,
        Stale,
        Forged,
    }

    private sealed record NonceUse(long HighestCount, DateTimeOffset FirstSeen);
}

public enum DigestResult
{
    Ok,
    Failed,

    /// <summary>Right credentials on an expired nonce: challenge again with stale=true.</summary>
    Stale,
    Replayed,
}

/// <summary>The fields of an <c>Authorization: Digest ...</c> header.</summary>
public sealed record DigestCredentials(
    string Username, string Realm, string Nonce, string Uri, string Response, string? Qop, string? NonceCount, string? ClientNonce, string? Algorithm)
{
    public static bool TryParse(string? header, out DigestCredentials? credentials)
    {
        credentials = null;
        if (header is null || !header.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase) || header.Length > 4096)
        {
            return false;
        }
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = header.AsSpan(7);
        while (!text.IsEmpty)
        {
            text = text.TrimStart(" ,\t");
            var eq = text.IndexOf('=');
            if (eq <= 0)
            {
                break;
            }
            var name = text[..eq].Trim().ToString();
            text = text[(eq + 1)..].TrimStart();
            string value;
            if (!text.IsEmpty && text[0] == '"')
            {
                var end = text[1..].IndexOf('"');
                if (end < 0)
                {
                    return false;
                }
                value = text.Slice(1, end).ToString();
                text = text[(end + 2)..];
            }
            else
            {
                var end = text.IndexOf(',');
                value = (end < 0 ? text : text[..end]).Trim().ToString();
                text = end < 0 ? [] : text[end..];
            }
            fields[name] = value;
        }
        if (!fields.TryGetValue("username", out var user) || !fields.TryGetValue("realm", out var realm)
            || !fields.TryGetValue("nonce", out var nonce) || !fields.TryGetValue("uri", out var uri)
            || !fields.TryGetValue("response", out var response))
        {
            return false;
        }
        fields.TryGetValue("qop", out var qop);
        fields.TryGetValue("nc", out var nc);
        fields.TryGetValue("cnonce", out var cnonce);
        fields.TryGetValue("algorithm", out var algorithm);
        if (qop is not null && (nc is null || cnonce is null))
        {
            return false;
        }
        credentials = new DigestCredentials(user, realm, nonce, uri, response, qop, nc, cnonce, algorithm);
        return true;
    }

    public override string ToString() => $"DigestCredentials {{ Username = {Username}, Uri = {Uri} }}";
}
