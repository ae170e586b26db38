namespace Sophia.Model.Audit;

/// <summary>
/// One change of one parc object, written in the same transaction as the change (<see cref="AuditTrail"/>): who made
/// it, from where, when, on what, and each property before and after (a secret only as changed, never its value).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The login of the person, or <c>system</c> for jobs and start-up.</summary>
    public required string ActorLogin { get; set; }
    public string? ActorRole { get; set; }
    public int? ActorClientId { get; set; }

    /// <summary>The remote address of the request the change came with; none for jobs.</summary>
    public string? ActorAddress { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>The entity's type name (<c>User</c>, <c>Equipment</c>).</summary>
    public required string ObjectType { get; set; }
    public string? ObjectId { get; set; }
    public string? ObjectLabel { get; set; }

    /// <summary>The client the object belongs to, which decides which client admin sees the entry.</summary>
    public int? ClientId { get; set; }

    /// <summary>The changed properties as JSON, <see cref="AuditChange"/> each.</summary>
    public required string Changes { get; set; }
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One property's change. A secret's value is never kept: <see cref="Secret"/> says it changed, before and after are null.
/// </summary>
public sealed record AuditChange(string Property, string? Before, string? After, bool Secret = false);
