using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Model.Stock;
using Sophia.Model.Telephony;

namespace Sophia.Model.Audit;

/// <summary>
/// Turns the pending changes of a save into audit rows, inside that save (<see cref="SaveInterceptor"/>): a change
/// that is saved has its row and a save that fails leaves none. Only the parc's objects are audited, not what the
/// server writes for itself (fetch log, registration states, tokens, leases, keys, stamps).
/// </summary>
public static partial class AuditTrail
{
    private static readonly HashSet<Type> Audited =
    [
        typeof(Operator), typeof(Client), typeof(Site), typeof(User), typeof(CallRestrictionProfile), typeof(FunctionKey),
        typeof(Number), typeof(ShortNumber), typeof(Equipment), typeof(ExternalContact), typeof(PersonalContact),
        typeof(StaffAccount), typeof(Ivr), typeof(HuntGroup), typeof(HuntGroupMember), typeof(Music),
        typeof(DectHandset), typeof(TemplateOverride),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The kinds of object the trail records, as its rows name them (<c>User</c>, <c>Equipment</c>).</summary>
    public static IReadOnlyList<string> ObjectTypes { get; } = Audited.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>A property whose value the trail never keeps, only that it changed: passwords, PINs, lock codes, hashes, secrets, tokens.</summary>
    public static bool IsSecret(string property) => SecretName().IsMatch(property);

    public static IReadOnlyList<AuditChange> ReadChanges(string json) =>
        JsonSerializer.Deserialize<List<AuditChange>>(json, Json) ?? [];

    /// <summary>
    /// Adds the rows of the changed and deleted objects to the save, and keeps the created ones for
    /// <see cref="AddCreated"/>: their ids exist only once they are inserted. Null when the save touches nothing audited.
    /// </summary>
    internal static PendingAudit? Begin(SophiaDb db, AuditActor actor, DateTimeOffset at)
    {
        PendingAudit? pending = null;
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (!Audited.Contains(entry.Metadata.ClrType) || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            pending ??= new PendingAudit(actor, at);
            if (entry.State == EntityState.Added)
            {
                pending.Created.Add(entry);
                continue;
            }
            var deleted = entry.State == EntityState.Deleted;
            var changes = deleted ? Values(entry, original: true) : Modifications(entry);
            if (changes.Count > 0)
            {
                var row = Row(entry, pending, deleted ? AuditAction.Deleted : AuditAction.Updated, changes, original: deleted);
                pending.Rows.Add((row, entry));
                db.AuditEntries.Add(row);
            }
        }
        return pending;
    }

    /// <summary>
    /// The users whose client some rows need (a function key's, a personal contact's) and that the context does not
    /// hold: the caller reads them (<see cref="Resolve"/>), before the save.
    /// </summary>
    internal static HashSet<int> UsersToRead(SophiaDb db, PendingAudit pending)
    {
        Track(db, pending);
        return pending.Created.Concat(pending.Rows.Select(r => r.Entry))
            .Select(UserIdOf)
            .OfType<int>()
            .Where(id => id > 0 && !pending.ClientsOfUsers.ContainsKey(id))
            .ToHashSet();
    }

    internal static void Resolve(PendingAudit pending, IEnumerable<KeyValuePair<int, int>> read)
    {
        foreach (var (userId, clientId) in read)
        {
            pending.ClientsOfUsers[userId] = clientId;
        }
        foreach (var (row, entry) in pending.Rows)
        {
            row.ClientId = ClientOf(entry, pending, original: row.Action == AuditAction.Deleted);
        }
    }

    private static void Track(SophiaDb db, PendingAudit pending)
    {
        foreach (var user in db.ChangeTracker.Entries<User>())
        {
            pending.ClientsOfUsers[user.Entity.Id] = user.Entity.ClientId;
        }
    }

    /// <summary>After the insert: the created objects' rows, now that their ids and generated values are known.</summary>
    internal static bool AddCreated(SophiaDb db, PendingAudit pending)
    {
        // A user created in the same save has its id now.
        Track(db, pending);
        foreach (var entry in pending.Created)
        {
            var row = Row(entry, pending, AuditAction.Created, Values(entry, original: false), original: false);
            row.ClientId = ClientOf(entry, pending, original: false);
            db.AuditEntries.Add(row);
        }
        return pending.Created.Count > 0;
    }

    /// <summary>A failed save keeps no row: they leave the context with the transaction the trail opened.</summary>
    internal static async ValueTask AbandonAsync(SophiaDb db, PendingAudit pending)
    {
        foreach (var (row, _) in pending.Rows)
        {
            db.Entry(row).State = EntityState.Detached;
        }
        if (pending.Transaction is { } transaction)
        {
            await transaction.DisposeAsync();
        }
    }

    private static AuditEntry Row(EntityEntry entry, PendingAudit pending, AuditAction action, List<AuditChange> changes, bool original) => new()
    {
        At = pending.At,
        ActorLogin = pending.Actor.Login,
        ActorRole = pending.Actor.Role,
        ActorClientId = pending.Actor.ClientId,
        ActorAddress = pending.Actor.Address,
        Action = action,
        ObjectType = entry.Metadata.ClrType.Name,
        ObjectId = KeyOf(entry, original),
        ObjectLabel = Label(entry.Entity),
        Changes = JsonSerializer.Serialize(changes, Json),
    };

    private static List<AuditChange> Modifications(EntityEntry entry)
    {
        var changes = new List<AuditChange>();
        foreach (var (name, property) in Properties(entry))
        {
            if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
            {
                changes.Add(Change(name, property.Metadata, property.OriginalValue, property.CurrentValue));
            }
        }
        return changes;
    }

    /// <summary>Every value of a created object (after) or of a deleted one (before).</summary>
    private static List<AuditChange> Values(EntityEntry entry, bool original)
    {
        var changes = new List<AuditChange>();
        foreach (var (name, property) in Properties(entry))
        {
            var value = original ? property.OriginalValue : property.CurrentValue;
            if (value is not null)
            {
                changes.Add(original ? Change(name, property.Metadata, value, null) : Change(name, property.Metadata, null, value));
            }
        }
        return changes;
    }

    // The key is the object's id, the version and a login's counters are bookkeeping: none is a change anyone made.
    private static readonly HashSet<string> Bookkeeping =
        [nameof(IVersioned.Version), nameof(StaffAccount.FailedLogins), nameof(StaffAccount.LockedUntil), nameof(StaffAccount.TotpLastStep)];

    private static IEnumerable<(string Name, PropertyEntry Property)> Properties(EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            if (!property.Metadata.IsPrimaryKey() && !Bookkeeping.Contains(property.Metadata.Name))
            {
                yield return (property.Metadata.Name, property);
            }
        }
        foreach (var complex in entry.ComplexProperties)
        {
            foreach (var property in complex.Properties)
            {
                yield return ($"{complex.Metadata.Name}.{property.Metadata.Name}", property);
            }
        }
    }

    private static AuditChange Change(string name, IProperty property, object? before, object? after) => IsSecret(name)
        ? new AuditChange(name, null, null, Secret: true)
        : new AuditChange(name, Format(property, before), Format(property, after));

    private static string? Format(IProperty? property, object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        Enum named => named.ToString(),
        _ when property?.GetValueConverter() is { } converter => Format(null, converter.ConvertToProvider(value)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, Json),
    };

    private static string? KeyOf(EntityEntry entry, bool original)
    {
        var key = entry.Metadata.FindPrimaryKey()?.Properties;
        if (key is not { Count: 1 })
        {
            return null;
        }
        var property = entry.Property(key[0].Name);
        return Format(null, original ? property.OriginalValue : property.CurrentValue);
    }

    private static string? Label(object entity) => entity switch
    {
        Operator o => o.Name,
        Client c => c.Name,
        Site s => s.Name,
        User u => u.Login,
        CallRestrictionProfile p => p.Name,
        FunctionKey k => $"{k.Index}: {k.Label}",
        Number n => n.E164,
        ShortNumber s => s.Digits,
        Equipment e => e.Mac.ToString(),
        ExternalContact c => Name(c.FirstName, c.LastName),
        PersonalContact c => Name(c.FirstName, c.LastName),
        StaffAccount a => a.Login,
        Ivr i => i.Name,
        HuntGroup g => g.Name,
        Music m => m.Name,
        DectHandset h => $"handset {h.Number}",
        TemplateOverride t => t.Name,
        _ => null,
    };

    private static string Name(string? first, string last) => string.IsNullOrWhiteSpace(first) ? last : $"{first} {last}";

    private static int? UserIdOf(EntityEntry entry) => entry.Entity switch
    {
        FunctionKey k => k.UserId,
        PersonalContact c => c.UserId,
        HuntGroupMember m => m.UserId,
        DectHandset h => h.UserId,
        _ => null,
    };

    private static int? ClientOf(EntityEntry entry, PendingAudit pending, bool original)
    {
        if (entry.Entity is Client)
        {
            return int.TryParse(KeyOf(entry, original), CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        if (entry.Metadata.FindProperty("ClientId") is { } clientId)
        {
            var property = entry.Property(clientId.Name);
            return (int?)(original ? property.OriginalValue : property.CurrentValue);
        }
        if (UserIdOf(entry) is not { } userId)
        {
            return null;
        }
        return pending.ClientsOfUsers.TryGetValue(userId, out var client) ? client : null;
    }

    [GeneratedRegex("(Password|Pin|Secret|Token|LockCode|Hash|Totp|PrivateKey)(?![a-z])")]
    private static partial Regex SecretName();
}

/// <summary>What one save's audit carries from before the insert to after it.</summary>
internal sealed class PendingAudit(AuditActor actor, DateTimeOffset at)
{
    public AuditActor Actor { get; } = actor;
    public DateTimeOffset At { get; } = at;
    public List<(AuditEntry Row, EntityEntry Entry)> Rows { get; } = [];
    public List<EntityEntry> Created { get; } = [];
    public Dictionary<int, int> ClientsOfUsers { get; } = [];

    /// <summary>The transaction the trail opened so that the created objects' rows commit with them; none when the caller had one.</summary>
    public IDbContextTransaction? Transaction { get; set; }
}
