using Sophia.Model.Paging;

namespace Sophia.Server.Console.Shared;

/// <summary>A whole list from an operation that answers pages, for the console's lists that filter and sort it themselves.</summary>
public static class Fetch
{
    public static async Task<List<T>> AllAsync<T>(Func<PageRequest, Task<Paged<T>>> list)
    {
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var result = await list(new PageRequest(page, PageRequest.MaxSize));
            all.AddRange(result.Items);
            if (all.Count >= result.Total || result.Items.Count == 0)
            {
                return all;
            }
        }
    }
}
