using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Provisioning.FetchLog;
using Sophia.Server.Tests.Fixtures;
using static Sophia.Server.Tests.Registration.RegistrationFixtures;

namespace Sophia.Server.Tests.Registration;

public sealed class RegistrationApiTests
{
    [Fact]
    public async Task A_phone_never_checked_is_unknown_and_its_status_shows_fetches_pending_changes_and_blf_keys()
    {
        using var factory = NewSophia();
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var badPassword = new DigestClient(factory.CreateClient(), "15rp", "not-the-password", T46sAgent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await badPassword.GetAsync($"/prov/{SeldonPhone}.cfg")).StatusCode);
        var phone = new DigestClient(factory.CreateClient(), "15rp", "prov-demo", T46sAgent);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/prov/{SeldonPhone}.cfg")).StatusCode);
        // The same MAC now says it is a T54W: the stock says T46S.
        var wrongModel = new DigestClient(factory.CreateClient(), "15rp", "prov-demo", "Yealink SIP-T54W 96.86.0.15 00:15:65:98:8c:06");
        Assert.Equal(HttpStatusCode.OK, (await wrongModel.GetAsync($"/prov/{SeldonPhone}.cfg")).StatusCode);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();

        var seldon = await admin.GetJson($"/api/v1/equipment/{SeldonPhone}/status");

        Assert.Equal(("unknown", "not checked yet"), (seldon.State(), seldon.Registration().Str("reason")));
        Assert.Equal(("cseldon@15rp.sewan.eu", "Yealink T46S"), (seldon.Str("aor"), seldon.Str("model")));
        Assert.Equal(("unknown", "001565988c06.cfg", 200), (seldon.GetProperty("lastFetch").Str("ip"), seldon.GetProperty("lastFetch").Str("file"), seldon.GetProperty("lastFetch").Int("status")));
        Assert.Equal("96.86.0.15", seldon.Registration().Str("firmware"));
        Assert.StartsWith("model mismatch: User-Agent says Yealink T54W", seldon.GetProperty("modelMismatch").Str("note"), StringComparison.Ordinal);
        var error = Assert.Single(seldon.GetProperty("fetchErrors").EnumerateArray());
        Assert.Equal((401, "digest failed"), (error.Int("status"), error.Str("note")));
        Assert.False(seldon.GetProperty("pendingChanges").GetBoolean());
        Assert.Equal(["Noémie Picard", "Ricardo Lu"], seldon.GetProperty("supervises").EnumerateArray().Select(k => k.Str("label")));
        Assert.Equal("rlu@15rp.sewan.eu", seldon.GetProperty("supervises")[1].Str("login"));
        Assert.Empty(seldon.GetProperty("supervisedBy").EnumerateArray());

        var lu = await helpdesk.GetJson($"/api/v1/equipment/{LuPhone}/status");
        var watcher = Assert.Single(lu.GetProperty("supervisedBy").EnumerateArray());
        Assert.Equal(("cseldon@15rp.sewan.eu", 2, "Ricardo Lu"), (watcher.Str("login"), watcher.Int("keyIndex"), watcher.Str("label")));
        var stock = await helpdesk.GetJson("/api/v1/equipment/00:15:65:AA:00:01/status");
        Assert.Equal(("unknown", "not assigned to a user: not tracked"), (stock.State(), stock.Registration().Str("reason")));

        // A change to his keys changes his phone's file: the fetched version is no longer current.
        var users = await admin.GetJson("/api/v1/search?q=seldon");
        await admin.PutJson($"/api/v1/users/{users.GetProperty("users")[0].Int("id")}/function-keys", new[] { new { kind = "speedDial", number = "0612345678", label = "Nouveau" } });
        var changed = await admin.GetJson($"/api/v1/equipment/{SeldonPhone}/status");
        Assert.True(changed.GetProperty("pendingChanges").GetBoolean());
        Assert.Contains(changed.GetProperty("files").EnumerateArray(), f => f.Str("file") == "001565988c06.cfg" && f.GetProperty("pending").GetBoolean());
    }

    [Fact]
    public async Task Status_check_resync_and_lists_keep_to_the_callers_client_and_reconcile_is_for_the_helpdesk()
    {
        using var factory = NewSophia();
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var user = await factory.ClientFor(SophiaFactory.Lu);
        var other = await OtherAdminAsync(factory, helpdesk);
        var anonymous = factory.CreateClient();
        var (clientId, mandar) = await DemoIdsAsync(helpdesk);

        foreach (var (method, url) in new[]
        {
            ("GET", $"/api/v1/equipment/{LuPhone}/status"), ("POST", $"/api/v1/equipment/{LuPhone}/check"),
            ("POST", $"/api/v1/equipment/{LuPhone}/resync"), ("GET", $"/api/v1/clients/{clientId}/phones"),
            ("POST", $"/api/v1/sites/{mandar}/resync"), ("POST", $"/api/v1/clients/{clientId}/resync"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(new HttpRequestMessage(new HttpMethod(method), url))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.SendAsync(new HttpRequestMessage(new HttpMethod(method), url))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/v1/registration/reconcile", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync("/api/v1/registration/reconcile", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/registration/reconcile", null)).StatusCode);

        // Without a registrar and without any contact known, a reconciliation can only say "unknown".
        var run = await helpdesk.PostJson("/api/v1/registration/reconcile", new { });
        Assert.Equal(("options", 2, 2), (run.Str("source"), run.Int("devices"), run.Int("unknown")));
        var notRegistered = await admin.GetJson($"/api/v1/clients/{clientId}/phones?filter=not-registered");
        Assert.Equal(2, notRegistered.Int("total"));
        Assert.All(notRegistered.Items(), p => Assert.Equal("unknown", p.Str("state")));
        Assert.Equal(0, (await admin.GetJson($"/api/v1/clients/{clientId}/phones?filter=pending-changes")).Int("total"));
        await (await admin.GetAsync($"/api/v1/clients/{clientId}/phones?filter=everything")).Json(HttpStatusCode.BadRequest);

        // Nothing registered: there is no contact to notify, and a campaign skips every phone.
        await (await admin.PostAsync($"/api/v1/equipment/{LuPhone}/resync", null)).Json(HttpStatusCode.Conflict);
        var campaign = await admin.PostJson($"/api/v1/sites/{mandar}/resync", new { }, HttpStatusCode.Accepted);
        Assert.Equal(("completed", 2, 2, "admin@15rp.sewan.eu"), (campaign.Str("state"), campaign.Int("total"), campaign.Int("skipped"), campaign.Str("requestedBy")));
        var id = campaign.Int("id");
        Assert.Equal("site", (await helpdesk.GetJson($"/api/v1/resync-campaigns/{id}")).Str("trigger"));
        await (await other.GetAsync($"/api/v1/resync-campaigns/{id}")).Json(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/resync-campaigns/{id}/cancel", null)).Json(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_hangfire_dashboard_is_for_helpdesk_accounts_only_and_a_browser_gets_a_cookie_for_a_single_use_code()
    {
        using var factory = NewSophia();
        var bare = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        var helpdeskToken = await factory.TokenFor(SophiaFactory.Helpdesk);
        var adminToken = await factory.TokenFor(SophiaFactory.Admin15Rp);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient(bare).GetAsync("/hangfire")).StatusCode);
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/hangfire")).StatusCode);
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var page = await helpdesk.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sophia jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await helpdesk.GetAsync("/hangfire/recurring")).StatusCode);

        var browser = factory.CreateClient(bare);
        var code = (await helpdesk.PostJson("/api/v1/jobs/dashboard-code", new { })).Str("url");
        var exchanged = await browser.GetAsync(code);
        Assert.Equal(HttpStatusCode.Redirect, exchanged.StatusCode);
        Assert.Equal("/hangfire", exchanged.Headers.Location!.OriginalString);
        var cookie = Assert.Single(exchanged.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(withCookie)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/api/v1/jobs/dashboard-code", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/hangfire?code=forged")).StatusCode);
        using var adminCookie = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        adminCookie.Headers.Add("Cookie", $"sophia_hangfire={adminToken}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(adminCookie)).StatusCode);
    }
}
