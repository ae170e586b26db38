using Sophia.Model.Stock;

namespace Sophia.Model.Registration;

/// <summary>
/// The registration state of one assigned phone, as the last reconciliation saw it. Only equipment assigned to a
/// user is tracked: its line registers as the user's SIP username at the client's SIP domain.
/// </summary>
public sealed class RegistrationStatus
{
    public int EquipmentId { get; set; }
    public Equipment? Equipment { get; set; }

    /// <summary>The AOR the line registers as, lower-case <c>user@domain</c>; kept in step with the assignment by every reconciliation.</summary>
    public required string Aor { get; set; }

    /// <summary>The user part of <see cref="Aor"/>, for registrars that key by user only.</summary>
    public required string AorUser { get; set; }

    /// <summary>The API word: <c>registered</c>, <c>not-registered</c>, <c>unreachable</c> or <c>unknown</c>.</summary>
    public required string State { get; set; }

    /// <summary>When the phone entered <see cref="State"/>.</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>When a source was last asked; null until the first check.</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    public string? Contact { get; set; }
    public DateTimeOffset? Expires { get; set; }

    /// <summary>The User-Agent the phone registered with (its firmware is read from it).</summary>
    public string? UserAgent { get; set; }

    /// <summary>The source address the registrar saw the REGISTER come from, as a SIP URI.</summary>
    public string? Received { get; set; }

    /// <summary>Who told: a registrar name (<c>kamailio</c>) or <c>options</c>.</summary>
    public string? Source { get; set; }
    public string? Reason { get; set; }

    /// <summary>The reconciliation run that last handled this phone.</summary>
    public Guid? LastRunId { get; set; }

    /// <summary>The client's config stamp this phone was last considered for an automatic resync under (once per change).</summary>
    public Guid? ResyncStamp { get; set; }
    public DateTimeOffset? LastResyncAt { get; set; }

    /// <summary>How the last check-sync NOTIFY ended: <c>answered</c>, <c>refused</c>, <c>no-answer</c>, <c>not-sent</c>.</summary>
    public string? LastResyncOutcome { get; set; }
}

/// <summary>One change of a phone's registration state, kept for <c>Sophia:Registration:HistoryDays</c>.</summary>
public sealed class RegistrationHistoryEntry
{
    public long Id { get; set; }
    public int EquipmentId { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Reason { get; set; }
}
