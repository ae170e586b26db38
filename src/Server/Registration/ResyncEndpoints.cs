using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Registration.Resync;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Registration;

/// <summary>Check-sync NOTIFYs: one phone now, or a site or client as a throttled campaign.</summary>
public static class ResyncEndpoints
{
    public static void MapResyncApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Resync").RequireAuthorization(Roles.ClientAdmin).Problems(403, 404);
        admin.MapPost("/equipment/{mac}/resync", Resync).Problems(400, 409)
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

    private static async Task<Ok<ResyncDto>> Resync(Caller caller, ResyncOperations resyncs, string mac, CancellationToken ct) =>
        TypedResults.Ok(await resyncs.ResyncPhoneAsync(caller, mac, ct));

    private static async Task<Accepted<CampaignDto>> ResyncSite(Caller caller, ResyncOperations resyncs, int siteId, CancellationToken ct) =>
        Started(await resyncs.ResyncSiteAsync(caller, siteId, ct));

    private static async Task<Accepted<CampaignDto>> ResyncClient(Caller caller, ResyncOperations resyncs, int clientId, CancellationToken ct) =>
        Started(await resyncs.ResyncClientAsync(caller, clientId, ct));

    private static async Task<Ok<CampaignDto>> Campaign(Caller caller, ResyncOperations resyncs, int campaignId, CancellationToken ct) =>
        TypedResults.Ok(await resyncs.CampaignAsync(caller, campaignId, ct));

    private static async Task<Ok<CampaignDto>> Cancel(Caller caller, ResyncOperations resyncs, int campaignId, CancellationToken ct) =>
        TypedResults.Ok(await resyncs.CancelAsync(caller, campaignId, ct));

    private static Accepted<CampaignDto> Started(CampaignDto campaign) => TypedResults.Accepted($"/api/v1/resync-campaigns/{campaign.Id}", campaign);
}
