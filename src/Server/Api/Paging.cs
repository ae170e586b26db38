using Microsoft.EntityFrameworkCore;
using Sophia.Model.Rules;

namespace Sophia.Server.Api;

/// <summary>One page of a list: <c>?page=1&amp;pageSize=50</c>; pageSize at most 500.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Check(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(items, p, size, total);
    }

    public static Paged<T> ToPage<T>(this IReadOnlyList<T> all, int? page, int? pageSize)
    {
        var (p, size) = Check(page, pageSize);
        return new Paged<T>(all.Skip((p - 1) * size).Take(size).ToList(), p, size, all.Count);
    }

    private static (int Page, int Size) Check(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultSize;
        if (p < 1)
        {
            throw new RuleViolationException("page", "page starts at 1.");
        }
        if (size is < 1 or > MaxSize)
        {
            throw new RuleViolationException("pageSize", $"pageSize must be between 1 and {MaxSize}.");
        }
        return (p, size);
    }
}
