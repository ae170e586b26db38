using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Audit;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Rules;

namespace Sophia.Parc.Audit;

/// <summary>
/// The change log: the helpdesk reads every entry, a client admin those of their client's objects, a user none.
/// Newest first, filtered by object, person and dates.
/// </summary>
public sealed class AuditOperations(SophiaDb db)
{
    /// <summary>Rows one export writes at most: a wider one is narrowed by its dates.</summary>
    public const int MaxExport = 100_000;

    public async Task<Paged<AuditEntryDto>> ListAsync(Caller caller, AuditFilter filter, PageRequest page, CancellationToken ct)
    {
        var rows = await Query(caller, filter).ToPageAsync(page, ct);
        return rows.Select(AuditEntryDto.From);
    }

    /// <summary>The same entries as <see cref="ListAsync"/>, all pages, one CSV row each with its changes in one cell.</summary>
    public async Task<IReadOnlyList<AuditCsvRow>> ExportAsync(Caller caller, AuditFilter filter, CancellationToken ct)
    {
        var rows = await Query(caller, filter).Take(MaxExport).ToListAsync(ct);
        return rows.Select(AuditCsvRow.From).ToList();
    }

    /// <summary>Forgets the entries older than <paramref name="before"/>; the retention job's work.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken ct) =>
        await db.AuditEntries.Where(a => a.At < before).ExecuteDeleteAsync(ct);

    private IQueryable<AuditEntry> Query(Caller caller, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        switch (caller.Role)
        {
            case Role.Helpdesk:
                break;
            case Role.ClientAdmin when caller.ClientId is { } clientId:
                query = query.Where(a => a.ClientId == clientId);
                break;
            default:
                throw new RuleViolationException(FieldError.Create("request", "audit.adminOnly",
                    "Only the helpdesk and client administrators read the change log."), RuleViolationKind.Forbidden);
        }
        var errors = new List<FieldError>();
        var objectType = filter.ObjectType?.Trim();
        if (objectType is { Length: > 0 })
        {
            objectType = AuditTrail.ObjectTypes.FirstOrDefault(t => string.Equals(t, objectType, StringComparison.OrdinalIgnoreCase));
            if (objectType is null)
            {
                errors.Add(FieldError.Create("objectType", "auditObject.unknown", "'{value}' is not a kind of object the change log records; one of {values}.",
                    ("value", filter.ObjectType), ("values", AuditTrail.ObjectTypes)));
            }
        }
        if (filter.From is { } from && filter.To is { } to && from >= to)
        {
            errors.Add(FieldError.Create("to", "audit.range", "The period's end must come after its start."));
        }
        TextLimits.Check(filter.ObjectId, 64, "objectId", errors);
        TextLimits.Check(filter.Login, TextLimits.Email, "login", errors);
        RuleViolationException.ThrowIfAny(errors);
        if (objectType is { Length: > 0 })
        {
            query = query.Where(a => a.ObjectType == objectType);
        }
        if (filter.ObjectId?.Trim() is { Length: > 0 } objectId)
        {
            query = query.Where(a => a.ObjectId == objectId);
        }
        if (filter.Login?.Trim() is { Length: > 0 } login)
        {
            query = query.Where(a => a.ActorLogin == login);
        }
        if (filter.ClientId is { } client)
        {
            query = query.Where(a => a.ClientId == client);
        }
        if (filter.From is { } start)
        {
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } end)
        {
            query = query.Where(a => a.At < end);
        }
        return query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
    }
}

/// <summary>
/// Which entries: an object (its type, its id or both), a person's login, a period [<c>from</c>, <c>to</c>), a client's
/// objects.
/// </summary>
public sealed record AuditFilter(
    string? ObjectType = null, string? ObjectId = null, string? Login = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int? ClientId = null);

public sealed record AuditEntryDto(
    long Id,
    DateTimeOffset At,
    string Login,
    string? Role,
    int? ActorClientId,
    string? Address,
    AuditAction Action,
    string ObjectType,
    string? ObjectId,
    string? ObjectLabel,
    int? ClientId,
    IReadOnlyList<AuditChange> Changes)
{
    public static AuditEntryDto From(AuditEntry a) => new(a.Id, a.At, a.ActorLogin, a.ActorRole, a.ActorClientId, a.ActorAddress, a.Action,
        a.ObjectType, a.ObjectId, a.ObjectLabel, a.ClientId, AuditTrail.ReadChanges(a.Changes));
}

/// <summary>One entry as a CSV row; its changes in one cell, <c>Property: before → after</c>, a secret as <c>changed</c>.</summary>
public sealed record AuditCsvRow(
    DateTimeOffset At,
    string Login,
    string? Role,
    string? Address,
    AuditAction Action,
    string ObjectType,
    string? ObjectId,
    string? ObjectLabel,
    int? ClientId,
    string Changes)
{
    public static AuditCsvRow From(AuditEntry a) => new(a.At, a.ActorLogin, a.ActorRole, a.ActorAddress, a.Action, a.ObjectType, a.ObjectId,
        a.ObjectLabel, a.ClientId, string.Join("; ", AuditTrail.ReadChanges(a.Changes).Select(Describe)));

    private static string Describe(AuditChange change) => change.Secret
        ? $"{change.Property}: changed"
        : $"{change.Property}: {change.Before ?? "∅"} → {change.After ?? "∅"}";
}
