using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;
using Sophia.Model.Registration;
using Sophia.Registration.Jobs;
using Sophia.Registration.Resync;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Resync;

public sealed class ConfigChangeResyncJobTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Phones_whose_config_changed_are_queued_once_the_client_has_been_quiet_and_once_per_change()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await Phones.AddRegisteredAsync(parc, parc.Mandar, 3, "m");
        await using var db = parc.NewDb();
        var macs = await db.Equipment.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).Select(e => e.Mac).ToListAsync();
        var drift = new Drift { Pending = { macs[0], macs[2] } };
        var jobs = Substitute.For<IBackgroundJobClient>();

        Assert.Equal(0, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));

        parc.Clock.Advance(Quiet);
        Assert.Equal(2, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));
        var campaign = await db.ResyncCampaigns.AsNoTracking().Include(c => c.Targets).SingleAsync();
        Assert.Equal((ResyncTrigger.ConfigChange, "auto", (int?)null), (campaign.Trigger, campaign.RequestedBy, campaign.SiteId));
        Assert.Equal([ids[0], ids[2]], campaign.Targets.Select(t => t.EquipmentId).Order());
        jobs.Received(1).Create(Arg.Is<Job>(j => j.Type == typeof(ResyncPump)), Arg.Any<EnqueuedState>());

        parc.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));

        // A new change: quiet first, then each drifted phone once more.
        var user = await db.Users.FirstAsync(u => u.SipUsername == "m1");
        user.Function = "Support";
        await db.SaveChangesAsync();
        Assert.Equal(0, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));
        parc.Clock.Advance(Quiet);
        Assert.Equal(2, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));
        Assert.Equal(2, await db.ResyncCampaigns.CountAsync());
    }

    [Fact]
    public async Task Phones_not_registered_are_not_queued_and_nothing_runs_without_a_way_to_render()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await Phones.AddRegisteredAsync(parc, parc.Mandar, 2, "m");
        await using var db = parc.NewDb();
        await Phones.SetStateAsync(db, ids[0], "not-registered", null, parc.Clock.GetUtcNow());
        var drift = new Drift { Unavailable = "no server URL" };
        foreach (var mac in await db.Equipment.Select(e => e.Mac).ToListAsync())
        {
            drift.Pending.Add(mac);
        }
        parc.Clock.Advance(Quiet);
        var jobs = Substitute.For<IBackgroundJobClient>();

        Assert.Equal(0, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));
        drift.Unavailable = null;
        Assert.Equal(1, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));
        Assert.Equal(ids[1], (await db.ResyncTargets.SingleAsync()).EquipmentId);
    }

    [Fact]
    public async Task A_new_template_version_is_a_change_for_every_client()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await Phones.AddRegisteredAsync(parc, parc.Mandar, 2, "m");
        await using var db = parc.NewDb();
        var drift = new Drift();
        var jobs = Substitute.For<IBackgroundJobClient>();
        parc.Clock.Advance(Quiet);
        Assert.Equal(0, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));

        // The templates are replaced: one phone's files come out different, the other's not.
        drift.TemplateVersion = "templates-2";
        drift.Pending.Add(await db.Equipment.Where(e => e.Id == ids[1]).Select(e => e.Mac).SingleAsync());

        Assert.Equal(1, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));
        Assert.Equal(ids[1], (await db.ResyncTargets.SingleAsync()).EquipmentId);
        Assert.Equal(0, await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_run_that_fails_midway_leaves_no_phone_marked_as_considered_without_its_resync_queued()
    {
        await using var parc = await TestParc.CreateAsync();
        var first = await Phones.AddRegisteredAsync(parc, parc.Mandar, 1, "m");
        var (_, siege) = await parc.AddClientAsync("Autre", "autre.example.net");
        var second = await Phones.AddRegisteredAsync(parc, siege, 1, "a");
        await using var db = parc.NewDb();
        var drift = new Drift();
        foreach (var mac in await db.Equipment.Select(e => e.Mac).ToListAsync())
        {
            drift.Pending.Add(mac);
        }
        drift.Failing = await db.Equipment.Where(e => e.Id == second[0]).Select(e => e.Mac).SingleAsync();
        parc.Clock.Advance(Quiet);
        var jobs = Substitute.For<IBackgroundJobClient>();

        // Rendering the second client's phone fails: the first client's phone must not be left stamped but never notified.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Job(parc, db, drift, jobs).RunAsync(CancellationToken.None));
        drift.Failing = null;
        await Job(parc, db, drift, jobs).RunAsync(CancellationToken.None);

        Assert.Equal([first[0], second[0]], await db.ResyncTargets.Select(t => t.EquipmentId).OrderBy(id => id).ToListAsync());
    }

    private static ConfigChangeResyncJob Job(TestParc parc, SophiaDb db, IProvisioningDrift drift, IBackgroundJobClient jobs) => new(
        db, drift, jobs, Options.Create(new RegistrationTrackingOptions { Resync = new ResyncOptions { QuietSeconds = (int)Quiet.TotalSeconds } }),
        parc.Clock, NullLogger<ConfigChangeResyncJob>.Instance);

    /// <summary>Which phones' rendered configs differ from what they fetched: rendering is the provisioning module's, tested there.</summary>
    private sealed class Drift : IProvisioningDrift
    {
        public HashSet<MacAddress> Pending { get; } = [];

        public string? Unavailable { get; set; }

        public string TemplateVersion { get; set; } = "templates-1";

        /// <summary>A phone whose render throws, as a broken template would.</summary>
        public MacAddress? Failing { get; set; }

        public Task<IReadOnlyDictionary<MacAddress, IReadOnlyList<FileDrift>>> FilesAsync(
            SophiaDb db, IReadOnlyCollection<MacAddress> macs, Uri? requestBaseUrl, CancellationToken ct) =>
            Failing is { } failing && macs.Contains(failing) ? throw new InvalidOperationException($"rendering {failing} failed")
            : Task.FromResult<IReadOnlyDictionary<MacAddress, IReadOnlyList<FileDrift>>>(macs.ToDictionary(mac => mac, mac => (IReadOnlyList<FileDrift>)(
                Pending.Contains(mac) ? [new FileDrift($"{mac}.cfg", "changed", "fetched", DateTimeOffset.UnixEpoch)] : [])));
    }
}
