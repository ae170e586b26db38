using Hangfire;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Registration;
using Sophia.Model.Rules;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;

namespace Sophia.Registration.Resync;

/// <param name="Outcome"><c>answered</c> (2xx), <c>refused</c> (another final response: the phone is there but said no),
/// <c>no-answer</c> or <c>not-sent</c>.</param>
public sealed record ResyncDto(string Outcome, int? StatusCode, string? Reason, string Contact, string RegistrationState, int Transmissions, double ElapsedMs);

public sealed record CampaignDto(
    int Id, int ClientId, int? SiteId, ResyncTrigger Trigger, string RequestedBy, DateTimeOffset CreatedAt, ResyncCampaignState State,
    DateTimeOffset? FinishedAt, int Total, int Pending, int Answered, int Refused, int NoAnswer, int NotSent, int Skipped, int Cancelled)
{
    public static CampaignDto From(CampaignProgress p) => new(p.Id, p.ClientId, p.SiteId, p.Trigger, p.RequestedBy, p.CreatedAt, p.State, p.FinishedAt,
        p.Total, p.Pending, Count(p, ResyncTargetState.Answered), Count(p, ResyncTargetState.Refused), Count(p, ResyncTargetState.NoAnswer),
        Count(p, ResyncTargetState.NotSent), Count(p, ResyncTargetState.Skipped), Count(p, ResyncTargetState.Cancelled));

    private static int Count(CampaignProgress p, ResyncTargetState state) => p.Targets.GetValueOrDefault(state);
}

/// <summary>Check-sync NOTIFYs asked for by a client admin or the helpdesk: one phone now, or a site or client as a throttled campaign.</summary>
public sealed class ResyncOperations(SophiaDb db, PhoneResync resync, RegistrarDirectory registrars, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Sends a NOTIFY Event: check-sync to where the phone is registered now and reports how it answered.</summary>
    public async Task<ResyncDto> ResyncPhoneAsync(Caller caller, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        var status = await db.RegistrationStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.EquipmentId == equipment.Id, ct);
        var target = status is null ? null
            : await TargetAsync(status, await registrars.ForClientAsync(db, equipment.ClientId, ct), equipment.Mac.ToString(), ct);
        if (status is null || target is null)
        {
            throw new RuleViolationException(FieldError.Create("mac", "resync.noContact",
                "No registered contact is known for {mac} ({state}): there is nowhere to send the NOTIFY.",
                ("mac", equipment.Mac.ToDisplayString()), ("state", status?.State ?? "never checked")), RuleViolationKind.Conflict);
        }
        var result = await resync.SendAsync(db, equipment.Id, target, ct);
        return new ResyncDto(result.Outcome, result.StatusCode, result.Reason, result.Contact, status.State, result.Transmissions, result.Elapsed.TotalMilliseconds);
    }

    /// <summary>Queues a throttled campaign over the site's assigned phones.</summary>
    public async Task<CampaignDto> ResyncSiteAsync(Caller caller, int siteId, CancellationToken ct)
    {
        var site = await Visible.SiteAsync(db, caller, siteId, ct);
        return await StartAsync(site.ClientId, site.Id, ResyncTrigger.Site, caller.Login, ct);
    }

    /// <summary>Queues a throttled campaign over the client's assigned phones.</summary>
    public async Task<CampaignDto> ResyncClientAsync(Caller caller, int clientId, CancellationToken ct)
    {
        var client = await Visible.ClientAsync(db, caller, clientId, ct);
        return await StartAsync(client.Id, null, ResyncTrigger.Client, caller.Login, ct);
    }

    public async Task<CampaignDto> CampaignAsync(Caller caller, int campaignId, CancellationToken ct) =>
        CampaignDto.From(await VisibleAsync(caller, campaignId, ct));

    /// <summary>Stops a campaign: phones not yet notified are not. A campaign that already ended stays as it was.</summary>
    public async Task<CampaignDto> CancelAsync(Caller caller, int campaignId, CancellationToken ct)
    {
        await VisibleAsync(caller, campaignId, ct);
        await ResyncCampaigns.CancelAsync(db, campaignId, time, ct);
        return CampaignDto.From((await ResyncCampaigns.ProgressAsync(db, campaignId, ct))!);
    }

    /// <summary>
    /// Where the phone is now: the binding its client's registrar holds for it, else (no registrar, or it holds none or
    /// cannot be asked) the contact the last check recorded.
    /// </summary>
    private static async Task<SipTarget?> TargetAsync(RegistrationStatus status, IRegistrarSource? registrar, string mac, CancellationToken ct)
    {
        if (registrar is not null && (await registrar.LookupAsync(SipAor.Parse(status.Aor), ct)).ContactFor(mac) is { } binding)
        {
            return new SipTarget(binding.ContactUri, status.Aor, binding.Received);
        }
        return status.Contact is null ? null : new SipTarget(status.Contact, status.Aor, status.Received);
    }

    private async Task<CampaignDto> StartAsync(int clientId, int? siteId, ResyncTrigger trigger, string login, CancellationToken ct)
    {
        var campaign = await ResyncCampaigns.CreateAsync(db, clientId, siteId, trigger, login, time, cancellationToken: ct);
        if (campaign.State == ResyncCampaignState.Running)
        {
            jobs.Enqueue<ResyncPump>(p => p.RunAsync(CancellationToken.None));
        }
        return CampaignDto.From((await ResyncCampaigns.ProgressAsync(db, campaign.Id, ct))!);
    }

    private async Task<CampaignProgress> VisibleAsync(Caller caller, int campaignId, CancellationToken ct)
    {
        var progress = await ResyncCampaigns.ProgressAsync(db, campaignId, ct);
        return progress is not null && caller.CanManageClient(progress.ClientId) ? progress
            : throw CommonErrors.NotFound("campaignId", "campaign", campaignId);
    }
}
