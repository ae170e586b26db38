using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sophia.Model.Provisioning;

namespace Sophia.Model.Data;

/// <summary>
/// What every save of the parc does before it is written, in the same transaction: each changed versioned entity gets
/// a new version (its ETag moves and a concurrent writer holding the old one fails on the concurrency token), and each
/// client whose phones' configs the change feeds gets a new config stamp, dated by the injected clock.
/// </summary>
public sealed class SaveInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is SophiaDb db)
        {
            BumpVersions(db);
            ConfigStamps.StampChanges(db, time.GetUtcNow());
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SophiaDb db)
        {
            BumpVersions(db);
            await ConfigStamps.StampChangesAsync(db, time.GetUtcNow(), cancellationToken);
        }
        return result;
    }

    private static void BumpVersions(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added)
            {
                entry.Entity.Version = 1;
            }
            else if (entry.State is EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}
