using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Sophia.Server.Console.Shared;

/// <summary>What the filter field and the pager of any list need.</summary>
public interface IListView
{
    ListQuery Query { get; }
    int Total { get; }
    int Pages { get; }

    string PageUrl(int page);
}

/// <summary>What a list is asked for in its address: the filter field's text, the page, the sorted column.</summary>
public sealed record ListQuery(string? Q, int Page, string? Sort, bool Descending)
{
    public const int PageSize = 25;

    public static ListQuery From(HttpRequest request) => new(
        request.Query["q"].ToString() is { Length: > 0 } q ? q.Trim() : null,
        int.TryParse(request.Query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1,
        request.Query["sort"].ToString() is { Length: > 0 } sort ? sort : null,
        request.Query["desc"] == "1");
}

/// <summary>
/// One page of a list the console shows: filtered by the list's filter field (over the text each row shows), sorted
/// by a column, paged; with the links its headers and pager need, keeping the rest of the address as it is.
/// </summary>
public sealed class ListView<T> : IListView
{
    private readonly HttpRequest request;

    internal ListView(HttpRequest request, ListQuery query, IReadOnlyList<T> rows, int total)
    {
        this.request = request;
        Query = query;
        Rows = rows;
        Total = total;
    }

    public ListQuery Query { get; }
    public IReadOnlyList<T> Rows { get; }
    public int Total { get; }
    public int Pages => Math.Max(1, (Total + ListQuery.PageSize - 1) / ListQuery.PageSize);

    /// <summary>The address sorting by <paramref name="column"/>; again on the sorted column, the other way.</summary>
    public string SortUrl(string column) => With(new()
    {
        ["sort"] = column,
        ["desc"] = Query.Sort == column && !Query.Descending ? "1" : null,
        ["page"] = null,
    });

    public string PageUrl(int page) => With(new() { ["page"] = page == 1 ? null : page.ToString(CultureInfo.InvariantCulture) });

    /// <summary>"▲" or "▼" on the sorted column.</summary>
    public string SortMark(string column) => Query.Sort == column ? (Query.Descending ? " ▼" : " ▲") : "";

    private string With(Dictionary<string, string?> changes)
    {
        var values = QueryHelpers.ParseQuery(request.QueryString.Value).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }
        var builder = new QueryBuilder(values.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Key, p.Value!)));
        return request.Path + builder.ToQueryString().Value;
    }
}

public static class ListView
{
    /// <summary>The page of <paramref name="all"/> the request asks for.</summary>
    /// <param name="text">The text of a row the filter looks in (what its cells show).</param>
    /// <param name="columns">The sortable columns by name; the first sorts by default.</param>
    public static ListView<T> Of<T>(HttpRequest request, IEnumerable<T> all, Func<T, string> text, IReadOnlyDictionary<string, Func<T, IComparable?>> columns)
    {
        var query = ListQuery.From(request);
        var rows = all;
        if (query.Q is { } q)
        {
            rows = rows.Where(r => text(r).Contains(q, StringComparison.CurrentCultureIgnoreCase));
        }
        var key = query.Sort is { } sort && columns.TryGetValue(sort, out var chosen) ? chosen : columns.Values.First();
        var comparer = Comparer<IComparable?>.Create((a, b) => a is string x && b is string y
            ? string.Compare(x, y, CultureInfo.CurrentCulture, CompareOptions.IgnoreCase)
            : Comparer<IComparable?>.Default.Compare(a, b));
        var sorted = (query.Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer)).ToList();
        var page = Math.Min(query.Page, Math.Max(1, (sorted.Count + ListQuery.PageSize - 1) / ListQuery.PageSize));
        return new ListView<T>(request, query with { Page = page },
            sorted.Skip((page - 1) * ListQuery.PageSize).Take(ListQuery.PageSize).ToList(), sorted.Count);
    }

}
