using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Registration;
using Sophia.Model.Rules;
using Sophia.Registration.Registrar;
using Sophia.Registration.Resync;
using Sophia.Registration.Sip;
using Sophia.Server.Accounts;

namespace Sophia.Server.Registration;

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

/// <summary>Check-sync NOTIFYs: one phone now, or a site or client as a throttled campaign.</summary>
public static class ResyncEndpoints
{
    public static void MapResyncApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Resync").RequireAuthorization(Roles.ClientAdmin);
        admin.MapPost("/equipment/{mac}/resync", Resync)
            .WithSummary("Sends a SIP NOTIFY Event: check-sync to the phone's registered contact and reports how it answered.");
        admin.MapPost("/sites/{siteId:int}/resync", ResyncSite)
            .WithSummary("Queues a throttled resync campaign over the site's assigned phones.");
        admin.MapPost("/clients/{clientId:int}/resync", ResyncClient)
            .WithSummary("Queues a throttled resync campaign over the client's assigned phones.");
        admin.MapGet("/resync-campaigns/{campaignId:int}", Campaign)
            .WithSummary("A resync campaign's progress.");
        admin.MapPost("/resync-campaigns/{campaignId:int}/cancel", Cancel)
            .WithSummary("Stops a campaign: phones not yet notified are not.");
    }

    private static async Task<Ok<ResyncDto>> Resync(
        HttpContext http, SophiaDb db, PhoneResync resync, RegistrarDirectory registrars, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        var status = await db.RegistrationStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.EquipmentId == equipment.Id, ct);
        var target = status is null ? null
            : await TargetAsync(status, await registrars.ForClientAsync(db, equipment.ClientId, ct), equipment.Mac.ToString(), ct);
        if (status is null || target is null)
        {
            throw new RuleViolationException("mac",
                $"No registered contact is known for {equipment.Mac.ToDisplayString()} ({status?.State ?? "never checked"}): there is nowhere to send the NOTIFY.",
                RuleViolationKind.Conflict);
        }
        var result = await resync.SendAsync(db, equipment.Id, target, ct);
        return TypedResults.Ok(new ResyncDto(result.Outcome, result.StatusCode, result.Reason, result.Contact, status.State, result.Transmissions,
            result.Elapsed.TotalMilliseconds));
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

    private static async Task<Accepted<CampaignDto>> ResyncSite(
        HttpContext http, SophiaDb db, IBackgroundJobClient jobs, TimeProvider time, int siteId, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var site = await Visible.SiteAsync(db, caller, siteId, ct);
        return await StartAsync(db, jobs, time, site.ClientId, site.Id, ResyncTrigger.Site, caller.Login, ct);
    }

    private static async Task<Accepted<CampaignDto>> ResyncClient(
        HttpContext http, SophiaDb db, IBackgroundJobClient jobs, TimeProvider time, int clientId, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var client = await Visible.ClientAsync(db, caller, clientId, ct);
        return await StartAsync(db, jobs, time, client.Id, null, ResyncTrigger.Client, caller.Login, ct);
    }

    private static async Task<Accepted<CampaignDto>> StartAsync(
        SophiaDb db, IBackgroundJobClient jobs, TimeProvider time, int clientId, int? siteId, ResyncTrigger trigger, string login, CancellationToken ct)
    {
        var campaign = await ResyncCampaigns.CreateAsync(db, clientId, siteId, trigger, login, time, cancellationToken: ct);
        if (campaign.State == ResyncCampaignState.Running)
        {
            jobs.Enqueue<ResyncPump>(p => p.RunAsync(CancellationToken.None));
        }
        var progress = await ResyncCampaigns.ProgressAsync(db, campaign.Id, ct);
        return TypedResults.Accepted($"/api/v1/resync-campaigns/{campaign.Id}", CampaignDto.From(progress!));
    }

    private static async Task<Ok<CampaignDto>> Campaign(HttpContext http, SophiaDb db, int campaignId, CancellationToken ct) =>
        TypedResults.Ok(CampaignDto.From(await VisibleAsync(db, Caller.From(http.User), campaignId, ct)));

    private static async Task<Ok<CampaignDto>> Cancel(HttpContext http, SophiaDb db, TimeProvider time, int campaignId, CancellationToken ct)
    {
        await VisibleAsync(db, Caller.From(http.User), campaignId, ct);
        await ResyncCampaigns.CancelAsync(db, campaignId, time, ct);
        return TypedResults.Ok(CampaignDto.From((await ResyncCampaigns.ProgressAsync(db, campaignId, ct))!));
    }

    private static async Task<CampaignProgress> VisibleAsync(SophiaDb db, Caller caller, int campaignId, CancellationToken ct)
    {
        var progress = await ResyncCampaigns.ProgressAsync(db, campaignId, ct);
        return progress is not null && caller.CanManageClient(progress.ClientId) ? progress
            : throw CommonErrors.NotFound("campaignId", "resyncCampaign", campaignId);
    }
}
