using Sophia.Model.Accounts;
using Sophia.Model.Rules;
using Sophia.Registration.Jobs;

namespace Sophia.Registration.Diagnostics;

/// <summary>
/// What a reconciliation did, in all and per source (<see cref="Registrars"/>); <c>unreachable</c> is only counted by the
/// OPTIONS sweep (clients served by no registrar).
/// </summary>
public sealed record ReconcileDto(
    Guid RunId, string Source, string? Failure, int Bindings, int Devices, int Registered, int NotRegistered, int Unreachable, int Unknown,
    int Transitions, double ElapsedMs, int Added, int Removed, int Renamed, IReadOnlyList<RegistrarRunDto> Registrars);

/// <summary>One source's part of a reconciliation.</summary>
/// <param name="Registrar"><c>kamailio http://host:port/RPC</c> or <c>options</c>.</param>
/// <param name="Domains">The configured SIP domains it served.</param>
/// <param name="Default">Whether it also served every client without an entry of its own.</param>
public sealed record RegistrarRunDto(
    string Registrar, IReadOnlyList<string> Domains, bool Default, string? Failure, int Bindings, int Devices, int Registered, int NotRegistered,
    int Unreachable, int Unknown, int Transitions, double ElapsedMs);

/// <summary>A reconciliation run by hand, for the helpdesk: it spans every client.</summary>
public sealed class ReconcileOperations(ReconcileJob job, TimeProvider time)
{
    /// <summary>How long a run by hand waits for one already running (here or on another node) to end.</summary>
    private static readonly TimeSpan WaitForRunning = TimeSpan.FromSeconds(30);

    /// <summary>Runs a reconciliation now, after the one running if any, and returns what it did.</summary>
    public async Task<ReconcileDto> ReconcileAsync(Caller caller, CancellationToken ct)
    {
        if (!caller.IsHelpdesk)
        {
            throw new RuleViolationException(FieldError.Create("request", "reconcile.helpdeskOnly",
                "Only a helpdesk account may run a reconciliation: it spans every client."), RuleViolationKind.Forbidden);
        }
        // A scheduled run (here or on another node) may hold the lease: wait for it rather than refuse, then run a fresh one.
        var deadline = time.GetUtcNow() + WaitForRunning;
        var outcome = await job.RunAsync(ct);
        while (!outcome.Ran && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
            outcome = await job.RunAsync(ct);
        }
        if (outcome.Summary is not { } s)
        {
            throw new RuleViolationException(FieldError.Create("registration", "reconcile.busy",
                "A reconciliation is running ({holder}); try again when it ends.", ("holder", outcome.BusyHolder)), RuleViolationKind.Conflict);
        }
        var t = outcome.Tracking!;
        var parts = outcome.Registrars.Select(p => new RegistrarRunDto(p.Registrar, p.Domains, p.ServesUnlisted, p.Summary.Failure, p.Summary.Bindings,
            p.Summary.Devices, p.Summary.Registered, p.Summary.NotRegistered, p.Unreachable, p.Summary.Unknown, p.Summary.Transitions,
            p.Summary.Elapsed.TotalMilliseconds)).ToList();
        return new ReconcileDto(s.RunId, s.Source, s.Failure, s.Bindings, s.Devices, s.Registered, s.NotRegistered, outcome.Unreachable,
            s.Unknown, s.Transitions, s.Elapsed.TotalMilliseconds, t.Added, t.Removed, t.Renamed, parts);
    }
}
