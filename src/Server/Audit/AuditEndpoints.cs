using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Parc.Audit;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Audit;

public static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Roles.ClientAdmin).Problems(400, 403);
        audit.MapGet("", List);
    }

    /// <summary>
    /// The change log, newest first: a page of JSON, or with <c>?format=csv</c> every entry of the same filter as a CSV
    /// file. <c>from</c> is inclusive, <c>to</c> exclusive.
    /// </summary>
    private static async Task<Results<Ok<Paged<AuditEntryDto>>, EmptyHttpResult>> List(
        HttpContext http, Caller caller, AuditOperations audit, string? objectType, string? objectId, string? login,
        DateTimeOffset? from, DateTimeOffset? to, int? clientId, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        var filter = new AuditFilter(objectType, objectId, login, from, to, clientId);
        if (CsvDownload.Wanted(format))
        {
            return await CsvDownload.WriteAsync(http, await audit.ExportAsync(caller, filter, ct), "audit.csv", ct);
        }
        return TypedResults.Ok(await audit.ListAsync(caller, filter, new PageRequest(page, pageSize), ct));
    }
}
