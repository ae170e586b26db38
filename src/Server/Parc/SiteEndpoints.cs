using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Parc.Sites;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public static class SiteEndpoints
{
    public static void MapSites(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("").WithTags("Sites").RequireAuthorization(Roles.ClientAdmin).Problems(400, 403, 404);
        sites.MapGet("/clients/{clientId:int}/sites", List);
        sites.MapPost("/clients/{clientId:int}/sites", Create).Problems(409);
        sites.MapGet("/sites/{siteId:int}", Get);
        sites.MapPut("/sites/{siteId:int}", Update).Problems(409, 412);
        sites.MapDelete("/sites/{siteId:int}", Delete).Problems(409, 412);
    }

    private static async Task<Ok<Paged<SiteDto>>> List(Caller caller, SiteOperations sites, int clientId, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await sites.ListAsync(caller, clientId, new PageRequest(page, pageSize), ct));

    private static async Task<Ok<SiteDto>> Get(HttpContext http, Caller caller, SiteOperations sites, int siteId, CancellationToken ct)
    {
        var site = await sites.GetAsync(caller, siteId, ct);
        return http.Tagged(site, site.Version);
    }

    private static async Task<Created<SiteDto>> Create(HttpContext http, Caller caller, SiteOperations sites, int clientId, SiteInput input, CancellationToken ct)
    {
        var site = await sites.CreateAsync(caller, clientId, input, ct);
        http.SetETag(site.Version);
        return TypedResults.Created($"/api/v1/sites/{site.Id}", site);
    }

    private static async Task<Ok<SiteDto>> Update(HttpContext http, Caller caller, SiteOperations sites, int siteId, SiteInput input, CancellationToken ct)
    {
        var site = await sites.UpdateAsync(caller, siteId, input, http.IfMatch(), ct);
        return http.Tagged(site, site.Version);
    }

    private static async Task<NoContent> Delete(HttpContext http, Caller caller, SiteOperations sites, int siteId, CancellationToken ct)
    {
        await sites.DeleteAsync(caller, siteId, http.IfMatch(), ct);
        return TypedResults.NoContent();
    }
}
