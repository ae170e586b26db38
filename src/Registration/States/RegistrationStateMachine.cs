using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;

namespace Sophia.Registration.States;

/// <summary>
/// The pure rule that turns what the sources said into a state. No clock, no I/O: <c>now</c> is given.
/// <list type="table">
/// <listheader><term>registrar</term><description>OPTIONS probe -> state</description></listheader>
/// <item><term>Unavailable</term><description>anything -> Unknown (a registrar that is down never makes NotRegistered)</description></item>
/// <item><term>NotRegistered</term><description>anything -> NotRegistered</description></item>
/// <item><term>Registered, binding lapsed</term><description>anything -> NotRegistered</description></item>
/// <item><term>Registered</term><description>none, not sent, or any final response -> Registered; no answer -> Unreachable</description></item>
/// <item><term>NotConsulted</term><description>any final response -> Registered; no answer -> Unreachable; none or not sent -> Unknown</description></item>
/// </list>
/// Without a registrar, an answer to OPTIONS is the best sign of a registered phone there is, so it counts as one.
/// </summary>
public static class RegistrationStateMachine
{
    public const string OptionsSource = "options";

    /// <param name="previous">The device's record before this step; null the first time.</param>
    /// <param name="mac">The device's MAC, to pick its own binding when several phones share the AOR.</param>
    public static RegistrationStep Next(
        RegistrationRecord? previous, RegistrarObservation registrar, SipOutcome? probe, DateTimeOffset now, string? mac = null)
    {
        var contact = registrar.ContactFor(mac);
        var (state, reason) = Decide(registrar, contact, probe, now);

        var keepsContact = contact is null;
        var record = new RegistrationRecord(
            state,
            previous is not null && previous.State == state ? previous.Since : now,
            now,
            keepsContact ? previous?.ContactUri : Reuse(previous?.ContactUri, contact!.ContactUri),
            keepsContact ? previous?.Expires : contact!.Expires,
            keepsContact ? previous?.UserAgent : Reuse(previous?.UserAgent, contact!.UserAgent),
            keepsContact ? previous?.Received : Reuse(previous?.Received, contact!.Received),
            registrar.Status == RegistrarStatus.NotConsulted ? OptionsSource : registrar.Source,
            Reuse(previous?.Reason, reason));

        var from = previous?.State ?? RegistrationState.Unknown;
        var transition = from == state ? null : new RegistrationTransition(from, state, now, reason);
        return new RegistrationStep(record, transition);
    }

    /// <summary>
    /// Keeps the stored string when the new one says the same: most checks change nothing, and the long-lived record
    /// then holds no fresh copies (fewer objects surviving into older GC generations on large reconciliations).
    /// </summary>
    private static string? Reuse(string? kept, string? fresh) => string.Equals(kept, fresh, StringComparison.Ordinal) ? kept : fresh;

    private static (RegistrationState State, string Reason) Decide(
        RegistrarObservation registrar, RegistrarContact? contact, SipOutcome? probe, DateTimeOffset now)
    {
        switch (registrar.Status)
        {
            case RegistrarStatus.Unavailable:
                return (RegistrationState.Unknown, $"registrar {registrar.Source} unavailable: {registrar.Error}");

            case RegistrarStatus.NotRegistered:
                return (RegistrationState.NotRegistered, $"registrar {registrar.Source} holds no binding");

            case RegistrarStatus.Registered when contact!.Expires is { } expires && expires <= now:
                return (RegistrationState.NotRegistered, $"registrar {registrar.Source} binding lapsed at {expires:u}");

            case RegistrarStatus.Registered:
                return probe is { Kind: SipOutcomeKind.NoAnswer }
                    ? (RegistrationState.Unreachable, $"registered at {registrar.Source} but no answer to OPTIONS at {contact.ContactUri}")
                    : (RegistrationState.Registered, probe is { GotResponse: true }
                        ? $"registered at {registrar.Source}; OPTIONS {probe}"
                        : $"registered at {registrar.Source}");

            default:
                return probe switch
                {
                    { GotResponse: true } => (RegistrationState.Registered, $"no registrar consulted; OPTIONS {probe}"),
                    { Kind: SipOutcomeKind.NoAnswer } => (RegistrationState.Unreachable, "no registrar consulted; no answer to OPTIONS"),
                    { Kind: SipOutcomeKind.NotSent } => (RegistrationState.Unknown, $"no registrar consulted; OPTIONS not sent: {probe.Reason}"),
                    _ => (RegistrationState.Unknown, "no registrar consulted and no contact to probe"),
                };
        }
    }
}
