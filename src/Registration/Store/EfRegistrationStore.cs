using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Registration;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.States;

namespace Sophia.Registration.Store;

/// <summary>What keeping the tracked phones in step with the assignments did.</summary>
public sealed record TrackingSync(int Added, int Removed, int Renamed);

/// <summary>
/// <see cref="IRegistrationStore"/> over the database (<see cref="RegistrationStatus"/>, <see cref="RegistrationHistoryEntry"/>).
/// Reads come in batches of indexed lookups, never every row at once; a record that only got a newer check time is
/// written with the others of its batch in one UPDATE. One instance serves one run: it remembers the batch it last
/// read so that it can tell which records really changed.
/// </summary>
/// <param name="withFetchContacts">
/// Give each device the address of its last provisioning fetch as <see cref="TrackedDevice.LastKnownContact"/>
/// (for the OPTIONS probe when no registrar is configured).
/// </param>
/// <param name="scope">
/// The phones <see cref="FindByAorsAsync"/> and <see cref="FindUntouchedAsync"/> see: those of the clients one registrar
/// serves. Null: every tracked phone. Keeping them in step with the assignments (<see cref="SyncAsync"/>) covers every phone.
/// </param>
public sealed class EfRegistrationStore(SophiaDb db, TimeProvider time, bool withFetchContacts = false, DeviceScope? scope = null) : IRegistrationStore
{
    private readonly DeviceScope scope = scope ?? DeviceScope.All;

    private static readonly TimeSpan ExpiryJitter = TimeSpan.FromSeconds(2);
    private static readonly string[] NewStatusColumns =
    [
        nameof(RegistrationStatus.EquipmentId), nameof(RegistrationStatus.Aor), nameof(RegistrationStatus.AorUser),
        nameof(RegistrationStatus.State), nameof(RegistrationStatus.Since),
    ];

    private static readonly string[] RecordColumns =
    [
        nameof(RegistrationStatus.State), nameof(RegistrationStatus.Since), nameof(RegistrationStatus.CheckedAt), nameof(RegistrationStatus.Contact),
        nameof(RegistrationStatus.Expires), nameof(RegistrationStatus.UserAgent), nameof(RegistrationStatus.Received),
        nameof(RegistrationStatus.Source), nameof(RegistrationStatus.Reason), nameof(RegistrationStatus.LastRunId),
    ];

    private static readonly string[] HistoryColumns =
    [
        nameof(RegistrationHistoryEntry.EquipmentId), nameof(RegistrationHistoryEntry.From), nameof(RegistrationHistoryEntry.To),
        nameof(RegistrationHistoryEntry.At), nameof(RegistrationHistoryEntry.Reason),
    ];

    private readonly Dictionary<int, RegistrationRecord?> lastRead = [];

    /// <summary>
    /// Tracks every equipment assigned to a user under its line's AOR (user's SIP username @ client's SIP domain),
    /// follows renames and reassignments, and stops tracking equipment no longer assigned.
    /// </summary>
    public async Task<TrackingSync> SyncAsync(int batchSize, CancellationToken cancellationToken = default)
    {
        var removed = await db.RegistrationStatuses.Where(s => s.Equipment!.UserId == null).ExecuteDeleteAsync(cancellationToken);

        var renamed = 0;
        foreach (var stale in await Lines().Where(l => db.RegistrationStatuses.Any(s => s.EquipmentId == l.EquipmentId && s.Aor != l.Aor))
            .ToListAsync(cancellationToken))
        {
            renamed += await db.RegistrationStatuses.Where(s => s.EquipmentId == stale.EquipmentId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Aor, stale.Aor).SetProperty(s => s.AorUser, stale.User), cancellationToken);
        }

        // New phones come in thousands only after a bulk import or on the first run; one transaction for all of them
        // spares a commit (and its disk flush) per batch.
        var added = 0;
        var after = 0;
        var now = time.GetUtcNow();
        var unknown = RegistrationState.Unknown.ToApiName();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var insert = StoreCommand.Insert<RegistrationStatus>(db, NewStatusColumns);
        while (true)
        {
            var last = after;
            var missing = await Lines()
                .Where(l => l.EquipmentId > last && !db.RegistrationStatuses.Any(s => s.EquipmentId == l.EquipmentId))
                .OrderBy(l => l.EquipmentId).Take(batchSize).ToListAsync(cancellationToken);
            if (missing.Count == 0)
            {
                break;
            }
            foreach (var line in missing)
            {
                await insert.ExecuteAsync([line.EquipmentId, line.Aor, line.User, unknown, now], cancellationToken);
            }
            added += missing.Count;
            after = missing[^1].EquipmentId;
        }
        await transaction.CommitAsync(cancellationToken);
        return new TrackingSync(added, removed, renamed);
    }

    /// <summary>
    /// One phone as a check needs it, tracked from now on if it was not yet; null when it is not assigned to a user.
    /// </summary>
    public async Task<TrackedDevice?> TrackOneAsync(int equipmentId, CancellationToken cancellationToken = default)
    {
        var line = await Lines().Where(l => l.EquipmentId == equipmentId).FirstOrDefaultAsync(cancellationToken);
        if (line is null)
        {
            return null;
        }
        var status = db.RegistrationStatuses.Where(s => s.EquipmentId == equipmentId);
        if (!await status.AnyAsync(cancellationToken))
        {
            db.RegistrationStatuses.Add(new RegistrationStatus
            {
                EquipmentId = equipmentId,
                Aor = line.Aor,
                AorUser = line.User,
                State = RegistrationState.Unknown.ToApiName(),
                Since = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        else
        {
            await status.Where(s => s.Aor != line.Aor)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Aor, line.Aor).SetProperty(s => s.AorUser, line.User), cancellationToken);
        }
        lastRead.Clear();
        var rows = await Project(status.AsNoTracking()).ToListAsync(cancellationToken);
        var contacts = withFetchContacts ? await FetchContactsAsync(rows, cancellationToken) : [];
        return Remember(rows, contacts).Single();
    }

    /// <summary>Each assigned equipment's line, AOR lower-cased as registrars compare them.</summary>
    private IQueryable<Line> Lines() =>
        from e in db.Equipment
        join u in db.Users on e.UserId equals u.Id
        join c in db.Clients on u.ClientId equals c.Id
        select new Line { EquipmentId = e.Id, User = u.SipUsername.ToLower(), Aor = (u.SipUsername + "@" + c.SipDomain).ToLower() };

    public async Task<IReadOnlyList<TrackedDevice>> FindByAorsAsync(IReadOnlyCollection<SipAor> aors, CancellationToken cancellationToken = default)
    {
        lastRead.Clear();
        var full = aors.Where(a => a.Domain is not null).Select(a => a.ToString()).ToList();
        var users = aors.Where(a => a.Domain is null).Select(a => a.User).ToList();
        var query = scope.Apply(db.RegistrationStatuses.AsNoTracking());
        if (full.Count == 0 && users.Count == 0)
        {
            return [];
        }
        query = users.Count == 0 ? query.Where(s => full.Contains(s.Aor))
            : full.Count == 0 ? query.Where(s => users.Contains(s.AorUser))
            : query.Where(s => full.Contains(s.Aor) || users.Contains(s.AorUser));
        return Remember(await Project(query).ToListAsync(cancellationToken), []);
    }

    public async IAsyncEnumerable<IReadOnlyList<TrackedDevice>> FindUntouchedAsync(
        Guid runId, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var after = 0;
        while (true)
        {
            var last = after;
            var rows = await Project(scope.Apply(db.RegistrationStatuses.AsNoTracking())
                    .Where(s => s.EquipmentId > last && s.LastRunId != runId)
                    .OrderBy(s => s.EquipmentId).Take(batchSize))
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                yield break;
            }
            after = rows[^1].EquipmentId;
            lastRead.Clear();
            var contacts = withFetchContacts ? await FetchContactsAsync(rows, cancellationToken) : [];
            yield return Remember(rows, contacts);
        }
    }

    public async Task SaveAsync(Guid runId, IReadOnlyList<RegistrationChange> changes, CancellationToken cancellationToken = default)
    {
        // A record that differs only by its check time is the common case (nothing changed at the registrar):
        // those are written together, one UPDATE per check time, instead of one per phone.
        var refreshed = new Dictionary<DateTimeOffset, List<int>>();
        var rewritten = new List<RegistrationChange>();
        foreach (var change in changes)
        {
            if (change.Transition is null && lastRead.TryGetValue(change.EquipmentId, out var before) && before is not null
                && OnlyRefreshed(before, change.Record))
            {
                if (!refreshed.TryGetValue(change.Record.CheckedAt, out var ids))
                {
                    refreshed[change.Record.CheckedAt] = ids = [];
                }
                ids.Add(change.EquipmentId);
            }
            else
            {
                rewritten.Add(change);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (checkedAt, ids) in refreshed)
        {
            DateTimeOffset? at = checkedAt;
            await db.RegistrationStatuses.Where(s => ids.Contains(s.EquipmentId))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.CheckedAt, at).SetProperty(s => s.LastRunId, runId), cancellationToken);
        }
        if (rewritten.Count > 0)
        {
            await using var update = StoreCommand.Update<RegistrationStatus>(db, RecordColumns, nameof(RegistrationStatus.EquipmentId));
            foreach (var change in rewritten)
            {
                var r = change.Record;
                await update.ExecuteAsync(
                    [r.State.ToApiName(), r.Since, (DateTimeOffset?)r.CheckedAt, r.ContactUri, r.Expires, r.UserAgent, r.Received, r.Source, r.Reason,
                     (Guid?)runId, change.EquipmentId],
                    cancellationToken);
            }
        }
        if (changes.Any(c => c.Transition is not null))
        {
            await using var insert = StoreCommand.Insert<RegistrationHistoryEntry>(db, HistoryColumns);
            foreach (var change in changes)
            {
                if (change.Transition is { } t)
                {
                    await insert.ExecuteAsync([change.EquipmentId, t.From.ToApiName(), t.To.ToApiName(), t.At, t.Reason], cancellationToken);
                }
            }
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var change in changes)
        {
            lastRead.Remove(change.EquipmentId);
        }
    }

    /// <summary>
    /// Whether a new record says nothing new but its check time. An expiry within a few seconds of the stored one is
    /// the same binding: registrars give the seconds left, so the absolute time computed from them jitters by a second.
    /// </summary>
    private static bool OnlyRefreshed(RegistrationRecord before, RegistrationRecord after) =>
        before with { CheckedAt = after.CheckedAt, Expires = after.Expires } == after
        && (before.Expires is null) == (after.Expires is null)
        && (before.Expires is not { } was || after.Expires is not { } now || (now - was).Duration() <= ExpiryJitter);

    /// <summary>The record a status row holds, or null before its first check.</summary>
    public static RegistrationRecord? ToRecord(RegistrationStatus status) => ToRecord(
        status.State, status.Since, status.CheckedAt, status.Contact, status.Expires, status.UserAgent, status.Received, status.Source, status.Reason);

    private static RegistrationRecord? ToRecord(
        string state, DateTimeOffset since, DateTimeOffset? checkedAt, string? contact, DateTimeOffset? expires,
        string? userAgent, string? received, string? source, string? reason) =>
        checkedAt is not { } at ? null
        : new RegistrationRecord(RegistrationStateNames.TryParse(state, out var s) ? s : RegistrationState.Unknown,
            since, at, contact, expires, userAgent, received, source, reason);

    private static IQueryable<Row> Project(IQueryable<RegistrationStatus> statuses) =>
        statuses.Select(s => new Row(s.EquipmentId, s.Aor, s.Equipment!.Mac.ToString(), s.State, s.Since, s.CheckedAt, s.Contact, s.Expires,
            s.UserAgent, s.Received, s.Source, s.Reason));

    private List<TrackedDevice> Remember(List<Row> rows, Dictionary<int, string> contacts)
    {
        var devices = new List<TrackedDevice>(rows.Count);
        foreach (var row in rows)
        {
            var record = ToRecord(row.State, row.Since, row.CheckedAt, row.Contact, row.Expires, row.UserAgent, row.Received, row.Source, row.Reason);
            lastRead[row.EquipmentId] = record;
            devices.Add(new TrackedDevice(row.EquipmentId, SipAor.Parse(row.Aor), row.Mac, record, contacts.GetValueOrDefault(row.EquipmentId)));
        }
        return devices;
    }

    /// <summary>
    /// <c>sip:user@address</c> of each phone's last successful provisioning fetch: where a phone that no registrar
    /// tells about most likely listens (on the default SIP port).
    /// </summary>
    private async Task<Dictionary<int, string>> FetchContactsAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var byMac = rows.ToDictionary(r => r.Mac, r => r);
        var macs = byMac.Keys.ToList();
        var lastIds = await db.FetchEvents.AsNoTracking()
            .Where(f => f.Mac != null && macs.Contains(f.Mac) && (f.Status == 200 || f.Status == 304))
            .GroupBy(f => f.Mac).Select(g => g.Max(f => f.Id)).ToListAsync(cancellationToken);
        var sources = await db.FetchEvents.AsNoTracking().Where(f => lastIds.Contains(f.Id))
            .Select(f => new { f.Mac, f.SourceIp }).ToListAsync(cancellationToken);
        var contacts = new Dictionary<int, string>();
        foreach (var source in sources)
        {
            if (source.Mac is not null && byMac.TryGetValue(source.Mac, out var row)
                && System.Net.IPAddress.TryParse(source.SourceIp, out var address))
            {
                var user = SipAor.Parse(row.Aor).User;
                var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
                contacts[row.EquipmentId] = $"sip:{user}@{host}";
            }
        }
        return contacts;
    }

    // Member-initialised, not positional: EF composes further queries over it.
    private sealed class Line
    {
        public int EquipmentId { get; init; }
        public required string User { get; init; }
        public required string Aor { get; init; }
    }

    private sealed record Row(
        int EquipmentId, string Aor, string Mac, string State, DateTimeOffset Since, DateTimeOffset? CheckedAt, string? Contact,
        DateTimeOffset? Expires, string? UserAgent, string? Received, string? Source, string? Reason);
}
