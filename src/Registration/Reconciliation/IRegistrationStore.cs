using Sophia.Registration.Registrar;
using Sophia.Registration.States;

namespace Sophia.Registration.Reconciliation;

/// <summary>A device whose registration is tracked: the AOR its line registers as, and its current record.</summary>
/// <param name="Mac">Used to tell its binding from another phone's on a shared AOR.</param>
/// <param name="LastKnownContact">A contact to probe when the registrar has none, e.g. <c>sip:&lt;ip&gt;:5060</c> from the last provisioning fetch.</param>
public sealed record TrackedDevice(int EquipmentId, SipAor Aor, string? Mac, RegistrationRecord? Current, string? LastKnownContact = null);

/// <summary>A new record for a device, and the transition to append to its history if the state changed.</summary>
public sealed record RegistrationChange(int EquipmentId, RegistrationRecord Record, RegistrationTransition? Transition);

/// <summary>
/// Where registration records live, seen through the devices one registrar serves. Reads come in batches so a
/// reconciliation never loads every device at once; a run id marks which devices a run has already handled.
/// </summary>
public interface IRegistrationStore
{
    /// <summary>
    /// The devices registering as any of <paramref name="aors"/>. An AOR without domain (a registrar keying by user)
    /// matches that user in every domain.
    /// </summary>
    Task<IReadOnlyList<TrackedDevice>> FindByAorsAsync(IReadOnlyCollection<SipAor> aors, CancellationToken cancellationToken = default);

    /// <summary>The devices no <see cref="SaveAsync"/> of run <paramref name="runId"/> has touched, in batches.</summary>
    IAsyncEnumerable<IReadOnlyList<TrackedDevice>> FindUntouchedAsync(Guid runId, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>Stores new records, appends transitions to the history, and marks the devices as handled by the run.</summary>
    Task SaveAsync(Guid runId, IReadOnlyList<RegistrationChange> changes, CancellationToken cancellationToken = default);
}
