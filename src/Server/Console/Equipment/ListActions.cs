using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Sophia.Server.Console.Equipment;

/// <summary>
/// The addresses of a list's row actions (move, assign, delete): posted to the list's own address with its filter, sort
/// and options kept, so that the list shows again as it was, after the action or with its refusal.
/// </summary>
public static class ListActions
{
    /// <summary>The list's current address with <c>handler</c> set: the <c>formaction</c> of an action's button.</summary>
    public static string Handler(HttpRequest request, string handler) => request.Path + Query(request, handler).Value;

    /// <summary>The list's current address without a handler: where an action goes back to once done.</summary>
    public static string Back(HttpRequest request) => request.Path + Query(request, null).Value;

    /// <summary>
    /// Drops the handler from the request's address, for a list shown again after a refused action: its sort, page and
    /// filter links then lead to the list, not to the action.
    /// </summary>
    public static void Forget(HttpRequest request) => request.QueryString = Query(request, null);

    /// <summary>Whether the list's option checkbox (<paramref name="name"/>=1 in the address) is checked.</summary>
    public static bool Checked(HttpRequest request, string name) => request.Query[name] == "1";

    private static QueryString Query(HttpRequest request, string? handler)
    {
        var values = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key != "handler")
            .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString()))
            .ToList();
        if (handler is not null)
        {
            values.Add(KeyValuePair.Create("handler", handler));
        }
        return new QueryBuilder(values).ToQueryString();
    }
}
