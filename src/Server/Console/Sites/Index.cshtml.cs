using Microsoft.AspNetCore.Authorization;
using Sophia.Parc.Sites;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Sites;

/// <summary>A client's sites, the client level's first entry.</summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class IndexModel(Levels levels, SiteOperations sites) : ConsolePage
{
    public ListView<SiteDto> List { get; private set; } = null!;

    public async Task OnGetAsync(int clientId)
    {
        var client = await levels.ClientAsync(this, clientId, "sites", Aborted);
        Frame.Title = T.Format("sites.title", ("client", client.Name));
        Frame.Toolbar.Add(new ToolButton(ToolKind.Add, Links.NewSite(clientId)));
        if (Caller.IsHelpdesk)
        {
            Frame.Toolbar.Insert(0, new ToolButton(ToolKind.Up, Links.Clients));
        }
        var all = await Fetch.AllAsync(page => sites.ListAsync(Caller, clientId, page, Aborted));
        List = ListView.Of(Request, all, s => $"{s.Name} {s.TimeZone}", new Dictionary<string, Func<SiteDto, IComparable?>>
        {
            ["name"] = s => s.Name,
        });
    }
}
