using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sophia.Model.Data;
using Sophia.Model.Jobs;
using Sophia.Registration.Jobs;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;
using Sophia.Registration.Store;
using Sophia.Registration.Tests.Resync;
using Sophia.Registration.Tests.Sip;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Jobs;

/// <summary>The OPTIONS sweep of phones no registrar serves: bounded by the probe timeout, and never outliving its lease.</summary>
public sealed class OptionsSweepTests
{
    [Fact]
    public async Task A_sweep_of_hundreds_of_silent_phones_takes_a_few_probe_timeouts_not_timer_f_each()
    {
        await using var parc = await TestParc.CreateAsync();
        var silent = await parc.AddPhonesAsync("mute", 300);
        var neverSeen = await parc.AddPhonesAsync("new", 5);
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        // Sockets that read every OPTIONS and answer none: a phone behind NAT whose pinhole closed looks the same.
        var holes = Enumerable.Range(0, 4).Select(_ => ScriptedPhone.Silent()).ToList();
        try
        {
            await SweepSilentPhonesAsync(parc, silent, neverSeen, lu, holes);
        }
        finally
        {
            foreach (var hole in holes)
            {
                await hole.DisposeAsync();
            }
        }
    }

    private static async Task SweepSilentPhonesAsync(TestParc parc, List<int> silent, List<int> neverSeen, int lu, List<ScriptedPhone> holes)
    {
        await using var answering = ScriptedPhone.Answering(200, "OK");
        await using var db = parc.NewDb();
        await new EfRegistrationStore(db, parc.Clock).SyncAsync(1000);
        var now = parc.Clock.GetUtcNow();
        for (var k = 0; k < holes.Count; k++)
        {
            var (hole, contact) = (k, $"sip:mute@127.0.0.1:{holes[k].Port}");
            await db.RegistrationStatuses.Where(s => silent.Contains(s.EquipmentId) && s.EquipmentId % holes.Count == hole).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.State, "registered").SetProperty(s => s.Contact, contact).SetProperty(s => s.CheckedAt, now).SetProperty(s => s.Since, now));
        }
        await Phones.SetStateAsync(db, lu, "registered", answering.Contact, now);
        var settings = new RegistrationTrackingOptions { ProbeTimeout = TimeSpan.FromSeconds(1), ProbeConcurrency = 100 };
        // Default SIP timers: Timer F is 32 s, so only the sweep's probe timeout can keep this short.
        await using var sip = new SipUdpClient(Options.Create(new SipOptions { LocalAddress = "127.0.0.1" }), TimeProvider.System,
            NullLogger<SipUdpClient>.Instance);

        var watch = Stopwatch.StartNew();
        var outcome = await Job(parc, db, settings, sip).RunAsync();
        var elapsed = watch.Elapsed;

        var rounds = Math.Ceiling(silent.Count / (double)settings.ProbeConcurrency);
        var bound = rounds * settings.ProbeTimeout;
        Assert.True(elapsed < 3 * bound, $"{silent.Count} silent phones took {elapsed.TotalSeconds:0.0} s, expected about {bound.TotalSeconds} s");
        Assert.Equal((306, 300, 1, 5), (outcome.Summary!.Devices, outcome.Unreachable, outcome.Summary.Registered, outcome.Summary.Unknown));
        Assert.False(outcome.LeaseLost);
        var rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.All(silent, id => Assert.Equal(("unreachable", "no registrar consulted; no answer to OPTIONS"), (rows[id].State, rows[id].Reason)));
        Assert.All(neverSeen, id => Assert.Equal(("unknown", "no registrar consulted and no contact to probe"), (rows[id].State, rows[id].Reason)));
        Assert.Equal("registered", rows[lu].State);

        // Every silent phone was asked (each once, as one transaction); the phones without a contact cost no datagram at all.
        var waited = Stopwatch.StartNew();
        while (holes.Sum(h => h.Received.Select(r => r.CallId).Distinct().Count()) < silent.Count && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }
        Assert.Equal(silent.Count, holes.Sum(h => h.Received.Select(r => r.CallId).Distinct().Count()));
    }

    [Fact]
    public async Task The_lease_is_renewed_between_sweep_batches_so_no_other_node_gets_it_during_a_sweep_longer_than_the_lease()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await Phones.AddRegisteredAsync(parc, parc.Mandar, 40, "slow");
        await using var db = parc.NewDb();
        await using var other = parc.NewDb();
        var started = parc.Clock.GetUtcNow();
        var othersWins = new ConcurrentBag<string>();
        var phones = new SilentPhonesOnFakeClock(parc.Clock, async _ =>
        {
            if (await JobLeases.TryAcquireAsync(other, ReconcileJob.LeaseName, "node-b", ReconcileJob.LeaseDuration, parc.Clock) is { } won)
            {
                othersWins.Add($"node-b got the lease at {parc.Clock.GetUtcNow() - started}");
            }
        });
        // One probe at a time, 30 s each: 40 phones take 20 fake minutes, more than the 15-minute lease.
        var settings = new RegistrationTrackingOptions { ProbeTimeout = TimeSpan.FromSeconds(30), ProbeConcurrency = 1 };

        var outcome = await Job(parc, db, settings, phones).RunAsync();

        Assert.True(parc.Clock.GetUtcNow() - started > ReconcileJob.LeaseDuration);
        Assert.Empty(othersWins);
        Assert.Equal((40, 40, null, false), (outcome.Summary!.Devices, outcome.Unreachable, outcome.Summary.Failure, outcome.LeaseLost));
        Assert.All(phones.Timeouts, t => Assert.Equal(settings.ProbeTimeout, t));
        Assert.Equal(parc.Clock.GetUtcNow(), await JobLeases.LastCompletedAsync(db, ReconcileJob.LeaseName));
        Assert.Equal(ids.Count, await db.RegistrationStatuses.CountAsync(s => s.LastRunId == outcome.Summary.RunId && s.State == "unreachable"));
    }

    [Fact]
    public async Task A_sweep_whose_lease_was_taken_over_stops_writes_nothing_more_and_is_not_a_completed_run()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await Phones.AddRegisteredAsync(parc, parc.Mandar, 40, "slow");
        await using var db = parc.NewDb();
        await using var other = parc.NewDb();
        HeldLease? taken = null;
        var phones = new SilentPhonesOnFakeClock(parc.Clock, async probe =>
        {
            if (probe == 15)
            {
                // This node stalls past its lease (a long pause, a hung resolver) and node-b starts a run meanwhile.
                parc.Clock.Advance(ReconcileJob.LeaseDuration + TimeSpan.FromSeconds(1));
                taken = await JobLeases.TryAcquireAsync(other, ReconcileJob.LeaseName, "node-b", ReconcileJob.LeaseDuration, parc.Clock);
            }
        });
        // 30 s probes one at a time: sweep batches of 10 phones (a third of the lease each).
        var settings = new RegistrationTrackingOptions { ProbeTimeout = TimeSpan.FromSeconds(30), ProbeConcurrency = 1 };

        var outcome = await Job(parc, db, settings, phones).RunAsync();

        Assert.NotNull(taken);
        Assert.True(outcome.LeaseLost);
        Assert.Equal(10, outcome.Summary!.Devices);
        Assert.Contains("lease was lost during the OPTIONS sweep after 10 phones", outcome.Summary.Failure, StringComparison.Ordinal);
        Assert.Equal(20, phones.Timeouts.Count);
        var rows = await db.RegistrationStatuses.AsNoTracking().OrderBy(s => s.EquipmentId).ToListAsync();
        Assert.Equal(ids, rows.Select(r => r.EquipmentId));
        Assert.All(rows.Take(10), r => Assert.Equal(("unreachable", outcome.Summary.RunId), (r.State, r.LastRunId)));
        Assert.All(rows.Skip(10), r => Assert.Equal(("registered", (Guid?)null), (r.State, r.LastRunId)));
        Assert.Equal("node-b", (await JobLeases.FindAsync(db, ReconcileJob.LeaseName))!.Holder);
        Assert.Null(await JobLeases.LastCompletedAsync(db, ReconcileJob.LeaseName));
    }

    private static ReconcileJob Job(TestParc parc, SophiaDb db, RegistrationTrackingOptions settings, ISipProbe sip) => new(
        db, new DumpReconciler(parc.Clock, NullLogger<DumpReconciler>.Instance), new RegistrationChecker(sip, parc.Clock),
        new RegistrarDirectory(null), Options.Create(settings), parc.Clock, NullLogger<ReconcileJob>.Instance);

    /// <summary>
    /// Phones that never answer, on the fake clock: each OPTIONS moves the clock by the whole timeout it was given, as a
    /// silent phone would hold the probe, then <paramref name="meanwhile"/> runs with the probe's number (from 1).
    /// </summary>
    private sealed class SilentPhonesOnFakeClock(FakeTimeProvider clock, Func<int, Task> meanwhile) : ISipProbe
    {
        private int probes;

        public ConcurrentQueue<TimeSpan?> Timeouts { get; } = new();

        public async Task<SipOutcome> SendOptionsAsync(SipTarget target, TimeSpan? timeout, CancellationToken cancellationToken = default)
        {
            Timeouts.Enqueue(timeout);
            var waited = timeout ?? SipTimers.Default.TimerF;
            clock.Advance(waited);
            await meanwhile(Interlocked.Increment(ref probes));
            return SipOutcome.NoAnswer(4, waited);
        }

        public Task<SipOutcome> SendCheckSyncAsync(SipTarget target, bool reboot = false, CancellationToken cancellationToken = default) =>
            Task.FromResult(SipOutcome.NotSent("check-sync is not part of this test"));
    }
}
