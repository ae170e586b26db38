using Microsoft.EntityFrameworkCore;
using Sophia.Model.Contacts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Stock;
using Sophia.Model.Telephony;

namespace Sophia.Model.Provisioning;

public static class ConfigStamps
{
    /// <summary>The current stamp of a client, or <see cref="Guid.Empty"/> before its first change.</summary>
    public static async Task<Guid> CurrentAsync(SophiaDb db, int clientId, CancellationToken ct = default) =>
        await db.ConfigStamps.AsNoTracking().Where(s => s.ClientId == clientId).Select(s => s.Stamp).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Gives a new stamp to every client whose config inputs are among the pending changes; runs inside the save
    /// (<see cref="SaveInterceptor"/>), so the stamp and the change are committed together.
    /// </summary>
    internal static async Task StampChangesAsync(SophiaDb db, DateTimeOffset now, CancellationToken ct)
    {
        var (clientIds, userIds) = ChangedOwners(db);
        if (userIds.Count > 0)
        {
            clientIds.UnionWith(await ClientsOfUsers(db, userIds).ToListAsync(ct));
        }
        if (Stampable(clientIds))
        {
            Stamp(db, clientIds, await Existing(db, clientIds).ToDictionaryAsync(s => s.ClientId, ct), now);
        }
    }

    /// <inheritdoc cref="StampChangesAsync"/>
    internal static void StampChanges(SophiaDb db, DateTimeOffset now)
    {
        var (clientIds, userIds) = ChangedOwners(db);
        if (userIds.Count > 0)
        {
            clientIds.UnionWith(ClientsOfUsers(db, userIds).ToList());
        }
        if (Stampable(clientIds))
        {
            Stamp(db, clientIds, Existing(db, clientIds).ToDictionary(s => s.ClientId), now);
        }
    }

    /// <summary>The clients and users whose changed things feed phone configs.</summary>
    private static (HashSet<int> ClientIds, HashSet<int> UserIds) ChangedOwners(SophiaDb db)
    {
        var clientIds = new HashSet<int>();
        var userIds = new HashSet<int>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case Client c: clientIds.Add(c.Id); break;
                case Site s: clientIds.Add(s.ClientId); break;
                case User u: clientIds.Add(u.ClientId); break;
                case Number n: clientIds.Add(n.ClientId); break;
                case ShortNumber n: clientIds.Add(n.ClientId); break;
                case Equipment e: clientIds.Add(e.ClientId); break;
                case ExternalContact c: clientIds.Add(c.ClientId); break;
                case HuntGroup g: clientIds.Add(g.ClientId); break;
                case FunctionKey k: userIds.Add(k.UserId); break;
                case PersonalContact c: userIds.Add(c.UserId); break;
                case DectHandset h: userIds.Add(h.UserId); break;
            }
        }
        return (clientIds, userIds);
    }

    private static IQueryable<int> ClientsOfUsers(SophiaDb db, HashSet<int> userIds) =>
        db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => u.ClientId);

    private static IQueryable<ConfigStamp> Existing(SophiaDb db, HashSet<int> clientIds) =>
        db.ConfigStamps.Where(s => clientIds.Contains(s.ClientId));

    // A client being created has no id yet (0); it gets its first stamp on its next change.
    private static bool Stampable(HashSet<int> clientIds)
    {
        clientIds.Remove(0);
        return clientIds.Count > 0;
    }

    private static void Stamp(SophiaDb db, HashSet<int> clientIds, Dictionary<int, ConfigStamp> existing, DateTimeOffset now)
    {
        foreach (var clientId in clientIds)
        {
            if (!existing.TryGetValue(clientId, out var stamp))
            {
                if (db.ChangeTracker.Entries<Client>().Any(e => e.Entity.Id == clientId && e.State == EntityState.Deleted))
                {
                    continue;
                }
                stamp = new ConfigStamp { ClientId = clientId };
                db.ConfigStamps.Add(stamp);
            }
            stamp.Stamp = Guid.NewGuid();
            stamp.ChangedAt = now;
        }
    }
}
