using Microsoft.EntityFrameworkCore;
using Sophia.Model.Rules;

namespace Sophia.Model.Paging;

/// <summary>One page of a list: <c>?page=1&amp;pageSize=50</c>; pageSize at most <see cref="PageRequest.MaxSize"/>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public Paged<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Page, PageSize, Total);
}

/// <summary>Which page a caller asks for; checked when it is made, so a bad one is refused before any query runs.</summary>
public sealed record PageRequest
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public PageRequest(int? page = null, int? pageSize = null)
    {
        Page = page ?? 1;
        Size = pageSize ?? DefaultSize;
        if (Page < 1)
        {
            throw new RuleViolationException(FieldError.Create("page", "page.invalid", "page starts at 1."));
        }
        if (Size is < 1 or > MaxSize)
        {
            throw new RuleViolationException(FieldError.Create("pageSize", "pageSize.range", "pageSize must be between 1 and {max}.", ("max", MaxSize)));
        }
    }

    public int Page { get; }
    public int Size { get; }

    public static PageRequest First { get; } = new();
}

public static class Paging
{
    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page.Page - 1) * page.Size).Take(page.Size).ToListAsync(ct);
        return new Paged<T>(items, page.Page, page.Size, total);
    }

    public static Paged<T> ToPage<T>(this IReadOnlyList<T> all, PageRequest page) =>
        new(all.Skip((page.Page - 1) * page.Size).Take(page.Size).ToList(), page.Page, page.Size, all.Count);
}
