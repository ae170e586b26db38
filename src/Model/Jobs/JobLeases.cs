using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;

namespace Sophia.Model.Jobs;

/// <summary>A lease this node holds on a job, until <see cref="ExpiresAt"/> unless renewed.</summary>
public sealed record HeldLease(string Name, string Holder, DateTimeOffset ExpiresAt);

/// <summary>
/// Database leases on jobs (<see cref="JobLease"/>): taking one is a single conditional UPDATE, so two nodes racing
/// for it cannot both win, on SQLite or PostgreSQL alike. A node that dies keeps its lease only until it expires.
/// </summary>
public static class JobLeases
{
    /// <summary>Takes the lease if nobody holds it (or the holder's lease expired); null when another node holds it.</summary>
    public static async Task<HeldLease?> TryAcquireAsync(
        SophiaDb db, string name, string holder, TimeSpan duration, TimeProvider time, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var expires = now + duration;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.Holder == null || l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), ct);
        if (taken == 1)
        {
            return new HeldLease(name, holder, expires);
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            return null;
        }
        db.JobLeases.Add(new JobLease { Name = name, Holder = holder, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(ct);
            return new HeldLease(name, holder, expires);
        }
        catch (DbUpdateException)
        {
            // Another node created the row first: it holds the lease.
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Extends a held lease; false when it was lost (expired and taken by another node).</summary>
    public static async Task<bool> RenewAsync(SophiaDb db, HeldLease lease, TimeSpan duration, TimeProvider time, CancellationToken ct = default)
    {
        var expires = time.GetUtcNow() + duration;
        return await db.JobLeases.Where(l => l.Name == lease.Name && l.Holder == lease.Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires), ct) == 1;
    }

    /// <summary>Gives the lease back; <paramref name="completed"/> records a finished run for <see cref="LastCompletedAsync"/>.</summary>
    public static async Task ReleaseAsync(SophiaDb db, HeldLease lease, bool completed, TimeProvider time, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var query = db.JobLeases.Where(l => l.Name == lease.Name && l.Holder == lease.Holder);
        if (completed)
        {
            await query.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAt, now)
                .SetProperty(l => l.LastCompletedAt, now), ct);
        }
        else
        {
            await query.ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAt, now), ct);
        }
    }

    /// <summary>When the job last finished a run, on any node.</summary>
    public static async Task<DateTimeOffset?> LastCompletedAsync(SophiaDb db, string name, CancellationToken ct = default) =>
        await db.JobLeases.AsNoTracking().Where(l => l.Name == name).Select(l => l.LastCompletedAt).FirstOrDefaultAsync(ct);

    /// <summary>Who holds the lease now, if anyone.</summary>
    public static async Task<JobLease?> FindAsync(SophiaDb db, string name, CancellationToken ct = default) =>
        await db.JobLeases.AsNoTracking().FirstOrDefaultAsync(l => l.Name == name, ct);

    /// <summary>A holder id unique to this process and run, readable in the lease row.</summary>
    public static string NewHolder() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
