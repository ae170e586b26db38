using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Model.Jobs;
using Sophia.Model.Provisioning;
using Sophia.Model.Registration;
using Sophia.Registration.Jobs;
using Sophia.Registration.States;

namespace Sophia.Registration.Resync;

/// <summary>
/// The automatic resync after a change: once a client's configuration has stayed unchanged for
/// <see cref="ResyncOptions.QuietSeconds"/> (a burst of edits makes one resync), its registered phones whose rendered
/// configuration differs from what they last fetched are queued as one campaign. A change of the templates in
/// service counts as a change of every client. Each phone is considered once per change (its
/// <see cref="RegistrationStatus.ResyncStamp"/> takes the client's config stamp combined with the template version), so
/// a phone that ignores the NOTIFY is not notified again until the next change.
/// </summary>
public sealed partial class ConfigChangeResyncJob(
    SophiaDb db,
    IProvisioningDrift drift,
    IBackgroundJobClient jobs,
    IOptions<RegistrationTrackingOptions> options,
    TimeProvider time,
    ILogger<ConfigChangeResyncJob> logger)
{
    public const string RecurringId = "registration-config-change-resync";
    public const string LeaseName = "registration-config-change-resync";
    public const string RequestedBy = "auto";
    private const int BatchSize = 200;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    /// <summary>What a phone was last considered under: its client's config stamp and the template version, as one id.</summary>
    public static Guid Considered(Guid configStamp, string templateVersion)
    {
        Span<byte> bytes = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{configStamp:N}/{templateVersion}"), bytes);
        return new Guid(bytes[..16]);
    }

    /// <summary>Queues the campaigns; returns how many phones were queued.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Resync phones after config changes")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Resync.Automatic)
        {
            return 0;
        }
        if (drift.Unavailable is { } reason)
        {
            LogCannotRender(reason);
            return 0;
        }
        var lease = await JobLeases.TryAcquireAsync(db, LeaseName, JobLeases.NewHolder(), LeaseDuration, time, cancellationToken);
        if (lease is null)
        {
            return 0;
        }
        try
        {
            return await QueueAsync(lease, cancellationToken);
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, lease, completed: true, time, CancellationToken.None);
        }
    }

    private async Task<int> QueueAsync(HeldLease lease, CancellationToken cancellationToken)
    {
        var quietSince = time.GetUtcNow() - TimeSpan.FromSeconds(options.Value.Resync.QuietSeconds);
        var registered = RegistrationState.Registered.ToApiName();
        var clients = await (
            from c in db.Clients
            join st in db.ConfigStamps on c.Id equals st.ClientId into stamps
            from st in stamps.DefaultIfEmpty()
            select new { c.Id, Stamp = st == null ? (Guid?)null : st.Stamp, ChangedAt = st == null ? (DateTimeOffset?)null : st.ChangedAt })
            .AsNoTracking().ToListAsync(cancellationToken);
        var queued = 0;
        try
        {
            foreach (var client in clients.Where(c => c.ChangedAt is not { } changed || changed <= quietSince))
            {
                queued += await QueueClientAsync(client.Id, Considered(client.Stamp ?? Guid.Empty, drift.TemplateVersion), registered, lease, cancellationToken);
            }
        }
        finally
        {
            // Campaigns already saved are sent even when a later client failed (the recurring pump would too, a minute later).
            if (queued > 0)
            {
                jobs.Enqueue<ResyncPump>(p => p.RunAsync(CancellationToken.None));
            }
        }
        return queued;
    }

    /// <summary>
    /// Renders the client's registered phones not yet considered under <paramref name="considered"/>, then saves their
    /// campaign and marks them considered in one transaction: a run that fails or loses its lease midway leaves the
    /// client's phones unmarked, to be considered again, rather than marked with no resync queued.
    /// </summary>
    private async Task<int> QueueClientAsync(int clientId, Guid considered, string registered, HeldLease lease, CancellationToken cancellationToken)
    {
        Guid? stamp = considered;
        var seen = new List<int>();
        var notify = new List<int>();
        var after = 0;
        while (true)
        {
            var last = after;
            var batch = await (
                from s in db.RegistrationStatuses
                join e in db.Equipment on s.EquipmentId equals e.Id
                where e.ClientId == clientId && s.EquipmentId > last && s.State == registered && s.Contact != null
                    && (s.ResyncStamp == null || s.ResyncStamp != stamp)
                orderby s.EquipmentId
                select new { s.EquipmentId, e.Mac })
                .Take(BatchSize).AsNoTracking().ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            after = batch[^1].EquipmentId;
            var drifts = await drift.FilesAsync(db, [.. batch.Select(p => p.Mac)], null, cancellationToken);
            foreach (var phone in batch)
            {
                seen.Add(phone.EquipmentId);
                if (drifts.TryGetValue(phone.Mac, out var files) && files.Any(f => f.Pending))
                {
                    notify.Add(phone.EquipmentId);
                }
            }
            // Rendering every phone after a template change takes a while: keep other nodes out meanwhile.
            if (!await JobLeases.RenewAsync(db, lease, LeaseDuration, time, cancellationToken))
            {
                throw new InvalidOperationException($"Lost the {LeaseName} lease to another node mid-run.");
            }
        }
        if (seen.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (notify.Count > 0)
        {
            var campaign = await ResyncCampaigns.CreateAsync(db, clientId, null, ResyncTrigger.ConfigChange, RequestedBy, time, notify, cancellationToken);
            LogQueued(campaign.Id, clientId, notify.Count);
        }
        foreach (var chunk in seen.Chunk(BatchSize))
        {
            await db.RegistrationStatuses.Where(s => chunk.Contains(s.EquipmentId))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ResyncStamp, stamp), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return notify.Count;
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Config change: resync campaign {CampaignId} for client {ClientId}, {Phones} phones with pending changes")]
    private partial void LogQueued(int campaignId, int clientId, int phones);

    // Debug: it would repeat every minute; the schedule says it once, as a warning, at start.
    [LoggerMessage(EventId = 5121, Level = LogLevel.Debug, Message = "Automatic resync skipped: {Reason}")]
    private partial void LogCannotRender(string reason);
}
