using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Sophia.Bench.Provisioning;

/// <summary>Response times of one kind of refused request, in microseconds.</summary>
public sealed record RefusalTimes(string Kind, int Count, double P10, double P50, double P90, double P99, IReadOnlySet<int> Statuses);

/// <summary>
/// Whether a refusal tells a known MAC from an unknown one by its timing: known and unknown MACs asked in turn on one
/// keep-alive connection, each with a valid nonce and a wrong password (then with no credentials at all), and the
/// distributions of the response times compared. Sequential, so that each time is one request's own.
/// </summary>
public static partial class Enumeration
{
    public static async Task<IReadOnlyList<RefusalTimes>> RunAsync(Uri baseUrl, IReadOnlyList<BenchDevice> devices, int rounds, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var nonce = await NonceAsync(http, devices[0].FirstPath, ct);
        var known = devices.SelectMany(d => new[] { d.FirstPath, d.SecondPath }).Where(p => MacFileRegex().IsMatch(p)).Take(rounds).ToList();
        // The same OUI, file name and length; MACs the seeded parc never uses.
        var unknown = known.Select((p, i) => $"/prov/0015650f{i:x4}.cfg").ToList();
        var user = devices[0].User;
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var nc = 0;
        for (var i = 0; i < known.Count; i++)
        {
            // Alternating which goes first, so that neither always follows the other.
            var pairs = i % 2 == 0 ? new[] { ("known", known[i]), ("unknown", unknown[i]) } : [("unknown", unknown[i]), ("known", known[i])];
            foreach (var (kind, path) in pairs)
            {
                await TimeAsync(http, $"{kind} MAC, wrong password", path, Authorization(user, "wrong-password", path, nonce, ++nc), times, statuses, ct);
                await TimeAsync(http, $"{kind} MAC, no credentials", path, null, times, statuses, ct);
            }
        }
        return [.. times.Select(t => Summary(t.Key, t.Value, statuses[t.Key]))];
    }

    private static async Task TimeAsync(
        HttpClient http, string kind, string path, string? authorization, Dictionary<string, List<double>> times, Dictionary<string, HashSet<int>> statuses, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("User-Agent", "Yealink SIP-T46S 66.86.0.15");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        (times.TryGetValue(kind, out var list) ? list : times[kind] = []).Add(elapsed);
        (statuses.TryGetValue(kind, out var set) ? set : statuses[kind] = []).Add((int)response.StatusCode);
    }

    private static RefusalTimes Summary(string kind, List<double> values, HashSet<int> statuses)
    {
        values.Sort();
        double At(double q) => values[Math.Min(values.Count - 1, (int)(q * values.Count))];
        return new RefusalTimes(kind, values.Count, At(0.10), At(0.50), At(0.90), At(0.99), statuses);
    }

    private static async Task<string> NonceAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Digest")?.Parameter ?? "";
        return response.StatusCode == HttpStatusCode.Unauthorized && NonceRegex().Match(challenge) is { Success: true } n
            ? n.Groups[1].Value
            : throw new InvalidOperationException($"{path}: no digest challenge ({(int)response.StatusCode})");
    }

    private static string Authorization(string user, string password, string path, string nonce, int count)
    {
        const string realm = "Sophia provisioning";
        var nc = count.ToString("x8", CultureInfo.InvariantCulture);
        var ha1 = Md5Hex($"{user}:{realm}:{password}");
        var ha2 = Md5Hex($"GET:{path}");
        var response = Md5Hex($"{ha1}:{nonce}:{nc}:0123456789abcdef:auth:{ha2}");
        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{path}\", algorithm=MD5, qop=auth, nc={nc}, cnonce=\"0123456789abcdef\", response=\"{response}\"";
    }

    // MD5 is what the phones speak (RFC 7616 digest): it is the protocol here, not a choice.
#pragma warning disable CA5351
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    [GeneratedRegex("^/prov/001565[0-9a-f]{6}\\.cfg$")]
    private static partial Regex MacFileRegex();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceRegex();
}
