using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Provisioning.FetchLog;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Provisioning;

public sealed class ProvisioningHttpTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string T46sAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";
    private const string Seldon = "/prov/001565988c06.cfg";

    private DigestClient Phone(string userAgent = T46sAgent, string user = "15rp", string password = "prov-demo") =>
        new(factory.CreateClient(), user, password, userAgent);

    [Fact]
    public async Task The_T46S_gets_its_line_with_digest_and_a_304_when_unchanged()
    {
        var phone = Phone();
        var response = await phone.GetAsync(Seldon);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("account.1.user_name = cseldon", body, StringComparison.Ordinal);
        Assert.Matches(@"account\.1\.password = \S{24}", body);
        var etag = response.Headers.ETag!.Tag;

        var again = await phone.GetAsync(Seldon, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task Every_field_of_a_fetch_is_recorded()
    {
        const string agent = "Yealink SIP-T46S 66.86.0.99 00:15:65:98:8c:06";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var response = await Phone(agent).GetAsync(Seldon);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var length = (await response.Content.ReadAsByteArrayAsync()).Length;
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();

        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var fetches = (await admin.GetJson("/api/v1/equipment/001565988c06/fetches")).Items();
        var served = Assert.Single(fetches, f => f.Int("status") == 200 && f.Str("userAgent") == agent);
        Assert.Equal(response.Headers.ETag!.Tag.Trim('"'), served.Str("version"));
        Assert.True(served.GetProperty("at").GetDateTimeOffset() >= before);
        Assert.Equal("http", served.Str("protocol"));
        Assert.Equal("001565988c06.cfg", served.Str("file"));
        Assert.Equal("unknown", served.Str("sourceIp")); // the in-memory test server has no remote address
        Assert.Equal(length, served.GetProperty("bytes").GetInt64());
        Assert.True(served.GetProperty("durationMs").GetDouble() > 0);
        Assert.True(served.GetProperty("at").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task File_names_match_whatever_their_case()
    {
        var response = await Phone().GetAsync("/prov/001565988C06.cfg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_MAC_and_a_known_MAC_without_credentials_look_the_same()
    {
        var http = factory.CreateClient();
        var known = await new DigestClient(http, "x", "y", "Yealink SIP-T46S 66.86.0.15").Send(Seldon, null);
        var unknown = await new DigestClient(http, "x", "y", "Yealink SIP-T46S 66.86.0.15").Send("/prov/001565123456.cfg", null);
        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(HeaderNames(known), HeaderNames(unknown));
        Assert.Equal(Without(known.Headers.WwwAuthenticate.ToString(), "nonce"), Without(unknown.Headers.WwwAuthenticate.ToString(), "nonce"));
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());

        var knownBad = await Phone(password: "wrong-pass").GetAsync(Seldon);
        var unknownBad = await Phone("Yealink SIP-T46S 66.86.0.15", password: "wrong-pass").GetAsync("/prov/001565123457.cfg");
        Assert.Equal(HttpStatusCode.Unauthorized, knownBad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownBad.StatusCode);
        Assert.Equal(HeaderNames(knownBad), HeaderNames(unknownBad));
    }

    [Fact]
    public async Task A_phone_out_of_the_box_asking_without_credentials_is_listed_when_its_MAC_is_unknown_only()
    {
        var http = factory.CreateClient();
        var unknown = await new DigestClient(http, "x", "y", "Yealink SIP-T54W 96.86.0.1 24:9a:d8:00:00:77").Send("/prov/249ad8000077.cfg", null);
        var known = await new DigestClient(http, "x", "y", T46sAgent).Send(Seldon, null);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();

        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var listed = (await helpdesk.GetJson("/api/v1/unknown-devices")).Items().ToList();
        var seen = Assert.Single(listed, d => d.Str("mac") == "24:9A:D8:00:00:77");
        Assert.Contains("T54W", seen.Str("lastUserAgent"), StringComparison.Ordinal);
        Assert.DoesNotContain(listed, d => d.Str("mac") == "00:15:65:98:8C:06");
    }

    [Fact]
    public async Task An_unknown_MAC_with_good_credentials_is_404_and_listed_for_the_helpdesk()
    {
        var response = await Phone("Yealink SIP-T48U 84.86.0.5 80:5e:c0:11:22:33").GetAsync("/prov/805ec0112233.cfg");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();

        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var unknown = (await helpdesk.GetJson("/api/v1/unknown-devices")).Items().ToList();
        var seen = Assert.Single(unknown, d => d.Str("mac") == "80:5E:C0:11:22:33");
        Assert.Equal("Yealink", seen.Str("vendor"));
        Assert.Contains("T48U", seen.Str("lastUserAgent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_clients_credentials_find_a_MAC_in_stock_exactly_as_an_unknown_one()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        using (var created = await helpdesk.SendJson(HttpMethod.Post, "/api/v1/clients", new
        {
            name = "Oracle",
            sipDomain = "oracle.example.net",
            provisioningUser = "oracle",
            provisioningPassword = "oracle-secret",
            registrarHost = "sip.oracle.example.net",
        }))
        {
            await created.Json(HttpStatusCode.Created);
        }

        var known = await Phone(user: "oracle", password: "oracle-secret").GetAsync(Seldon);
        var unknown = await Phone("Yealink SIP-T46S 66.86.0.15", "oracle", "oracle-secret").GetAsync("/prov/001565fedcb0.cfg");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(HeaderNames(unknown), HeaderNames(known));
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
        var listed = (await helpdesk.GetJson("/api/v1/unknown-devices")).Items().ToList();
        Assert.DoesNotContain(listed, d => d.Str("mac") == "00:15:65:98:8C:06");
    }

    [Fact]
    public async Task A_replayed_authorization_is_refused()
    {
        var phone = Phone();
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(Seldon)).StatusCode);
        var replay = await phone.Send(Seldon, phone.LastAuthorization);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task A_forged_nonce_is_refused()
    {
        var phone = Phone();
        var challenge = (await phone.Send(Seldon, null)).Headers.WwwAuthenticate.ToString();
        var forged = phone.Answer(challenge, Seldon, nonceOverride: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Send(Seldon, forged)).StatusCode);
    }

    [Fact]
    public async Task A_User_Agent_with_another_MAC_is_refused_and_recorded()
    {
        var response = await Phone("Yealink SIP-T46S 66.86.0.15 00:15:65:aa:00:01").GetAsync(Seldon);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var fetches = (await admin.GetJson("/api/v1/equipment/001565988c06/fetches")).Items();
        Assert.Contains(fetches, f => f.Int("status") == 403 && f.Str("note").Contains("001565aa0001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_mismatch_is_served_and_recorded_as_a_warning()
    {
        var response = await Phone("Yealink SIP-T48U 84.86.0.5 00:15:65:98:8c:06").GetAsync(Seldon);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var fetches = (await admin.GetJson("/api/v1/equipment/001565988c06/fetches")).Items();
        Assert.Contains(fetches, f => f.Int("status") == 200 && f.GetProperty("note").GetString()?.Contains("model mismatch", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_preview_masks_secrets_except_for_the_helpdesk()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var masked = await admin.GetJson("/api/v1/equipment/001565988c06/config/001565988c06.cfg");
        Assert.True(masked.GetProperty("secretsMasked").GetBoolean());
        Assert.Contains("account.1.password = ********", masked.Str("content"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/equipment/001565988c06/config/001565988c06.cfg?reveal=true")).StatusCode);

        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var revealed = await helpdesk.GetJson("/api/v1/equipment/001565988c06/config/001565988c06.cfg?reveal=true");
        Assert.DoesNotContain("********", revealed.Str("content"), StringComparison.Ordinal);
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).Order(StringComparer.Ordinal).ToArray();

    private static string Without(string header, string field) =>
        System.Text.RegularExpressions.Regex.Replace(header, field + "=\"[^\"]*\"", field + "=\"\"");
}
