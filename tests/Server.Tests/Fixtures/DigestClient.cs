using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Sophia.Server.Tests.Fixtures;

/// <summary>Fetches like a phone: GET, answer the digest challenge (RFC 7616, MD5, qop=auth), GET again.</summary>
public sealed partial class DigestClient(HttpClient http, string user, string password, string userAgent)
{
    private int count;

    /// <summary>The last Authorization header sent, to replay it.</summary>
    public string? LastAuthorization { get; private set; }

    public async Task<HttpResponseMessage> GetAsync(string path, string? ifNoneMatch = null)
    {
        var first = await Send(path, null, ifNoneMatch);
        if (first.StatusCode != HttpStatusCode.Unauthorized)
        {
            return first;
        }
        var challenge = first.Headers.WwwAuthenticate.ToString();
        LastAuthorization = Answer(challenge, path);
        return await Send(path, LastAuthorization, ifNoneMatch);
    }

    /// <summary>Uploads like a Polycom: PUT with the body, answer the challenge, PUT again.</summary>
    public async Task<HttpResponseMessage> PutAsync(string path, byte[] body)
    {
        var first = await Send(path, null, put: body);
        if (first.StatusCode != HttpStatusCode.Unauthorized)
        {
            return first;
        }
        LastAuthorization = Answer(first.Headers.WwwAuthenticate.ToString(), path, method: "PUT");
        return await Send(path, LastAuthorization, put: body);
    }

    public Task<HttpResponseMessage> Send(string path, string? authorization, string? ifNoneMatch = null, byte[]? put = null)
    {
        var request = new HttpRequestMessage(put is null ? HttpMethod.Get : HttpMethod.Put, path);
        if (put is not null)
        {
            request.Content = new ByteArrayContent(put);
        }
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(ifNoneMatch));
        }
        return http.SendAsync(request);
    }

    public string Answer(string challenge, string path, string? nonceOverride = null, string method = "GET")
    {
        var realm = Field(challenge, "realm");
        var nonce = nonceOverride ?? Field(challenge, "nonce");
        var nc = (++count).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var ha1 = Md5($"{user}:{realm}:{password}");
        var ha2 = Md5($"{method}:{path}");
        var response = Md5($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{path}\", algorithm=MD5, response=\"{response}\", qop=auth, nc={nc}, cnonce=\"{cnonce}\"";
    }

    public static string Field(string header, string name) =>
        Regex.Match(header, name + "=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No {name} in '{header}'.");

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
