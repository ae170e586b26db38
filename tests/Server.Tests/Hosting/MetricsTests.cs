using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Model.Registration;
using Sophia.Registration.Jobs;
using Sophia.Registration.Resync;
using Sophia.Registration.Sip;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Hosting;

/// <summary>The Prometheus scrape: every documented metric, the right labels, none that names a phone or an address, and only for whom may read it.</summary>
public sealed partial class MetricsTests
{
    /// <summary>The README's "Metrics" section, name by name (a histogram's series add <c>_bucket</c>, <c>_sum</c> and <c>_count</c>).</summary>
    public static readonly string[] Documented =
    [
        "sophia_provisioning_requests_total",
        "sophia_provisioning_render_duration_seconds",
        "sophia_provisioning_render_cache_total",
        "sophia_provisioning_fetch_log_queue",
        "sophia_provisioning_fetch_log_dropped_total",
        "sophia_registration_phones",
        "sophia_registration_reconcile_duration_seconds",
        "sophia_registration_resync_campaign_duration_seconds",
        "sophia_auth_login_failures_total",
    ];

    private const int Client15Rp = 1;
    private const string T46sAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";

    [Fact]
    public async Task The_scrape_is_refused_without_a_helpdesk_token_even_naming_the_metrics_port_in_its_host()
    {
        using var sophia = new SophiaFactory();
        sophia.Settings["Sophia:Metrics:Port"] = "9464";
        var http = sophia.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = "localhost:9464";
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(spoofed)).StatusCode);
        var admin = await sophia.ClientFor(SophiaFactory.Admin15Rp);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/metrics")).StatusCode);
        var helpdesk = await sophia.ClientFor(SophiaFactory.Helpdesk);
        Assert.Equal(HttpStatusCode.OK, (await helpdesk.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Every_documented_metric_is_scraped_with_provisioning_counted_by_status_and_vendor_and_no_label_names_a_phone_or_address()
    {
        using var factory = new SophiaFactory();
        using var sophia = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ISipProbe>(new AnsweringPhones())));
        var http = sophia.CreateClient();
        var phone = new DigestClient(http, "15rp", "prov-demo", T46sAgent);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/prov/001565988c06.cfg")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/prov/001565988c06.cfg")).StatusCode);
        await http.PostAsJsonAsync("/api/v1/auth/token", new { login = SophiaFactory.Seldon, password = "not-his-password" });
        await using (var scope = sophia.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReconcileJob>().RunAsync();
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            await db.RegistrationStatuses.ExecuteUpdateAsync(u => u.SetProperty(s => s.State, "registered").SetProperty(s => s.Contact, "sip:phone@127.0.0.1:5060"));
            await ResyncCampaigns.CreateAsync(db, Client15Rp, null, ResyncTrigger.Client, SophiaFactory.Admin15Rp, TimeProvider.System);
            await scope.ServiceProvider.GetRequiredService<ResyncPump>().RunAsync(CancellationToken.None);
        }

        var login = await http.PostJson("/api/v1/auth/token", new { login = SophiaFactory.Helpdesk, password = SophiaFactory.Password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("token"));
        var scrape = await http.GetStringAsync("/metrics");
        var samples = Samples(scrape);

        foreach (var name in Documented)
        {
            Assert.Contains(samples, s => s.Name == name || s.Name.StartsWith(name + "_", StringComparison.Ordinal));
        }
        Assert.True(Value(samples, "sophia_provisioning_requests_total", ("protocol", "http"), ("status", "200"), ("vendor", "yealink")) >= 2);
        Assert.True(Value(samples, "sophia_provisioning_requests_total", ("protocol", "http"), ("status", "401"), ("vendor", "yealink")) >= 2);
        Assert.True(Value(samples, "sophia_provisioning_render_cache_total", ("result", "hit")) >= 1);
        Assert.True(Value(samples, "sophia_auth_login_failures_total", ("reason", "credentials")) >= 1);
        Assert.True(Value(samples, "sophia_registration_resync_campaign_duration_seconds_count", ("outcome", "answered")) >= 1);
        Assert.True(Value(samples, "sophia_registration_phones", ("client", "1"), ("state", "registered")) >= 1);
        foreach (var (name, labels, _) in samples.Where(s => s.Name.StartsWith("sophia_", StringComparison.Ordinal)))
        {
            foreach (var (label, value) in labels)
            {
                Assert.False(Mac().IsMatch(value), $"{name} {label}=\"{value}\" looks like a MAC");
                Assert.False(Ip().IsMatch(value), $"{name} {label}=\"{value}\" looks like an address");
                Assert.DoesNotContain("@", value, StringComparison.Ordinal);
            }
        }
    }

    private static double Value(List<Sample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).Sum(s => s.Value);

    private static List<Sample> Samples(string text) =>
        [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(line =>
        {
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            return new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
        })];

    private sealed record Sample(string Name, Dictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"?""")]
    private static partial Regex LabelPair();

    [GeneratedRegex("(^|[^0-9a-f])[0-9a-f]{12}([^0-9a-f]|$)|([0-9a-f]{2}[:-]){5}[0-9a-f]{2}", RegexOptions.IgnoreCase)]
    private static partial Regex Mac();

    [GeneratedRegex(@"\b\d{1,3}(\.\d{1,3}){3}\b|\b[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ip();

    /// <summary>Every phone answers OPTIONS and NOTIFY at once.</summary>
    private sealed class AnsweringPhones : ISipProbe
    {
        public Task<SipOutcome> SendOptionsAsync(SipTarget target, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(SipOutcome.FromFinal(200, "OK", 1, TimeSpan.FromMilliseconds(1)));

        public Task<SipOutcome> SendCheckSyncAsync(SipTarget target, bool reboot = false, CancellationToken cancellationToken = default) =>
            Task.FromResult(SipOutcome.FromFinal(200, "OK", 1, TimeSpan.FromMilliseconds(1)));
    }
}
