using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Parc.Users;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public static class UserEndpoints
{
    public static void MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("").WithTags("Users").Problems(404);
        users.MapGet("/sites/{siteId:int}/users", List).RequireAuthorization(Roles.ClientAdmin).Problems(400, 403);
        users.MapPost("/sites/{siteId:int}/users", Create).RequireAuthorization(Roles.ClientAdmin).Problems(400, 403, 409);
        users.MapPost("/sites/{siteId:int}/users/import", Import).RequireAuthorization(Roles.ClientAdmin)
            .Accepts<string>("text/csv").Problems(400, 403, 409)
            .WithSummary("Creates users from CSV, all or nothing; with dryRun=true, shows each row's login and every error, saving nothing.");
        users.MapGet("/users/{userId:int}", Get).RequireAuthorization();
        users.MapPut("/users/{userId:int}", Update).RequireAuthorization().Problems(400, 403, 412);
        users.MapDelete("/users/{userId:int}", Delete).RequireAuthorization(Roles.ClientAdmin).Problems(403, 412);
        users.MapPost("/users/{userId:int}/sip-password", RenewSipPassword).RequireAuthorization(Roles.ClientAdmin).Problems(403)
            .WithSummary("Gives the user's line a new SIP password, answered this once; the user's phones get it on their next fetch.");
        users.MapGet("/users/{userId:int}/equipment", ListEquipment).RequireAuthorization();
        users.MapGet("/users/{userId:int}/sip", GetSipIdentity).RequireAuthorization();
    }

    private static async Task<Results<Ok<Paged<UserDto>>, EmptyHttpResult>> List(
        HttpContext http, Caller caller, UserOperations users, int siteId, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        if (CsvDownload.Wanted(format))
        {
            return await CsvDownload.WriteAsync(http, await users.ExportAsync(caller, siteId, ct), $"site-{siteId}-users.csv", ct);
        }
        return TypedResults.Ok(await users.ListAsync(caller, siteId, new PageRequest(page, pageSize), ct));
    }

    private static async Task<Ok<UserDto>> Get(HttpContext http, Caller caller, UserOperations users, int userId, CancellationToken ct)
    {
        var user = await users.GetAsync(caller, userId, ct);
        return http.Tagged(user, user.Version);
    }

    private static async Task<Created<UserDto>> Create(HttpContext http, Caller caller, UserOperations users, int siteId, UserInput input, CancellationToken ct)
    {
        var user = await users.CreateAsync(caller, siteId, input, ct);
        http.SetETag(user.Version);
        return TypedResults.Created($"/api/v1/users/{user.Id}", user);
    }

    private static async Task<Ok<UserImportResult>> Import(HttpContext http, Caller caller, UserImport import, int siteId, bool? dryRun, CancellationToken ct)
    {
        using var csv = await CsvUpload.ReadAsync(http.Request, ct);
        return TypedResults.Ok(await import.ImportAsync(caller, siteId, csv, dryRun ?? false, ct));
    }

    private static async Task<Ok<UserDto>> Update(HttpContext http, Caller caller, UserOperations users, int userId, UserInput input, CancellationToken ct)
    {
        var user = await users.UpdateAsync(caller, userId, input, http.IfMatch(), ct);
        return http.Tagged(user, user.Version);
    }

    private static async Task<NoContent> Delete(HttpContext http, Caller caller, UserOperations users, int userId, CancellationToken ct)
    {
        await users.DeleteAsync(caller, userId, http.IfMatch(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SipPasswordDto>> RenewSipPassword(HttpContext http, Caller caller, UserOperations users, int userId, CancellationToken ct)
    {
        var renewed = await users.RenewSipPasswordAsync(caller, userId, ct);
        // The secret is in this answer only: no cache, proxy or browser history may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return http.Tagged(renewed, renewed.Version);
    }

    private static async Task<Ok<IReadOnlyList<UserEquipmentDto>>> ListEquipment(Caller caller, UserOperations users, int userId, CancellationToken ct) =>
        TypedResults.Ok(await users.ListEquipmentAsync(caller, userId, ct));

    private static async Task<Ok<SipIdentityDto>> GetSipIdentity(Caller caller, UserOperations users, int userId, CancellationToken ct) =>
        TypedResults.Ok(await users.GetSipIdentityAsync(caller, userId, ct));
}
