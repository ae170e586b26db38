using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Parc.FunctionKeys;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

/// <summary>A user's function keys, read and replaced as one ordered list (the phone shows them in that order).</summary>
public static class FunctionKeyEndpoints
{
    public static void MapFunctionKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/users/{userId:int}/function-keys").WithTags("Function keys").RequireAuthorization().Problems(404);
        keys.MapGet("/", List);
        keys.MapPut("/", Replace).Problems(400, 412)
            .WithSummary("Replaces the user's whole list of keys; If-Match carries the user's ETag. One bad key rejects the whole list.");
    }

    private static async Task<Ok<IReadOnlyList<FunctionKeyDto>>> List(HttpContext http, Caller caller, FunctionKeyOperations functionKeys, int userId, CancellationToken ct)
    {
        var list = await functionKeys.ListAsync(caller, userId, ct);
        return http.Tagged(list.Keys, list.Version);
    }

    /// <summary>The body is named <c>keys</c>: a key that does not bind is reported as <c>keys[2].kind</c>.</summary>
    private static async Task<Ok<IReadOnlyList<FunctionKeyDto>>> Replace(
        HttpContext http, Caller caller, FunctionKeyOperations functionKeys, int userId, IReadOnlyList<FunctionKeyInput> keys, CancellationToken ct)
    {
        var list = await functionKeys.ReplaceAsync(caller, userId, keys, http.IfMatch(), ct);
        return http.Tagged(list.Keys, list.Version);
    }
}
