using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Provisioning;

/// <summary>
/// Phones' requests against the published server, made by curl with the User-Agents real phones send and
/// HTTP digest as they answer it: configs served, no MAC oracle, replays refused, failures rate limited.
/// Tests that trip limits use their own loopback source addresses (127.0.0.x) so they do not block the others.
/// </summary>
[Collection(PublishedSophiaCollection.Name)]
public sealed partial class ProvisioningCurlTests(PublishedSophia sophia)
{
    private const string T46s = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";
    private const string Vvx450 = "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application";
    private readonly Curl curl = new(sophia.BaseAddress);

    [Fact]
    public async Task A_T46S_and_a_VVX_450_get_their_configs_with_digest()
    {
        var common = await curl.RunAsync("/prov/y000000000066.cfg", "--digest", "-u", "15rp:prov-demo", "-A", T46s);
        Assert.Equal(200, common.Status);
        Assert.StartsWith("#!version:1.0.0.1", common.Body, StringComparison.Ordinal);

        var own = await curl.RunAsync("/prov/001565988c06.cfg", "--digest", "-u", "15rp:prov-demo", "-A", T46s);
        Assert.Equal(200, own.Status);
        Assert.Contains("account.1.user_name = cseldon", own.Body, StringComparison.Ordinal);
        Assert.Contains("linekey.4.value = 0654897845", own.Body, StringComparison.Ordinal);

        var master = await curl.RunAsync("/prov/0004F2A1B2C3.cfg", "--digest", "-u", "15rp:prov-demo", "-A", Vvx450);
        Assert.Equal(200, master.Status);
        Assert.NotNull(XDocument.Parse(master.Body).Root);
        var phone = await curl.RunAsync("/prov/0004f2a1b2c3-sophia.cfg", "--digest", "-u", "15rp:prov-demo", "-A", Vvx450);
        Assert.Equal(200, phone.Status);
        Assert.Contains("rlu", XDocument.Parse(phone.Body).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Known_and_unknown_MACs_answer_alike_without_the_right_credentials()
    {
        foreach (var credentials in new[] { Array.Empty<string>(), ["--digest", "-u", "15rp:wrong-password"] })
        {
            var known = await Headers("/prov/001565988c06.cfg", "127.0.0.21", [.. credentials, "-A", T46s]);
            var unknown = await Headers("/prov/001565fedcba.cfg", "127.0.0.21", [.. credentials, "-A", "Yealink SIP-T46S 66.86.0.15"]);
            Assert.Equal(401, known.Status);
            Assert.Equal(known.Status, unknown.Status);
            Assert.Equal(known.Names, unknown.Names);
            Assert.Equal(known.Challenge, unknown.Challenge);
            Assert.Equal(known.Body, unknown.Body);
        }
    }

    [Fact]
    public async Task A_captured_request_sent_again_is_refused()
    {
        var first = await curl.RunVerboseAsync("/prov/001565988c06.cfg", "--digest", "-u", "15rp:prov-demo", "-A", T46s, "--interface", "127.0.0.22");
        Assert.Equal(200, first.Answer.Status);
        var captured = AuthorizationLine().Matches(first.Trace).Select(m => m.Groups[1].Value.Trim()).Last();

        var replay = await curl.RunAsync("/prov/001565988c06.cfg", "-H", $"Authorization: {captured}", "-A", T46s, "--interface", "127.0.0.22");

        Assert.Equal(401, replay.Status);
    }

    [Fact]
    public async Task Failures_from_one_address_get_429_while_others_are_served()
    {
        // 30 failures per address and minute by default; each on a different unknown MAC so only the address counts.
        CurlAnswer last = new(0, "");
        for (var i = 0; i < 31; i++)
        {
            var mac = $"001565ee{i:x4}";
            last = await curl.RunAsync($"/prov/{mac}.cfg", "--digest", "-u", "15rp:wrong-password", "-A", "Yealink SIP-T46S 66.86.0.15", "--interface", "127.0.0.23");
        }
        var blocked = await Headers("/prov/001565988c06.cfg", "127.0.0.23", ["--digest", "-u", "15rp:prov-demo", "-A", T46s]);
        Assert.Equal(429, blocked.Status);
        Assert.True(int.Parse(blocked.RetryAfter!, CultureInfo.InvariantCulture) > 0);

        var other = await curl.RunAsync("/prov/001565988c06.cfg", "--digest", "-u", "15rp:prov-demo", "-A", T46s, "--interface", "127.0.0.24");
        Assert.Equal(200, other.Status);
        Assert.NotEqual(0, last.Status);
    }

    private async Task<(int Status, string[] Names, string Challenge, string Body, string? RetryAfter)> Headers(string path, string source, string[] arguments)
    {
        var answer = await curl.RunAsync(path, [.. arguments, "--interface", source, "-D", "-"]);
        // With --digest, curl prints the headers of both exchanges; the last block is the answer.
        var blocks = answer.Body.Split("\r\n\r\n", StringSplitOptions.None);
        var headerBlock = blocks.Where(b => b.StartsWith("HTTP/", StringComparison.Ordinal)).Last();
        var body = answer.Body[(answer.Body.LastIndexOf(headerBlock, StringComparison.Ordinal) + headerBlock.Length)..].TrimStart('\r', '\n');
        var lines = headerBlock.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToList();
        var names = lines.Select(p => p[0].Trim().ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();
        var challenge = Nonce().Replace(lines.FirstOrDefault(p => p[0].Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase))?[1].Trim() ?? "", "nonce=\"\"");
        var retryAfter = lines.FirstOrDefault(p => p[0].Equals("Retry-After", StringComparison.OrdinalIgnoreCase))?[1].Trim();
        return (answer.Status, names, challenge, body, retryAfter);
    }

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex Nonce();

    [GeneratedRegex(@"^> Authorization: (Digest .*)$", RegexOptions.Multiline)]
    private static partial Regex AuthorizationLine();
}
