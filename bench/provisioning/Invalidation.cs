using Microsoft.EntityFrameworkCore;

namespace Sophia.Bench.Provisioning;

/// <summary>
/// What a change saved by any node does to the render caches: a new config stamp for the client. Done here for
/// every client at once, straight in the database, as another node would.
/// </summary>
public static class Invalidation
{
    public static async Task<int> RestampEveryClientAsync(string database, CancellationToken ct)
    {
        await using var db = BenchParc.Open(database);
        var clientIds = await db.ConfigStamps.Select(s => s.ClientId).ToListAsync(ct);
        var now = TimeProvider.System.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = 0;
        foreach (var clientId in clientIds)
        {
            var stamp = Guid.NewGuid();
            changed += await db.ConfigStamps.Where(s => s.ClientId == clientId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Stamp, stamp).SetProperty(x => x.ChangedAt, now), ct);
        }
        await transaction.CommitAsync(ct);
        return changed;
    }
}
