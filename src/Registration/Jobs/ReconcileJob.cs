using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.States;
using Sophia.Registration.Store;

namespace Sophia.Registration.Jobs;

/// <summary>What one reconciliation did, or who was already running one.</summary>
/// <param name="BusyHolder">Set when another run (on this node or another) held the lease: nothing was done.</param>
/// <param name="Unreachable">Phones found registered but not answering OPTIONS (the OPTIONS-only sweep).</param>
public sealed record ReconcileOutcome(string? BusyHolder, TrackingSync? Tracking, ReconcileSummary? Summary, int Unreachable = 0)
{
    public bool Ran => Summary is not null;
}

/// <summary>
/// The registration reconciliation: brings the tracked phones in step with the assignments, then asks the
/// configured registrar for every binding (<see cref="DumpReconciler"/> over the database store), or without a
/// registrar probes each phone's last known contact with OPTIONS. One run at a time across all nodes (a database lease).
/// </summary>
public sealed partial class ReconcileJob(
    SophiaDb db,
    DumpReconciler reconciler,
    RegistrationChecker checker,
    IOptions<RegistrationTrackingOptions> options,
    TimeProvider time,
    ILogger<ReconcileJob> logger,
    IRegistrarSource? registrar = null)
{
    public const string RecurringId = "registration-reconcile";
    public const string LeaseName = "registration-reconcile";

    /// <summary>Long enough for the slowest sweep; a node that dies mid-run blocks the next ones no longer than this.</summary>
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
        try
        {
            var store = new EfRegistrationStore(db, time, withFetchContacts: registrar is null);
            var tracking = await store.SyncAsync(Settings.BatchSize, cancellationToken);
            if (tracking.Added + tracking.Removed + tracking.Renamed > 0)
            {
                LogTracking(tracking.Added, tracking.Removed, tracking.Renamed);
            }
            var outcome = registrar is not null
                ? new ReconcileOutcome(null, tracking, await reconciler.RunAsync(registrar, store, Settings.BatchSize, cancellationToken))
                : await SweepAsync(store, tracking, cancellationToken);
            completed = true;
            return outcome;
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, lease, completed, time, CancellationToken.None);
        }
    }

    /// <summary>
    /// Without a registrar: OPTIONS to each phone's last known contact (its registrar contact, else the address of its
    /// last provisioning fetch), a bounded number in flight.
    /// </summary>
    private async Task<ReconcileOutcome> SweepAsync(EfRegistrationStore store, TrackingSync tracking, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid();
        var started = time.GetTimestamp();
        int devices = 0, registered = 0, notRegistered = 0, unknown = 0, unreachable = 0, transitions = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Settings.ProbeConcurrency, CancellationToken = cancellationToken };
        await foreach (var batch in store.FindUntouchedAsync(run, Settings.BatchSize, cancellationToken))
        {
            var steps = new RegistrationStep[batch.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), parallel,
                async (i, token) => steps[i] = await checker.CheckAsync(batch[i], registrar: null, probeContact: true, token));
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
        var summary = new ReconcileSummary(run, RegistrationStateMachine.OptionsSource, null, 0, devices, registered, notRegistered, unknown,
            transitions, time.GetElapsedTime(started));
        LogSweep(devices, registered, unreachable, unknown, transitions, summary.Elapsed.TotalMilliseconds);
        return new ReconcileOutcome(null, tracking, summary, unreachable);
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Reconciliation not due: the last one finished at {Last:u}")]
    private partial void LogNotDue(DateTimeOffset last);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Reconciliation skipped: {Holder} is running one")]
    private partial void LogBusy(string holder);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Tracked phones: {Added} added, {Removed} no longer assigned, {Renamed} with a new AOR")]
    private partial void LogTracking(int added, int removed, int renamed);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information,
        Message = "OPTIONS sweep (no registrar): {Devices} phones, {Registered} answering, {Unreachable} unreachable, {Unknown} unknown, {Transitions} transitions in {ElapsedMs:0} ms")]
    private partial void LogSweep(int devices, int registered, int unreachable, int unknown, int transitions, double elapsedMs);
}
