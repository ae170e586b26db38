using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.FetchLog;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Provisioning;

/// <summary>What requests without credentials can make the database hold, and for how long.</summary>
public sealed class FetchLogBoundsTests
{
    [Fact]
    public async Task Credential_less_requests_from_one_source_write_at_most_the_bound_of_rows()
    {
        using var factory = new SophiaFactory();
        factory.Settings["Sophia:Provisioning:FetchLog:FailuresPerSourcePerMinute"] = "5";
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Yealink SIP-T46S " + new string('x', 5000));
        var rowsBefore = await CountAsync(factory);

        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/prov/0015650001{i:x2}.cfg")).StatusCode);
        }
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();

        var (events, unknown) = await CountAsync(factory);
        Assert.InRange(events - rowsBefore.Events, 1, 5);
        Assert.InRange(unknown - rowsBefore.Unknown, 1, 5);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        Assert.All(await db.UnknownDevices.Select(d => d.LastUserAgent).ToListAsync(), ua => Assert.InRange(ua?.Length ?? 0, 0, FetchLogWriter.MaxUserAgentLength));
        Assert.All(await db.FetchEvents.Select(f => f.UserAgent).ToListAsync(), ua => Assert.InRange(ua?.Length ?? 0, 0, FetchLogWriter.MaxUserAgentLength));
    }

    [Fact]
    public async Task Unknown_devices_beyond_the_cap_drop_the_longest_unseen()
    {
        using var factory = new SophiaFactory();
        factory.Settings["Sophia:Provisioning:FetchLog:MaxUnknownDevices"] = "3";
        var http = factory.CreateClient();
        var writer = factory.Services.GetRequiredService<FetchLogWriter>();

        for (var i = 0; i < 8; i++)
        {
            await http.GetAsync($"/prov/0015650002{i:x2}.cfg");
            await writer.FlushAsync();
        }

        using var scope = factory.Services.CreateScope();
        var macs = await scope.ServiceProvider.GetRequiredService<SophiaDb>().UnknownDevices.Select(d => d.Mac).ToListAsync();
        Assert.Equal(3, macs.Count);
        Assert.Contains("001565000207", macs);
    }

    [Fact]
    public async Task Retention_deletes_old_fetch_events_and_unknown_devices_and_keeps_recent_ones()
    {
        using var factory = new SophiaFactory();
        _ = factory.Server;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        db.FetchEvents.AddRange(
            new FetchEvent { At = now.AddDays(-31), Protocol = FetchProtocol.Http, SourceIp = "192.0.2.1", File = "old.cfg", Status = 401 },
            new FetchEvent { At = now.AddDays(-29), Protocol = FetchProtocol.Http, SourceIp = "192.0.2.1", File = "recent.cfg", Status = 401 });
        db.UnknownDevices.AddRange(
            new UnknownDevice { Mac = "001565000301", FirstSeen = now.AddDays(-100), LastSeen = now.AddDays(-91), LastIp = "192.0.2.1" },
            new UnknownDevice { Mac = "001565000302", FirstSeen = now.AddDays(-100), LastSeen = now.AddDays(-89), LastIp = "192.0.2.1" });
        await db.SaveChangesAsync();

        await scope.ServiceProvider.GetRequiredService<FetchLogRetentionJob>().RunAsync(CancellationToken.None);

        Assert.DoesNotContain("old.cfg", await db.FetchEvents.Select(f => f.File).ToListAsync());
        Assert.Contains("recent.cfg", await db.FetchEvents.Select(f => f.File).ToListAsync());
        Assert.Equal(["001565000302"], await db.UnknownDevices.Where(d => d.Mac.StartsWith("0015650003")).Select(d => d.Mac).ToListAsync());
    }

    private static async Task<(int Events, int Unknown)> CountAsync(SophiaFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        return (await db.FetchEvents.CountAsync(), await db.UnknownDevices.CountAsync());
    }
}
