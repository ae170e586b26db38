using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Registration;
using Sophia.Registration.States;

namespace Sophia.Registration.Resync;

/// <summary>A campaign and how far it got.</summary>
public sealed record CampaignProgress(
    int Id, int ClientId, int? SiteId, ResyncTrigger Trigger, string RequestedBy, DateTimeOffset CreatedAt, ResyncCampaignState State,
    DateTimeOffset? FinishedAt, int Total, IReadOnlyDictionary<ResyncTargetState, int> Targets)
{
    public int Pending => Targets.GetValueOrDefault(ResyncTargetState.Pending) + Targets.GetValueOrDefault(ResyncTargetState.Sending);

    public int Done => Total - Pending;
}

/// <summary>Makes, cancels and reports resync campaigns; the <see cref="ResyncPump"/> sends them.</summary>
public static class ResyncCampaigns
{
    /// <summary>
    /// A campaign over the assigned phones of a client, or of one of its sites, or only <paramref name="equipmentIds"/>.
    /// Phones with a contact that are not known to be unregistered are queued; the others are recorded as skipped.
    /// </summary>
    public static async Task<ResyncCampaign> CreateAsync(
        SophiaDb db, int clientId, int? siteId, ResyncTrigger trigger, string requestedBy, TimeProvider time,
        IReadOnlyCollection<int>? equipmentIds = null, CancellationToken cancellationToken = default)
    {
        var equipment = db.Equipment.AsNoTracking().Where(e => e.ClientId == clientId && e.UserId != null);
        if (siteId is { } site)
        {
            equipment = equipment.Where(e => e.SiteId == site);
        }
        if (equipmentIds is not null)
        {
            equipment = equipment.Where(e => equipmentIds.Contains(e.Id));
        }
        var notRegistered = RegistrationState.NotRegistered.ToApiName();
        var phones = await (
            from e in equipment
            join s in db.RegistrationStatuses on e.Id equals s.EquipmentId into statuses
            from s in statuses.DefaultIfEmpty()
            orderby e.SiteId, e.Id
            select new { e.Id, e.SiteId, Contact = s == null ? null : s.Contact, Received = s == null ? null : s.Received, Aor = s == null ? null : s.Aor, State = s == null ? null : s.State })
            .ToListAsync(cancellationToken);

        var campaign = new ResyncCampaign
        {
            ClientId = clientId,
            SiteId = siteId,
            Trigger = trigger,
            RequestedBy = requestedBy,
            CreatedAt = time.GetUtcNow(),
            State = ResyncCampaignState.Running,
        };
        foreach (var phone in phones)
        {
            var send = phone.Contact is not null && phone.State != notRegistered;
            campaign.Targets.Add(new ResyncTarget
            {
                EquipmentId = phone.Id,
                SiteId = phone.SiteId,
                Contact = phone.Contact,
                Received = phone.Received,
                Aor = phone.Aor,
                State = send ? ResyncTargetState.Pending : ResyncTargetState.Skipped,
                Detail = send ? null : phone.Contact is null ? "no registered contact known" : "not registered",
            });
        }
        if (campaign.Targets.All(t => t.State != ResyncTargetState.Pending))
        {
            campaign.State = ResyncCampaignState.Completed;
            campaign.FinishedAt = campaign.CreatedAt;
        }
        db.ResyncCampaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    /// <summary>Stops a running campaign: the phones not yet notified are not; false when it had already ended.</summary>
    public static async Task<bool> CancelAsync(SophiaDb db, int campaignId, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var cancelled = await db.ResyncCampaigns.Where(c => c.Id == campaignId && c.State == ResyncCampaignState.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.State, ResyncCampaignState.Cancelled).SetProperty(c => c.FinishedAt, now), cancellationToken);
        await db.ResyncTargets.Where(t => t.CampaignId == campaignId && t.State == ResyncTargetState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.State, ResyncTargetState.Cancelled).SetProperty(t => t.DoneAt, now), cancellationToken);
        return cancelled == 1;
    }

    public static async Task<CampaignProgress?> ProgressAsync(SophiaDb db, int campaignId, CancellationToken cancellationToken = default)
    {
        var campaign = await db.ResyncCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        var counts = await db.ResyncTargets.AsNoTracking().Where(t => t.CampaignId == campaignId)
            .GroupBy(t => t.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new CampaignProgress(campaign.Id, campaign.ClientId, campaign.SiteId, campaign.Trigger, campaign.RequestedBy, campaign.CreatedAt,
            campaign.State, campaign.FinishedAt, counts.Sum(c => c.Count), counts.ToDictionary(c => c.State, c => c.Count));
    }

    /// <summary>Marks running campaigns with nothing left to send as completed; returns them, for the metrics.</summary>
    public static async Task<IReadOnlyList<CompletedCampaign>> CompleteFinishedAsync(SophiaDb db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var finished = await db.ResyncCampaigns.AsNoTracking()
            .Where(c => c.State == ResyncCampaignState.Running
                && !db.ResyncTargets.Any(t => t.CampaignId == c.Id && (t.State == ResyncTargetState.Pending || t.State == ResyncTargetState.Sending)))
            .Select(c => new
            {
                c.Id,
                c.CreatedAt,
                Unanswered = db.ResyncTargets.Any(t => t.CampaignId == c.Id
                    && (t.State == ResyncTargetState.Refused || t.State == ResyncTargetState.NoAnswer || t.State == ResyncTargetState.NotSent)),
            })
            .ToListAsync(cancellationToken);
        if (finished.Count == 0)
        {
            return [];
        }
        var ids = finished.Select(c => c.Id).ToList();
        // Only those still running: a campaign cancelled meanwhile stays cancelled.
        await db.ResyncCampaigns
            .Where(c => ids.Contains(c.Id) && c.State == ResyncCampaignState.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.State, ResyncCampaignState.Completed).SetProperty(c => c.FinishedAt, now), cancellationToken);
        return finished.ConvertAll(c => new CompletedCampaign(c.Id, now - c.CreatedAt, !c.Unanswered));
    }
}

/// <summary>A campaign just completed: how long it took from its creation, and whether every phone sent to answered.</summary>
public sealed record CompletedCampaign(int Id, TimeSpan Duration, bool EveryPhoneAnswered);
