using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sophia.Model.Audit;
using Sophia.Model.Provisioning;

namespace Sophia.Model.Data;

/// <summary>
/// What every save of the parc does before it is written, in the same transaction: each changed versioned entity gets
/// a new version (its ETag moves and a concurrent writer holding the old one fails on the concurrency token), each
/// client whose phones' configs the change feeds gets a new config stamp, dated by the injected clock, and each change
/// of a parc object gets its audit row (<see cref="AuditTrail"/>), for the actor <paramref name="actors"/> names.
/// </summary>
public sealed class SaveInterceptor(TimeProvider time, IAuditActors actors) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is SophiaDb db)
        {
            var now = time.GetUtcNow();
            BumpVersions(db);
            ConfigStamps.StampChanges(db, now);
            if (AuditTrail.Begin(db, actors.Current, now) is { } audit)
            {
                var users = AuditTrail.UsersToRead(db, audit);
                AuditTrail.Resolve(audit, users.Count == 0 ? [] : ClientsOf(db, users).AsEnumerable());
                // The created objects' rows are written after their insert (their ids are known only then): both
                // must commit together.
                if (audit.Created.Count > 0 && db.Database.CurrentTransaction is null)
                {
                    audit.Transaction = db.Database.BeginTransaction();
                }
                db.PendingAudit = audit;
            }
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SophiaDb db)
        {
            var now = time.GetUtcNow();
            BumpVersions(db);
            await ConfigStamps.StampChangesAsync(db, now, cancellationToken);
            if (AuditTrail.Begin(db, actors.Current, now) is { } audit)
            {
                var users = AuditTrail.UsersToRead(db, audit);
                AuditTrail.Resolve(audit, users.Count == 0 ? [] : await ClientsOf(db, users).ToListAsync(cancellationToken));
                if (audit.Created.Count > 0 && db.Database.CurrentTransaction is null)
                {
                    audit.Transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                }
                db.PendingAudit = audit;
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is SophiaDb { PendingAudit: { } audit } db)
        {
            db.PendingAudit = null;
            using var transaction = audit.Transaction;
            if (AuditTrail.AddCreated(db, audit))
            {
                db.SaveChanges();
            }
            transaction?.Commit();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is SophiaDb { PendingAudit: { } audit } db)
        {
            db.PendingAudit = null;
            await using var transaction = audit.Transaction;
            if (AuditTrail.AddCreated(db, audit))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        return result;
    }

    // A concurrency failure is announced here and not to SaveChangesFailed.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Abandon(eventData.Context).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await Abandon(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        Abandon(eventData.Context).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Abandon(eventData.Context).AsTask();

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        Abandon(eventData.Context).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        Abandon(eventData.Context).AsTask();

    private static ValueTask Abandon(DbContext? context)
    {
        if (context is SophiaDb { PendingAudit: { } audit } db)
        {
            db.PendingAudit = null;
            return AuditTrail.AbandonAsync(db, audit);
        }
        return ValueTask.CompletedTask;
    }

    private static IQueryable<KeyValuePair<int, int>> ClientsOf(SophiaDb db, HashSet<int> userIds) =>
        db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new KeyValuePair<int, int>(u.Id, u.ClientId));

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
