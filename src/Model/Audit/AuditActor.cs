using Sophia.Model.Accounts;

namespace Sophia.Model.Audit;

/// <summary>Who a change is recorded for: a person with their role and client, and the address they came from.</summary>
public sealed record AuditActor(string Login, string? Role, int? ClientId, string? Address)
{
    /// <summary>Jobs, start-up and tools: no person, no address.</summary>
    public static AuditActor System { get; } = new("system", null, null, null);

    public static AuditActor Of(Caller caller, string? address) => new(caller.Login, caller.Role.ToString(), caller.ClientId, address);
}

/// <summary>
/// Tells the save interceptor who is changing things now. The host's answers from the current request (its
/// authenticated caller and remote address); anything outside a request is <see cref="AuditActor.System"/>.
/// </summary>
public interface IAuditActors
{
    AuditActor Current { get; }
}

/// <summary>For contexts made without a host (tests, tools): every change is the system's.</summary>
public sealed class SystemAuditActors : IAuditActors
{
    public static SystemAuditActors Instance { get; } = new();

    public AuditActor Current => AuditActor.System;
}
