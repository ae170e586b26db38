using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Parc.Search;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Search;

/// <summary>The console's search field: sites, users, equipment, numbers and short numbers, as <see cref="ParcSearch"/> finds them.</summary>
public static class SearchEndpoints
{
    public static void MapSearch(this RouteGroupBuilder api) =>
        api.MapGet("/search", Search).WithTags("Search").RequireAuthorization(Roles.ClientAdmin).Problems(400, 403);

    private static async Task<Ok<SearchResult>> Search(Caller caller, ParcSearch search, string? q, CancellationToken ct) =>
        TypedResults.Ok(await search.FindAsync(caller, q, ct));
}
