using System.Net;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Model.Registration;
using Sophia.Provisioning.FetchLog;
using Sophia.Registration.Resync;
using Sophia.Registration.Tests.RealPeers;
using Sophia.Server.Tests.Fixtures;
using static Sophia.Server.Tests.Registration.RegistrationFixtures;

namespace Sophia.Server.Tests.Registration;

/// <summary>
/// Sophia with its real jobs and database against a real Kamailio (generated registrar config, JSON-RPC over HTTP)
/// and real phones on loopback: baresip registering as Ricardo Lu, sipp answering check-sync.
/// </summary>
public sealed class RegistrationEndToEndTests
{
    private const string Lu = "rlu@15rp.sewan.eu";
    private const string LuStatus = $"/api/v1/equipment/{LuPhone}/status";

    [Fact]
    public async Task Baresip_at_kamailio_reads_registered_then_not_registered_then_unknown_through_the_jobs()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: true);
        // Hangfire on its default SQLite storage, the recurring reconciliation every 2 s.
        using var factory = NewSophia(("Sophia:Registration:Kamailio:RpcUrl", kamailio.RpcUrl.ToString()), ("Sophia:Registration:ReconcileSeconds", "2"));
        factory.JobsInMemory = false;
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        await using var phone = await BaresipPeer.StartAsync(Lu, kamailio.SipPort);

        var registered = await EventuallyAsync(helpdesk, LuStatus, s => s.State() == "registered", () => $"baresip:\n{phone.Log}\nkamailio:\n{kamailio.Log}");

        var registration = registered.Registration();
        Assert.EndsWith($"@127.0.0.1:{phone.SipPort}", registration.Str("contact"), StringComparison.Ordinal);
        Assert.StartsWith("baresip", registration.Str("userAgent"), StringComparison.Ordinal);
        Assert.Equal(("kamailio", "rlu@15rp.sewan.eu"), (registration.Str("source"), registered.Str("aor")));
        Assert.Equal("not-registered", (await helpdesk.GetJson($"/api/v1/equipment/{SeldonPhone}/status")).State());
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "hangfire.db")));

        // baresip has no check-sync handler: it refuses the NOTIFY (481), which proves it reached the phone.
        var resync = await helpdesk.PostJson($"/api/v1/equipment/{LuPhone}/resync", new { });
        Assert.Equal(("refused", 481), (resync.Str("outcome"), resync.Int("statusCode")));
        Assert.Equal("refused", (await helpdesk.GetJson(LuStatus)).Registration().Str("lastResyncOutcome"));
        var check = await helpdesk.PostJson($"/api/v1/equipment/{LuPhone}/check", new { });
        Assert.Equal("registered", check.Str("state"));
        Assert.Contains("OPTIONS Answered 200", check.Str("reason"), StringComparison.Ordinal);

        await phone.QuitAsync();
        var unregistered = await ReconcileUntilAsync(helpdesk, "not-registered", () => kamailio.Log);
        Assert.Equal("registrar kamailio holds no binding", unregistered.Registration().Str("reason"));

        await kamailio.StopAsync();
        var run = await helpdesk.PostJson("/api/v1/registration/reconcile", new { });
        Assert.Contains("ul.dump", run.Str("failure"), StringComparison.Ordinal);
        var unknown = await helpdesk.GetJson(LuStatus);
        Assert.Equal("unknown", unknown.State());
        Assert.Contains("unavailable", unknown.Registration().Str("reason"), StringComparison.Ordinal);
        // Most recent first. Before baresip registered, a scheduled run may already have found no binding
        // (unknown -> not-registered -> registered); what follows is exact.
        var transitions = unknown.GetProperty("transitions").EnumerateArray().Select(t => (t.Str("from"), t.Str("to"))).ToList();
        Assert.Equal([("not-registered", "unknown"), ("registered", "not-registered")], transitions.Take(2));
        (string, string)[] before = transitions.Count == 3 ? [("unknown", "registered")] : [("not-registered", "registered"), ("unknown", "not-registered")];
        Assert.Equal(before, transitions.Skip(2));
    }

    [Fact]
    public async Task A_phone_registered_at_kamailio_answers_the_check_sync_sent_through_the_api()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: false);
        using var factory = NewSophia(("Sophia:Registration:Kamailio:RpcUrl", kamailio.RpcUrl.ToString()));
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        await using var phone = await SippCheckSyncPhone.StartAsync();
        await SippRegistration.RegisterAsync(kamailio.SipPort, Lu, phone.Contact, "PolycomVVX-VVX_450-UA/6.4.3.5018");

        var run = await helpdesk.PostJson("/api/v1/registration/reconcile", new { });
        Assert.Equal((1, 1), (run.Int("bindings"), run.Int("registered")));
        var status = await admin.GetJson(LuStatus);
        Assert.Equal(("registered", phone.Contact, "6.4.3.5018"), (status.State(), status.Registration().Str("contact"), status.Registration().Str("firmware")));

        var resync = await admin.PostJson($"/api/v1/equipment/{LuPhone}/resync", new { });

        Assert.Equal(("answered", 200, phone.Contact), (resync.Str("outcome"), resync.Int("statusCode"), resync.Str("contact")));
        Assert.True(await phone.ExitCodeAsync() == 0, $"sipp did not get a NOTIFY with Event: check-sync.\n{phone.Log}");
    }

    [Fact]
    public async Task A_site_resync_campaign_notifies_each_registered_phone_one_per_second_and_a_killed_phone_checks_unreachable()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: true);
        using var factory = NewSophia(("Sophia:Registration:Kamailio:RpcUrl", kamailio.RpcUrl.ToString()), ("Sophia:Registration:Resync:PerSecond", "1"));
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var (_, mandar) = await DemoIdsAsync(helpdesk);
        await using var lu = await BaresipPeer.StartAsync(Lu, kamailio.SipPort);
        await using var seldon = await BaresipPeer.StartAsync("cseldon@15rp.sewan.eu", kamailio.SipPort);
        await ReconcileUntilAsync(helpdesk, "registered", () => lu.Log, $"/api/v1/equipment/{SeldonPhone}/status");
        await ReconcileUntilAsync(helpdesk, "registered", () => lu.Log);

        var started = await helpdesk.PostJson($"/api/v1/sites/{mandar}/resync", new { }, HttpStatusCode.Accepted);
        Assert.Equal(("running", 2, 2), (started.Str("state"), started.Int("total"), started.Int("pending")));
        var done = await EventuallyAsync(helpdesk, $"/api/v1/resync-campaigns/{started.Int("id")}", c => c.Str("state") != "running", () => seldon.Log);

        Assert.Equal(("completed", 2, 0), (done.Str("state"), done.Int("refused"), done.Int("pending")));
        await using var scope = factory.Services.CreateAsyncScope();
        var sent = await scope.ServiceProvider.GetRequiredService<SophiaDb>().ResyncTargets.AsNoTracking()
            .Where(t => t.CampaignId == started.Int("id")).Select(t => t.SentAt!.Value).ToListAsync();
        Assert.True((sent.Max() - sent.Min()) >= TimeSpan.FromSeconds(1), $"Both NOTIFYs left within a second: {string.Join(", ", sent)}");

        // Killed, Seldon's phone keeps its binding at Kamailio but no longer answers OPTIONS.
        await seldon.KillAsync();
        var check = await helpdesk.PostJson($"/api/v1/equipment/{SeldonPhone}/check", new { });
        Assert.Equal("unreachable", check.Str("state"));
        Assert.Equal("unreachable", (await helpdesk.GetJson($"/api/v1/clients/{(await DemoIdsAsync(helpdesk)).ClientId}/phones?filter=not-registered")).Items().Single().Str("state"));
    }

    [Fact]
    public async Task A_change_to_a_registered_phones_config_sends_it_one_check_sync_once_the_client_is_quiet()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: true);
        using var factory = NewSophia(
            ("Sophia:Registration:Kamailio:RpcUrl", kamailio.RpcUrl.ToString()),
            ("Sophia:Registration:Resync:QuietSeconds", "0"),
            ("Sophia:Provisioning:ServerUrl", "http://localhost/prov/"));
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        await using var phone = await SippCheckSyncPhone.StartAsync();
        await SippRegistration.RegisterAsync(kamailio.SipPort, "cseldon@15rp.sewan.eu", phone.Contact, T46sAgent);
        await helpdesk.PostJson("/api/v1/registration/reconcile", new { });
        var fetch = new DigestClient(factory.CreateClient(), "15rp", "prov-demo", T46sAgent);
        Assert.Equal(HttpStatusCode.OK, (await fetch.GetAsync($"/prov/{SeldonPhone}.cfg")).StatusCode);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
        var jobs = factory.Services.GetRequiredService<IRecurringJobManager>();

        // Up to date: the job looks at the phone once for this config and sends nothing.
        jobs.Trigger(ConfigChangeResyncJob.RecurringId);
        await UntilAsync(async db => await db.RegistrationStatuses.AnyAsync(s => s.ResyncStamp != null), factory);
        Assert.Empty(await EventuallyCampaignsAsync(factory, allowNone: true));
        var seldonId = (await admin.GetJson("/api/v1/search?q=seldon")).GetProperty("users")[0].Int("id");
        await admin.PutJson($"/api/v1/users/{seldonId}/function-keys", new[] { new { kind = "speedDial", number = "0612345678", label = "Nouveau" } });
        jobs.Trigger(ConfigChangeResyncJob.RecurringId);

        Assert.True(await phone.ExitCodeAsync() == 0, $"No check-sync reached the phone.\n{phone.Log}");
        var campaigns = await EventuallyCampaignsAsync(factory);
        var campaign = Assert.Single(campaigns);
        Assert.Equal((ResyncTrigger.ConfigChange, "auto", ResyncTargetState.Answered),
            (campaign.Trigger, campaign.RequestedBy, Assert.Single(campaign.Targets).State));
        Assert.Equal("answered", (await admin.GetJson($"/api/v1/equipment/{SeldonPhone}/status")).Registration().Str("lastResyncOutcome"));
    }

    private static async Task UntilAsync(Func<SophiaDb, Task<bool>> done, SophiaFactory factory)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            if (await done(scope.ServiceProvider.GetRequiredService<SophiaDb>()))
            {
                return;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "The job did not run within 15 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>The campaigns once every target has an outcome.</summary>
    private static async Task<List<ResyncCampaign>> EventuallyCampaignsAsync(SophiaFactory factory, bool allowNone = false)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var campaigns = await scope.ServiceProvider.GetRequiredService<SophiaDb>().ResyncCampaigns.AsNoTracking().Include(c => c.Targets).ToListAsync();
            if ((allowNone || campaigns.Count > 0) && campaigns.All(c => c.Targets.All(t => t.State is not (ResyncTargetState.Pending or ResyncTargetState.Sending))))
            {
                return campaigns;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"Campaigns still sending after 15 s: {campaigns.Count}");
            await Task.Delay(100);
        }
    }

    /// <summary>Reconciles until the phone reads <paramref name="state"/>: a registrar applies a REGISTER a moment after the phone sent it.</summary>
    private static async Task<JsonElement> ReconcileUntilAsync(HttpClient helpdesk, string state, Func<string> explain, string url = LuStatus)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await helpdesk.PostJson("/api/v1/registration/reconcile", new { });
            var status = await helpdesk.GetJson(url);
            if (status.State() == state)
            {
                return status;
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(15))
            {
                Assert.Fail($"{url} still {status.State()} after 15 s: {explain()}");
            }
            await Task.Delay(100);
        }
    }
}
