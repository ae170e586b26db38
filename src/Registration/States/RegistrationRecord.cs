namespace Sophia.Registration.States;

/// <summary>The current registration state of one device, with what was last seen of it.</summary>
/// <param name="Since">When the device entered <paramref name="State"/>.</param>
/// <param name="CheckedAt">When a source was last asked.</param>
/// <param name="ContactUri">The last contact known for the phone; kept through Unknown and NotRegistered so an OPTIONS probe can still aim at it.</param>
/// <param name="Source">Who said so: a registrar name (<c>kamailio</c>) or <c>options</c>.</param>
/// <param name="Reason">Why the state is what it is, in words for the helpdesk.</param>
public sealed record RegistrationRecord(
    RegistrationState State,
    DateTimeOffset Since,
    DateTimeOffset CheckedAt,
    string? ContactUri,
    DateTimeOffset? Expires,
    string? UserAgent,
    string? Received,
    string? Source,
    string? Reason)
{
    /// <summary>
    /// The state as it may be shown at <paramref name="now"/>: a record nobody refreshed for longer than
    /// <paramref name="maxAge"/> says nothing any more, so it reads as Unknown.
    /// </summary>
    public RegistrationState StateAt(DateTimeOffset now, TimeSpan maxAge) =>
        now - CheckedAt > maxAge ? RegistrationState.Unknown : State;
}

/// <summary>One change of state, appended to the device's history.</summary>
public sealed record RegistrationTransition(RegistrationState From, RegistrationState To, DateTimeOffset At, string Reason);

/// <summary>The result of one reconciliation step: the new record, and the transition if the state changed.</summary>
public sealed record RegistrationStep(RegistrationRecord Record, RegistrationTransition? Transition);
