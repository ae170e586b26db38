using Microsoft.AspNetCore.Authorization;
using Sophia.Parc.CallRestrictions;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Restrictions;

/// <summary>
/// The client's call-restriction profiles ("Profils de restrictions", guide 2.3.4: made at the client's level, then
/// picked for each user): what each allows, drawn as the five categories, and how many users have it.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class IndexModel(Levels levels, CallRestrictionProfileOperations profiles) : ConsolePage
{
    public ListView<CallRestrictionProfileDto> List { get; private set; } = null!;

    public async Task OnGetAsync(int clientId)
    {
        var client = await levels.ClientAsync(this, clientId, "restrictions", Aborted);
        Frame.Title = T.Format("restrictions.title", ("client", client.Name));
        if (Caller.IsHelpdesk)
        {
            Frame.Toolbar.Add(new ToolButton(ToolKind.Up, Links.Clients));
        }
        Frame.Toolbar.Add(new ToolButton(ToolKind.Add, Links.NewRestriction(clientId)));
        var all = await Fetch.AllAsync(page => profiles.ListAsync(Caller, clientId, page, Aborted));
        List = ListView.Of(Request, all,
            p => string.Join(' ', [p.Name, p.Description, .. p.Allowed.Select(Category)]),
            new Dictionary<string, Func<CallRestrictionProfileDto, IComparable?>>
            {
                ["name"] = p => p.Name,
                ["description"] = p => p.Description,
                ["allowed"] = p => p.Allowed.Count,
                ["users"] = p => p.UsersCount,
            });
    }

    public string Category(string category) => T["restrictions.category." + category];
}
