using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sophia.Parc.Accounts;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Accounts;

/// <summary>/api/v1/accounts in each caller's lane, disabled accounts, the per-account lockout from several addresses, and TOTP over the API.</summary>
public sealed class StaffAccountApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string Strong = "Tramway-Bleu-Vingt-Sept";

    [Fact]
    public async Task A_client_admin_cannot_see_or_touch_another_clients_or_the_helpdesks_accounts()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Lanes");
        var theirs = await helpdesk.PostJson("/api/v1/accounts", new { login = "admin@lanes.example.net", role = "ClientAdmin", clientId = other.ClientId, password = Strong }, HttpStatusCode.Created);
        var mine = await helpdesk.PostJson("/api/v1/accounts", new { login = "second@15rp.sewan.eu", role = "ClientAdmin", clientId = (await DemoIds.Read(helpdesk)).ClientId }, HttpStatusCode.Created);
        Assert.Equal(20, mine.Str("generatedPassword").Length);
        var helpdeskId = (await helpdesk.GetJson("/api/v1/accounts")).EnumerateArray().Single(a => a.Str("login") == SophiaFactory.Helpdesk).Int("id");
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);

        var listed = (await admin.GetJson("/api/v1/accounts")).EnumerateArray().Select(a => a.Str("login")).ToList();
        Assert.Contains("second@15rp.sewan.eu", listed);
        Assert.DoesNotContain("admin@lanes.example.net", listed);
        Assert.DoesNotContain(SophiaFactory.Helpdesk, listed);
        foreach (var id in new[] { theirs.GetProperty("account").Int("id"), helpdeskId })
        {
            await (await admin.GetAsync($"/api/v1/accounts/{id}")).Problem(HttpStatusCode.NotFound, "accountId");
            await (await admin.PostAsync($"/api/v1/accounts/{id}/disable", null)).Problem(HttpStatusCode.NotFound, "accountId");
            await (await admin.PostAsJsonAsync($"/api/v1/accounts/{id}/password", new { password = Strong + "!" })).Problem(HttpStatusCode.NotFound, "accountId");
        }
        await (await admin.PostAsJsonAsync("/api/v1/accounts", new { login = "intrus@lanes.example.net", role = "ClientAdmin", clientId = other.ClientId, password = Strong }))
            .Problem(HttpStatusCode.NotFound, "clientId");
        var ownId = (await admin.GetJson("/api/v1/accounts")).EnumerateArray().Single(a => a.Str("login") == SophiaFactory.Admin15Rp).Int("id");
        var self = await (await admin.PostAsync($"/api/v1/accounts/{ownId}/disable", null)).Problem(HttpStatusCode.Conflict, "accountId");
        Assert.Equal("account.disableSelf", self.Str("code"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ClientFor(SophiaFactory.Lu)).GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = "admin@lanes.example.net", password = Strong })).StatusCode);
    }

    [Fact]
    public async Task A_disabled_accounts_token_stops_working_at_once_and_it_cannot_log_in()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var created = await helpdesk.PostJson("/api/v1/accounts", new { login = "disabled@nlgs.admin", role = "Helpdesk", password = Strong }, HttpStatusCode.Created);
        var id = created.GetProperty("account").Int("id");
        var session = Bearer(await Token("disabled@nlgs.admin", Strong));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/clients")).StatusCode);

        Assert.True((await helpdesk.PostJson($"/api/v1/accounts/{id}/disable", new { })).GetProperty("disabled").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = "disabled@nlgs.admin", password = Strong })).StatusCode);
    }

    [Fact]
    public async Task Five_failures_from_five_addresses_lock_the_account_and_the_answer_then_reads_as_an_unknown_logins()
    {
        using var sources = SourceAddresses.Apply(factory);
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        await helpdesk.PostJson("/api/v1/accounts", new { login = "locked@nlgs.admin", role = "Helpdesk", password = Strong }, HttpStatusCode.Created);
        for (var i = 1; i <= 5; i++)
        {
            var failed = await sources.ClientFrom($"192.0.2.{i}").PostAsJsonAsync("/api/v1/auth/token", new { login = "locked@nlgs.admin", password = "not-the-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var locked = await sources.ClientFrom("198.51.100.7").PostAsJsonAsync("/api/v1/auth/token", new { login = "locked@nlgs.admin", password = Strong });
        var unknown = await sources.ClientFrom("198.51.100.8").PostAsJsonAsync("/api/v1/auth/token", new { login = "nobody@nlgs.admin", password = Strong });

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (locked.StatusCode, unknown.StatusCode));
        Assert.Equal(await WithoutTraceAsync(unknown), await WithoutTraceAsync(locked));
        Assert.Equal("login.refused", (await locked.Content.ReadFromJsonAsync<JsonElement>()).Str("code"));
        // The helpdesk lifts the lockout by enabling the account (or resetting its password).
        var id = (await helpdesk.GetJson("/api/v1/accounts")).EnumerateArray().Single(a => a.Str("login") == "locked@nlgs.admin").Int("id");
        await helpdesk.PostJson($"/api/v1/accounts/{id}/enable", new { });
        Assert.Equal(HttpStatusCode.OK, (await sources.ClientFrom("198.51.100.7").PostAsJsonAsync("/api/v1/auth/token", new { login = "locked@nlgs.admin", password = Strong })).StatusCode);
    }

    [Fact]
    public async Task A_helpdesk_enrols_TOTP_then_its_token_request_needs_the_code_once()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        await helpdesk.PostJson("/api/v1/accounts", new { login = "totp@nlgs.admin", role = "Helpdesk", password = Strong }, HttpStatusCode.Created);
        var session = Bearer(await Token("totp@nlgs.admin", Strong));
        var enrolment = await session.PostJson("/api/v1/accounts/me/totp", new { });
        var secret = enrolment.Str("secret");
        Assert.StartsWith("otpauth://totp/", enrolment.Str("uri"), StringComparison.Ordinal);
        await session.PostJson("/api/v1/accounts/me/totp/confirm", new { code = TotpCodes.Code(secret, DateTimeOffset.UtcNow) });
        Assert.DoesNotContain(secret, (await helpdesk.GetJson("/api/v1/accounts")).GetRawText(), StringComparison.Ordinal);

        var missing = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = "totp@nlgs.admin", password = Strong });
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("totp.required", (await missing.Content.ReadFromJsonAsync<JsonElement>()).Str("code"));
        // The confirmation used the current step: the next one is waited for, as an authenticator shows it.
        var code = TotpCodes.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30));
        var withCode = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = "totp@nlgs.admin", password = Strong, totp = code });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        var replay = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = "totp@nlgs.admin", password = Strong, totp = code });
        Assert.Equal("totp.wrong", (await replay.Content.ReadFromJsonAsync<JsonElement>()).Str("code"));
    }

    [Fact]
    public async Task When_TOTP_is_required_an_unenrolled_helpdesk_may_only_enrol()
    {
        using var required = new SophiaFactory();
        required.Settings["Sophia:Auth:RequireTotpForHelpdesk"] = "true";
        var helpdesk = await required.ClientFor(SophiaFactory.Helpdesk);

        var refused = await helpdesk.GetAsync("/api/v1/clients");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("totp.enrolmentRequired", (await refused.Content.ReadFromJsonAsync<JsonElement>()).Str("code"));
        Assert.Equal(HttpStatusCode.Forbidden, (await helpdesk.PostAsJsonAsync("/api/v1/accounts", new { login = "x@nlgs.admin", role = "Helpdesk" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await required.ClientFor(SophiaFactory.Admin15Rp)).GetAsync("/api/v1/accounts")).StatusCode);

        var secret = (await helpdesk.PostJson("/api/v1/accounts/me/totp", new { })).Str("secret");
        await helpdesk.PostJson("/api/v1/accounts/me/totp/confirm", new { code = TotpCodes.Code(secret, DateTimeOffset.UtcNow) });

        Assert.Equal(HttpStatusCode.OK, (await helpdesk.GetAsync("/api/v1/clients")).StatusCode);
    }

    /// <summary>The answer's body but its trace id, which every answer has its own of.</summary>
    private static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(body.Remove("traceId"));
        return body.ToJsonString();
    }

    private async Task<string> Token(string login, string password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login, password });
        return (await response.Json()).Str("token");
    }

    private HttpClient Bearer(string token)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
