using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Parc.Numbers;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public static class NumberEndpoints
{
    public static void MapNumbers(this RouteGroupBuilder api)
    {
        var numbers = api.MapGroup("").WithTags("Numbers").RequireAuthorization(Roles.ClientAdmin).Problems(403, 404);
        numbers.MapGet("/sites/{siteId:int}/numbers", List).Problems(400);
        numbers.MapPost("/sites/{siteId:int}/numbers", Create).Problems(400, 409);
        numbers.MapGet("/numbers/{numberId:int}", Get);
        numbers.MapPut("/numbers/{numberId:int}", Update).Problems(400, 409, 412);
        numbers.MapDelete("/numbers/{numberId:int}", Delete).Problems(400, 409, 412);
        numbers.MapPost("/numbers/{numberId:int}/assign", Assign).Problems(400, 409, 412);
        numbers.MapPost("/numbers/{numberId:int}/unassign", Unassign).Problems(400, 412);
    }

    /// <summary>A page of JSON, or with <c>?format=csv</c> the whole list (the same filter) as a CSV file.</summary>
    private static async Task<Results<Ok<Paged<NumberDto>>, EmptyHttpResult>> List(
        HttpContext http, Caller caller, NumberOperations numbers, int siteId, bool? assigned, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        if (CsvDownload.Wanted(format))
        {
            var rows = await numbers.ExportAsync(caller, siteId, assigned, ct);
            return await CsvDownload.WriteAsync(http, rows, $"site-{siteId}-numbers.csv", ct);
        }
        return TypedResults.Ok(await numbers.ListAsync(caller, siteId, assigned, new PageRequest(page, pageSize), ct));
    }

    private static async Task<Ok<NumberDto>> Get(HttpContext http, Caller caller, NumberOperations numbers, int numberId, CancellationToken ct)
    {
        var number = await numbers.GetAsync(caller, numberId, ct);
        return http.Tagged(number, number.Version);
    }

    private static async Task<Created<NumberDto>> Create(HttpContext http, Caller caller, NumberOperations numbers, int siteId, NumberInput input, CancellationToken ct)
    {
        var number = await numbers.CreateAsync(caller, siteId, input, ct);
        http.SetETag(number.Version);
        return TypedResults.Created($"/api/v1/numbers/{number.Id}", number);
    }

    private static async Task<Ok<NumberDto>> Update(HttpContext http, Caller caller, NumberOperations numbers, int numberId, NumberUpdate input, CancellationToken ct)
    {
        var number = await numbers.UpdateAsync(caller, numberId, input, http.IfMatch(), ct);
        return http.Tagged(number, number.Version);
    }

    private static async Task<NoContent> Delete(HttpContext http, Caller caller, NumberOperations numbers, int numberId, CancellationToken ct)
    {
        await numbers.DeleteAsync(caller, numberId, http.IfMatch(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<NumberDto>> Assign(HttpContext http, Caller caller, NumberOperations numbers, int numberId, NumberAssignRequest request, CancellationToken ct)
    {
        var number = await numbers.AssignAsync(caller, numberId, request, http.IfMatch(), ct);
        return http.Tagged(number, number.Version);
    }

    private static async Task<Ok<NumberDto>> Unassign(HttpContext http, Caller caller, NumberOperations numbers, int numberId, CancellationToken ct)
    {
        var number = await numbers.UnassignAsync(caller, numberId, http.IfMatch(), ct);
        return http.Tagged(number, number.Version);
    }
}
