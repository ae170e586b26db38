using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Parc.Users;
using Sophia.Server.Api;
using Sophia.Server.Console.Shared;
using Sophia.Stock.Inventory;

namespace Sophia.Server.Console.Users;

/// <summary>
/// A site's users, the site level's first entry (guide, administrator 1): Nom, Prénom, Numéro(s), Équipement(s),
/// Service(s), Identifiant; a click on a name opens the user's record; the whole list exports as CSV.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class IndexModel(Levels levels, UserOperations users, EquipmentOperations equipment) : ConsolePage
{
    /// <summary>Where the import says, for the list it lands on, how many users it created.</summary>
    public const string ImportedKey = "users.imported";

    public ListView<UserRow> List { get; private set; } = null!;

    /// <summary>How many users the import that led here created, if one did.</summary>
    public int? Imported { get; private set; }

    public async Task OnGetAsync(int siteId)
    {
        var (_, site) = await levels.SiteAsync(this, siteId, "users", Aborted);
        Imported = TempData[ImportedKey] as int?;
        Frame.Title = T.Format("users.list.title", ("site", site.Name));
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Add, Links.NewUser(siteId)),
            new ToolButton(ToolKind.Import, Links.ImportUsers(siteId)),
            new ToolButton(ToolKind.Export, ExportUrl(siteId)),
        ]);
        var all = await Fetch.AllAsync(page => users.ListAsync(Caller, siteId, page, Aborted));
        // A user's phones are in their site's stock: the site's assigned phones are all the list needs.
        var phones = (await Fetch.AllAsync(page => equipment.ListSiteAsync(Caller, siteId, assigned: true, page, Aborted)))
            .Where(e => e.UserId is not null).ToLookup(e => e.UserId!.Value, e => e.ModelName);
        var rows = all.Select(u => new UserRow(u, phones[u.Id].ToList(), string.Join(", ", u.Services.Select(s => T[UserWords.Service(s)])))).ToList();
        List = ListView.Of(Request, rows, r => r.Text, new Dictionary<string, Func<UserRow, IComparable?>>
        {
            ["name"] = r => UserWords.NameOrder(r.User),
            ["firstName"] = r => r.User.FirstName ?? "",
            ["numbers"] = r => r.User.Numbers.Select(n => n.E164).FirstOrDefault() ?? "",
            ["equipment"] = r => string.Join(" ", r.Equipment),
            ["services"] = r => r.Services,
            ["login"] = r => r.User.Login,
        });
    }

    /// <summary>The CSV export of the site's users, the same file as the API's <c>?format=csv</c>.</summary>
    public async Task<IActionResult> OnGetExportAsync(int siteId)
    {
        await CsvDownload.WriteAsync(HttpContext, await users.ExportAsync(Caller, siteId, Aborted), $"site-{siteId}-users.csv", Aborted);
        return new EmptyResult();
    }

    public static string ExportUrl(int siteId) => Links.SiteUsers(siteId) + "?handler=Export";
}

/// <summary>A line of the list: the user, the model names of their phones, their services in the page's language.</summary>
public sealed record UserRow(UserDto User, IReadOnlyList<string> Equipment, string Services)
{
    /// <summary>What the filter field looks in: every cell of the line.</summary>
    public string Text => string.Join(' ', [User.LastName, User.FirstName, .. User.Numbers.Select(n => n.E164),
        .. User.Numbers.SelectMany(n => n.ShortNumbers), .. Equipment, Services, User.Login]);
}
