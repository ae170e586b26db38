using Microsoft.Extensions.Logging;
using Sophia.Registration.Registrar;
using Sophia.Registration.States;

namespace Sophia.Registration.Reconciliation;

/// <summary>What one reconciliation run did.</summary>
/// <param name="Failure">Why the registrar could not be read to the end; then untouched devices went Unknown.</param>
public sealed record ReconcileSummary(
    Guid RunId,
    string Source,
    string? Failure,
    int Bindings,
    int Devices,
    int Registered,
    int NotRegistered,
    int Unknown,
    int Transitions,
    TimeSpan Elapsed);

/// <summary>
/// Reconciles every device a registrar serves against one streamed dump of it, in batches:
/// devices whose AOR is in the dump are Registered; once the dump has been read to its end, the devices it did not
/// name are NotRegistered. If the dump fails part-way, the devices not yet named are Unknown instead: a registrar
/// that cannot be read says nothing about them.
/// </summary>
public sealed partial class DumpReconciler(TimeProvider time, ILogger<DumpReconciler> logger)
{
    public const int DefaultBatchSize = 1000;

    public Task<ReconcileSummary> RunAsync(
        IRegistrarSource source, IRegistrationStore store, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default) =>
        RunAsync(Guid.NewGuid(), source, store, batchSize, cancellationToken);

    /// <param name="runId">
    /// Marks the devices this run handled. Runs over disjoint stores (registrars serving different clients) may share it,
    /// as parts of one reconciliation.
    /// </param>
    public async Task<ReconcileSummary> RunAsync(
        Guid runId, IRegistrarSource source, IRegistrationStore store, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var run = new Run(runId, source.Name);
        var registrar = RegistrarDirectory.Describe(source);
        var started = time.GetTimestamp();

        // Bindings of one AOR come together in a dump; a batch is closed only when a new AOR starts.
        var batch = new Dictionary<SipAor, List<RegistrarContact>>(batchSize);
        string? failure = null;
        try
        {
            await foreach (var contact in source.DumpAsync(cancellationToken))
            {
                run.Bindings++;
                if (!batch.TryGetValue(contact.Key, out var bindings))
                {
                    if (batch.Count >= batchSize)
                    {
                        await SaveRegisteredAsync(run, batch, store, cancellationToken);
                        batch.Clear();
                    }
                    batch[contact.Key] = bindings = new List<RegistrarContact>(1);
                }
                bindings.Add(contact);
            }
        }
        catch (RegistrarUnavailableException e)
        {
            failure = e.Message;
            LogDumpFailed(registrar, run.Bindings, e.Message);
        }
        // What was read before a failure is still true: those AORs had live bindings.
        await SaveRegisteredAsync(run, batch, store, cancellationToken);

        var rest = failure is null ? RegistrarObservation.NotRegistered(source.Name) : RegistrarObservation.Unavailable(source.Name, failure);
        await foreach (var devices in store.FindUntouchedAsync(run.Id, batchSize, cancellationToken))
        {
            var now = time.GetUtcNow();
            await SaveAsync(run, devices.Select(d => (d, RegistrationStateMachine.Next(d.Current, rest, null, now, d.Mac))), store, cancellationToken);
        }

        var summary = new ReconcileSummary(run.Id, source.Name, failure, run.Bindings, run.Devices, run.Registered, run.NotRegistered,
            run.Unknown, run.Transitions, time.GetElapsedTime(started));
        LogRun(registrar, summary.Bindings, summary.Devices, summary.Registered, summary.NotRegistered, summary.Unknown,
            summary.Transitions, summary.Elapsed.TotalMilliseconds);
        return summary;
    }

    private async Task SaveRegisteredAsync(
        Run run, Dictionary<SipAor, List<RegistrarContact>> batch, IRegistrationStore store, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var devices = await store.FindByAorsAsync(batch.Keys, cancellationToken);
        var now = time.GetUtcNow();
        var steps = new List<(TrackedDevice, RegistrationStep)>(devices.Count);
        foreach (var device in devices)
        {
            // A registrar keying by user (use_domain=0) names "rlu" for the device's rlu@15rp.sewan.eu.
            if (batch.TryGetValue(device.Aor, out var bindings) || batch.TryGetValue(device.Aor.WithoutDomain(), out bindings))
            {
                var observation = RegistrarObservation.Registered(run.Source, bindings);
                steps.Add((device, RegistrationStateMachine.Next(device.Current, observation, null, now, device.Mac)));
            }
        }
        await SaveAsync(run, steps, store, cancellationToken);
    }

    private static async Task SaveAsync(
        Run run, IEnumerable<(TrackedDevice Device, RegistrationStep Step)> steps, IRegistrationStore store, CancellationToken cancellationToken)
    {
        var changes = new List<RegistrationChange>();
        foreach (var (device, step) in steps)
        {
            changes.Add(new RegistrationChange(device.EquipmentId, step.Record, step.Transition));
            run.Count(step);
        }
        if (changes.Count > 0)
        {
            await store.SaveAsync(run.Id, changes, cancellationToken);
        }
    }

    private sealed class Run(Guid id, string source)
    {
        public Guid Id { get; } = id;
        public string Source { get; } = source;
        public int Bindings { get; set; }
        public int Devices { get; private set; }
        public int Registered { get; private set; }
        public int NotRegistered { get; private set; }
        public int Unknown { get; private set; }
        public int Transitions { get; private set; }

        public void Count(RegistrationStep step)
        {
            Devices++;
            Transitions += step.Transition is null ? 0 : 1;
            switch (step.Record.State)
            {
                case RegistrationState.Registered:
                    Registered++;
                    break;
                case RegistrationState.NotRegistered:
                    NotRegistered++;
                    break;
                case RegistrationState.Unknown:
                    Unknown++;
                    break;
                default:
                    break;
            }
        }
    }

    [LoggerMessage(EventId = 5040, Level = LogLevel.Warning, Message = "Dump of registrar {Source} failed after {Bindings} bindings: {Reason}; devices not yet seen become unknown")]
    private partial void LogDumpFailed(string source, int bindings, string reason);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Information,
        Message = "Reconciled registrar {Source}: {Bindings} bindings, {Devices} devices ({Registered} registered, {NotRegistered} not registered, {Unknown} unknown), {Transitions} transitions in {ElapsedMs:0} ms")]
    private partial void LogRun(string source, int bindings, int devices, int registered, int notRegistered, int unknown, int transitions, double elapsedMs);
}
