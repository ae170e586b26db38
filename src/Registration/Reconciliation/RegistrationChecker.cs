using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;
using Sophia.Registration.States;

namespace Sophia.Registration.Reconciliation;

/// <summary>
/// Checks one device now (the helpdesk's "diagnose" and the OPTIONS sweep): asks its registrar, probes the phone
/// with OPTIONS where that can tell something, and applies <see cref="RegistrationStateMachine"/>.
/// </summary>
public sealed class RegistrationChecker(ISipProbe probe, TimeProvider time)
{
    /// <param name="registrar">The registrar serving the device; null when none does (OPTIONS only).</param>
    /// <param name="probeContact">Whether to send OPTIONS to a registered phone's contact (costs up to Timer F).</param>
    /// <param name="probeTimeout">How long the OPTIONS probe waits for an answer before the phone counts as not answering; null: Timer F.</param>
    /// <remarks>A device with no contact at all (none from the registrar, none stored, no fetch address) gets no probe.</remarks>
    public async Task<RegistrationStep> CheckAsync(
        TrackedDevice device, IRegistrarSource? registrar, bool probeContact = true, TimeSpan? probeTimeout = null, CancellationToken cancellationToken = default)
    {
        var observation = registrar is null
            ? RegistrarObservation.NotConsulted
            : await registrar.LookupAsync(device.Aor, cancellationToken);

        var target = observation.Status switch
        {
            RegistrarStatus.Registered when probeContact && observation.ContactFor(device.Mac) is { } c =>
                new SipTarget(c.ContactUri, device.Aor.ToString(), c.Received),
            RegistrarStatus.NotConsulted when (device.Current?.ContactUri ?? device.LastKnownContact) is { } last =>
                new SipTarget(last, device.Aor.ToString(), device.Current?.Received),
            _ => null,
        };
        var outcome = target is null ? null : await probe.SendOptionsAsync(target, probeTimeout, cancellationToken);
        return RegistrationStateMachine.Next(device.Current, observation, outcome, time.GetUtcNow(), device.Mac);
    }
}
