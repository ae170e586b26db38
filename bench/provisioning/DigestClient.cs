using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Sophia.Bench.Provisioning;

/// <summary>
/// A phone's side of HTTP digest (RFC 7616, MD5, qop=auth), one request at a time: the first 401 gives the nonce,
/// later requests reuse it with nc = 1, 2, 3...; a 401 on a used nonce (stale, replaced) takes the new one.
/// </summary>
public sealed partial class DigestClient(HttpClient http)
{
    private readonly string clientNonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private string? nonce;
    private string realm = "";
    private int count;

    /// <summary>The body of <paramref name="path"/>; throws unless the server answers 200 within two challenges.</summary>
    public async Task<byte[]> GetAsync(string path, string user, string password, string userAgent, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            if (nonce is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", Authorization(path, user, password));
            }
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var challenge = response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Digest")?.Parameter ?? "";
                nonce = NonceRegex().Match(challenge) is { Success: true } n ? n.Groups[1].Value : throw new InvalidOperationException($"{path}: 401 without a digest nonce");
                realm = RealmRegex().Match(challenge).Groups[1].Value;
                count = 0;
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            return await response.Content.ReadAsByteArrayAsync(ct);
        }
        throw new InvalidOperationException($"{path}: credentials of {user} refused");
    }

    private string Authorization(string path, string user, string password)
    {
        count++;
        var nc = count.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var ha1 = Md5Hex($"{user}:{realm}:{password}");
        var ha2 = Md5Hex($"GET:{path}");
        var response = Md5Hex($"{ha1}:{nonce}:{nc}:{clientNonce}:auth:{ha2}");
        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{path}\", algorithm=MD5, qop=auth, nc={nc}, cnonce=\"{clientNonce}\", response=\"{response}\"";
    }

    // MD5 is what the phones speak (RFC 7616 digest): it is the protocol here, not a choice.
#pragma warning disable CA5351
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceRegex();

    [GeneratedRegex("realm=\"([^\"]*)\"")]
    private static partial Regex RealmRegex();
}
