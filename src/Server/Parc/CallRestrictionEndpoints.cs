using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Parc.CallRestrictions;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public static class CallRestrictionEndpoints
{
    public static void MapCallRestrictions(this RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("").WithTags("Call restrictions").Problems(404);
        // The client's users read the list too (a self-care screen names their profile); only admins change it.
        profiles.MapGet("/clients/{clientId:int}/call-restriction-profiles", List).RequireAuthorization().Problems(400);
        var admin = profiles.MapGroup("").RequireAuthorization(Roles.ClientAdmin).Problems(403);
        admin.MapPost("/clients/{clientId:int}/call-restriction-profiles", Create).Problems(400, 409);
        admin.MapGet("/call-restriction-profiles/{profileId:int}", Get);
        admin.MapPut("/call-restriction-profiles/{profileId:int}", Update).Problems(400, 409, 412);
        admin.MapDelete("/call-restriction-profiles/{profileId:int}", Delete).Problems(400, 409, 412);
    }

    private static async Task<Ok<Paged<CallRestrictionProfileDto>>> List(
        Caller caller, CallRestrictionProfileOperations profiles, int clientId, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await profiles.ListAsync(caller, clientId, new PageRequest(page, pageSize), ct));

    private static async Task<Ok<CallRestrictionProfileDto>> Get(HttpContext http, Caller caller, CallRestrictionProfileOperations profiles, int profileId, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(caller, profileId, ct);
        return http.Tagged(profile, profile.Version);
    }

    private static async Task<Created<CallRestrictionProfileDto>> Create(
        HttpContext http, Caller caller, CallRestrictionProfileOperations profiles, int clientId, CallRestrictionProfileInput input, CancellationToken ct)
    {
        var profile = await profiles.CreateAsync(caller, clientId, input, ct);
        http.SetETag(profile.Version);
        return TypedResults.Created($"/api/v1/call-restriction-profiles/{profile.Id}", profile);
    }

    private static async Task<Ok<CallRestrictionProfileDto>> Update(
        HttpContext http, Caller caller, CallRestrictionProfileOperations profiles, int profileId, CallRestrictionProfileInput input, CancellationToken ct)
    {
        var profile = await profiles.UpdateAsync(caller, profileId, input, http.IfMatch(), ct);
        return http.Tagged(profile, profile.Version);
    }

    private static async Task<NoContent> Delete(HttpContext http, Caller caller, CallRestrictionProfileOperations profiles, int profileId, CancellationToken ct)
    {
        await profiles.DeleteAsync(caller, profileId, http.IfMatch(), ct);
        return TypedResults.NoContent();
    }
}
