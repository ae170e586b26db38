using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Model.Jobs;
using Sophia.Registration.Diagnostics;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.States;
using Sophia.Registration.Store;

namespace Sophia.Registration.Jobs;

/// <summary>What one reconciliation did, or who was already running one.</summary>
/// <param name="BusyHolder">Set when another run (on this node or another) held the lease: nothing was done.</param>
/// <param name="Summary">The whole run: the sum of <see cref="Registrars"/>, or the one part when a single source serves every client.</param>
/// <param name="Unreachable">Phones found registered but not answering OPTIONS (the OPTIONS-only sweep).</param>
public sealed record ReconcileOutcome(string? BusyHolder, TrackingSync? Tracking, ReconcileSummary? Summary, int Unreachable = 0)
{
    public bool Ran => Summary is not null;

    /// <summary>
    /// The lease expired mid-run and another node took it: this run stopped where it noticed (the summary's failure says
    /// where), wrote nothing after that, and does not count as a completed run.
    /// </summary>
    public bool LeaseLost { get; init; }

    /// <summary>Each source's part of the run, registrars first, the OPTIONS sweep last.</summary>
    public IReadOnlyList<RegistrarRun> Registrars { get; init; } = [];
}

/// <summary>What one source did in a reconciliation.</summary>
/// <param name="Registrar">As <see cref="RegistrarDirectory.Describe"/> names it: <c>kamailio http://127.0.0.1:5081/RPC</c> or <c>options</c>.</param>
/// <param name="Domains">The configured SIP domains it served.</param>
/// <param name="ServesUnlisted">Whether it also served every client without an entry of its own.</param>
public sealed record RegistrarRun(string Registrar, IReadOnlyList<string> Domains, bool ServesUnlisted, ReconcileSummary Summary, int Unreachable);

/// <summary>
/// The registration reconciliation: brings the tracked phones in step with the assignments, then, for each registrar
/// of <see cref="RegistrarDirectory"/>, reconciles the phones of the clients it serves against one dump of it
/// (<see cref="DumpReconciler"/> over the database store restricted to those clients); the phones of clients served by
/// no registrar get an OPTIONS probe to their last known contact. A registrar that cannot be read makes only its own
/// clients' phones unknown. One run at a time across all nodes (a database lease).
/// </summary>
public sealed partial class ReconcileJob(
    SophiaDb db,
    DumpReconciler reconciler,
    RegistrationChecker checker,
    RegistrarDirectory registrars,
    IOptions<RegistrationTrackingOptions> options,
    TimeProvider time,
    ILogger<ReconcileJob> logger,
    RegistrationMetrics? metrics = null)
{
    public const string RecurringId = "registration-reconcile";
    public const string LeaseName = "registration-reconcile";

    /// <summary>
    /// Long enough for the slowest part or sweep batch; the lease is renewed after each part and each sweep batch, and a
    /// node that dies mid-run blocks the next ones no longer than this.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(15);

    private RegistrationTrackingOptions Settings => options.Value;

    /// <summary>
    /// The recurring entry point: skips the run when another node finished one less than
    /// <see cref="RegistrationTrackingOptions.ReconcileSeconds"/> ago (several schedulers, or a run asked for by hand).
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Registration reconciliation")]
    public async Task RunScheduledAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(Settings.ReconcileSeconds);
        var slack = TimeSpan.FromSeconds(Math.Min(5, Settings.ReconcileSeconds / 4.0));
        if (await JobLeases.LastCompletedAsync(db, LeaseName, cancellationToken) is { } last && time.GetUtcNow() - last < interval - slack)
        {
            LogNotDue(last);
            return;
        }
        await RunAsync(cancellationToken);
    }

    /// <summary>Runs one reconciliation now, unless one is running somewhere.</summary>
    public async Task<ReconcileOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        var holder = JobLeases.NewHolder();
        var lease = await JobLeases.TryAcquireAsync(db, LeaseName, holder, LeaseDuration, time, cancellationToken);
        if (lease is null)
        {
            var busy = await JobLeases.FindAsync(db, LeaseName, cancellationToken);
            LogBusy(busy?.Holder ?? "?");
            return new ReconcileOutcome(busy?.Holder ?? "another node", null, null);
        }
        var completed = false;
        var started = time.GetTimestamp();
        var measured = "failed";
        try
        {
            var tracking = await new EfRegistrationStore(db, time).SyncAsync(Settings.BatchSize, cancellationToken);
            if (tracking.Added + tracking.Removed + tracking.Renamed > 0)
            {
                LogTracking(tracking.Added, tracking.Removed, tracking.Renamed);
            }
            var plan = await ReconcilePlan.ResolveAsync(db, registrars, cancellationToken);
            foreach (var domain in plan.UnknownDomains)
            {
                LogUnknownDomain(domain);
            }

            // One run id for every part: the parts' scopes are disjoint, and a phone's last run is the reconciliation's.
            var run = Guid.NewGuid();
            var parts = new List<RegistrarRun>(plan.Parts.Count);
            string? lost = null;
            foreach (var part in plan.Parts)
            {
                if (parts.Count > 0 && !await JobLeases.RenewAsync(db, lease, LeaseDuration, time, cancellationToken))
                {
                    // Another node took the expired lease and reconciles now: two runs writing the same phones helps nobody.
                    lost = $"the reconciliation lease was lost before {RegistrarDirectory.Describe(part.Source)}: stopped, another node took over";
                    LogLeaseLost(RegistrarDirectory.Describe(part.Source));
                    break;
                }
                var (done, leaseLost) = await RunPartAsync(run, part, lease, cancellationToken);
                parts.Add(done);
                if (leaseLost)
                {
                    lost = done.Summary.Failure;
                    break;
                }
            }
            var outcome = new ReconcileOutcome(null, tracking, Total(run, parts, lost), parts.Sum(p => p.Unreachable))
            {
                Registrars = parts,
                LeaseLost = lost is not null,
            };
            completed = lost is null;
            measured = lost is not null ? "lease_lost" : outcome.Summary?.Failure is null ? "ok" : "failed";
            return outcome;
        }
        finally
        {
            metrics?.Reconciled(time.GetElapsedTime(started), measured);
            await JobLeases.ReleaseAsync(db, lease, completed, time, CancellationToken.None);
        }
    }

    private async Task<(RegistrarRun Run, bool LeaseLost)> RunPartAsync(Guid run, ReconcilePart part, HeldLease lease, CancellationToken cancellationToken)
    {
        var name = RegistrarDirectory.Describe(part.Source);
        if (part.Source is { } source)
        {
            var store = new EfRegistrationStore(db, time, scope: part.Scope);
            var summary = await reconciler.RunAsync(run, source, store, Settings.BatchSize, cancellationToken);
            return (new RegistrarRun(name, part.Domains, part.ServesUnlisted, summary, 0), false);
        }
        var sweep = await SweepAsync(run, new EfRegistrationStore(db, time, withFetchContacts: true, part.Scope), lease, cancellationToken);
        return (new RegistrarRun(name, part.Domains, part.ServesUnlisted, sweep.Summary, sweep.Unreachable), sweep.LeaseLost);
    }

    /// <summary>
    /// The whole run: the one part as it is, or the parts added up, each failure named by its registrar; a lost lease
    /// (<paramref name="lost"/>) is the run's failure too, since the parts after it were not done.
    /// </summary>
    private static ReconcileSummary Total(Guid run, List<RegistrarRun> parts, string? lost)
    {
        if (parts.Count == 1 && (lost is null || parts[0].Summary.Failure == lost))
        {
            return parts[0].Summary;
        }
        var failures = parts.Where(p => p.Summary.Failure is not null).Select(p => $"{p.Registrar}: {p.Summary.Failure}").ToList();
        if (lost is not null && !parts.Any(p => p.Summary.Failure == lost))
        {
            failures.Add(lost);
        }
        return new ReconcileSummary(
            run,
            string.Join(", ", parts.Select(p => p.Summary.Source).Distinct()),
            failures.Count == 0 ? null : string.Join("; ", failures),
            parts.Sum(p => p.Summary.Bindings),
            parts.Sum(p => p.Summary.Devices),
            parts.Sum(p => p.Summary.Registered),
            parts.Sum(p => p.Summary.NotRegistered),
            parts.Sum(p => p.Summary.Unknown),
            parts.Sum(p => p.Summary.Transitions),
            TimeSpan.FromTicks(parts.Sum(p => p.Summary.Elapsed.Ticks)));
    }

    /// <summary>
    /// Without a registrar: OPTIONS to each phone's last known contact (its registrar contact, else the address of its
    /// last provisioning fetch), <see cref="RegistrationTrackingOptions.ProbeConcurrency"/> in flight, each waiting at
    /// most <see cref="RegistrationTrackingOptions.ProbeTimeout"/>. A phone with no contact at all gets no probe.
    /// The lease is renewed after each batch, before the batch is written: a run that lost it writes nothing more and stops.
    /// </summary>
    private async Task<SweepResult> SweepAsync(Guid run, EfRegistrationStore store, HeldLease lease, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        int devices = 0, registered = 0, notRegistered = 0, unknown = 0, unreachable = 0, transitions = 0;
        string? failure = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Settings.ProbeConcurrency, CancellationToken = cancellationToken };
        await foreach (var batch in store.FindUntouchedAsync(run, SweepBatchSize(Settings), cancellationToken))
        {
            var steps = new RegistrationStep[batch.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), parallel,
                async (i, token) => steps[i] = await checker.CheckAsync(batch[i], registrar: null, probeContact: true, Settings.ProbeTimeout, token));
            if (!await JobLeases.RenewAsync(db, lease, LeaseDuration, time, cancellationToken))
            {
                failure = $"the reconciliation lease was lost during the OPTIONS sweep after {devices} phones: stopped, another node took over";
                LogSweepLeaseLost(devices);
                break;
            }
            var changes = new List<RegistrationChange>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                changes.Add(new RegistrationChange(batch[i].EquipmentId, steps[i].Record, steps[i].Transition));
                devices++;
                transitions += steps[i].Transition is null ? 0 : 1;
                switch (steps[i].Record.State)
                {
                    case RegistrationState.Registered: registered++; break;
                    case RegistrationState.NotRegistered: notRegistered++; break;
                    case RegistrationState.Unreachable: unreachable++; break;
                    default: unknown++; break;
                }
            }
            await store.SaveAsync(run, changes, cancellationToken);
        }
        var summary = new ReconcileSummary(run, RegistrationStateMachine.OptionsSource, failure, 0, devices, registered, notRegistered, unknown,
            transitions, time.GetElapsedTime(started));
        LogSweep(devices, registered, unreachable, unknown, transitions, summary.Elapsed.TotalMilliseconds);
        return new SweepResult(summary, unreachable, failure is not null);
    }

    /// <summary>
    /// Phones per sweep batch: the configured batch, cut down so that one batch of phones that all stay silent
    /// (batch / ProbeConcurrency rounds of ProbeTimeout) lasts at most a third of the lease, which is renewed between batches.
    /// </summary>
    private static int SweepBatchSize(RegistrationTrackingOptions settings)
    {
        var rounds = Math.Max(1, (int)(LeaseDuration / 3 / settings.ProbeTimeout));
        return (int)Math.Min(settings.BatchSize, (long)settings.ProbeConcurrency * rounds);
    }

    private sealed record SweepResult(ReconcileSummary Summary, int Unreachable, bool LeaseLost);

    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Reconciliation not due: the last one finished at {Last:u}")]
    private partial void LogNotDue(DateTimeOffset last);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Reconciliation skipped: {Holder} is running one")]
    private partial void LogBusy(string holder);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Tracked phones: {Added} added, {Removed} no longer assigned, {Renamed} with a new AOR")]
    private partial void LogTracking(int added, int removed, int renamed);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information,
        Message = "OPTIONS sweep (no registrar): {Devices} phones, {Registered} answering, {Unreachable} unreachable, {Unknown} unknown, {Transitions} transitions in {ElapsedMs:0} ms")]
    private partial void LogSweep(int devices, int registered, int unreachable, int unknown, int transitions, double elapsedMs);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning,
        Message = "Sophia:Registration:Clients:{Domain} names no client's SIP domain: that entry serves nobody")]
    private partial void LogUnknownDomain(string domain);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning,
        Message = "The reconciliation lease expired before {Registrar} was read and another node took it: this run stops there")]
    private partial void LogLeaseLost(string registrar);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning,
        Message = "The reconciliation lease expired during the OPTIONS sweep and another node took it: this run stops after {Checked} phones")]
    private partial void LogSweepLeaseLost(int @checked);
}
