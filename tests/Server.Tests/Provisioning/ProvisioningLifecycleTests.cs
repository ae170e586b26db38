using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Provisioning.FetchLog;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Provisioning;

/// <summary>Tests that change the parc or trip limits, each on its own server.</summary>
public sealed class ProvisioningLifecycleTests
{
    private const string Seldon = "/prov/001565988c06.cfg";
    private const string T46sAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";

    [Fact]
    public async Task Unassigning_stops_serving_the_line_at_once_and_shows_pending_changes()
    {
        using var factory = new SophiaFactory();
        var phone = new DigestClient(factory.CreateClient(), "15rp", "prov-demo", T46sAgent);
        var before = await (await phone.GetAsync(Seldon)).Content.ReadAsStringAsync();
        Assert.Contains("account.1.user_name = cseldon", before, StringComparison.Ordinal);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var files = (await admin.GetJson("/api/v1/equipment/001565988c06/config")).EnumerateArray().ToList();
        Assert.False(files.Single(f => f.Str("file") == "001565988c06.cfg").GetProperty("pendingChanges").GetBoolean());

        await admin.PostJson("/api/v1/equipment/001565988c06/unassign", new { });

        files = (await admin.GetJson("/api/v1/equipment/001565988c06/config")).EnumerateArray().ToList();
        Assert.True(files.Single(f => f.Str("file") == "001565988c06.cfg").GetProperty("pendingChanges").GetBoolean());
        var after = await (await phone.GetAsync(Seldon)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("cseldon", after, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"account\.1\.password = [^%\s]", after);
    }

    [Fact]
    public async Task A_change_of_function_keys_is_served_on_the_next_fetch()
    {
        using var factory = new SophiaFactory();
        var phone = new DigestClient(factory.CreateClient(), "15rp", "prov-demo", T46sAgent);
        var first = await phone.GetAsync(Seldon);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var users = await admin.GetJson("/api/v1/search?q=seldon");
        var seldonId = users.GetProperty("users")[0].Int("id");

        await admin.PutJson($"/api/v1/users/{seldonId}/function-keys", new[] { new { kind = "speedDial", number = "0612345678", label = "Nouveau" } });

        var second = await phone.GetAsync(Seldon, ifNoneMatch: first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("0612345678", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_Sophia_does_not_serve_are_404_and_do_not_count_as_failures()
    {
        using var factory = new SophiaFactory();
        factory.Settings["Sophia:Provisioning:Http:FailuresPerAddress"] = "3";
        var http = factory.CreateClient();
        // What a booting Polycom or Yealink also asks for: licences, languages, firmware, its own logs.
        foreach (var name in new[] { "000000000000-license.cfg", "0004f2112233-app.log", "lang+English.txt", "T46S-66.86.0.15.rom", "SoundPointIPLocalization/Francais_France/SoundPointIP-dictionary.xml" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/prov/{name}")).StatusCode);
        }
        var served = await new DigestClient(factory.CreateClient(), "15rp", "prov-demo", T46sAgent).GetAsync(Seldon);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Repeated_failures_from_one_address_get_429_with_Retry_After()
    {
        using var factory = new SophiaFactory();
        factory.Settings["Sophia:Provisioning:Http:FailuresPerAddress"] = "3";
        var phone = new DigestClient(factory.CreateClient(), "15rp", "wrong-password", T46sAgent);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync(Seldon)).StatusCode);
        }
        var blocked = await phone.GetAsync(Seldon);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Even the right password waits now.
        var good = await new DigestClient(factory.CreateClient(), "15rp", "prov-demo", T46sAgent).GetAsync(Seldon);
        Assert.Equal(HttpStatusCode.TooManyRequests, good.StatusCode);
    }

    [Fact]
    public async Task Failures_for_a_MAC_from_a_stranger_do_not_lock_out_the_phone_at_another_address()
    {
        using var factory = new SophiaFactory();
        using var sources = SourceAddresses.Apply(factory);
        var stranger = new DigestClient(sources.ClientFrom("192.0.2.66"), "15rp", "wrong-password", T46sAgent);
        for (var i = 0; i < 12; i++)
        {
            await stranger.GetAsync(Seldon);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.GetAsync(Seldon)).StatusCode);

        var phone = new DigestClient(sources.ClientFrom("198.51.100.7"), "15rp", "prov-demo", T46sAgent);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(Seldon)).StatusCode);
    }

    [Fact]
    public async Task One_address_trying_many_MACs_is_still_limited()
    {
        using var factory = new SophiaFactory();
        factory.Settings["Sophia:Provisioning:Http:FailuresPerAddress"] = "5";
        using var sources = SourceAddresses.Apply(factory);
        var guesser = sources.ClientFrom("192.0.2.66");
        for (var i = 0; i < 5; i++)
        {
            var attempt = new DigestClient(guesser, "15rp", "wrong-password", $"Yealink SIP-T46S 66.86.0.15 00:15:65:00:00:{i:x2}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await attempt.GetAsync($"/prov/0015650000{i:x2}.cfg")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await new DigestClient(guesser, "15rp", "prov-demo", T46sAgent).GetAsync(Seldon)).StatusCode);
        var phone = new DigestClient(sources.ClientFrom("198.51.100.7"), "15rp", "prov-demo", T46sAgent);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(Seldon)).StatusCode);
    }
}
