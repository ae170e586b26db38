using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Sites;
using Sophia.Parc.Users;
using Sophia.Server.Api;
using Sophia.Server.Console.Shared;
using Sophia.Stock.Inventory;
using Sophia.Stock.Moves;

namespace Sophia.Server.Console.Equipment;

/// <summary>
/// A site's equipment (the guide's "Ressources > Équipements"): its stock, and with "Afficher les équipements attribués"
/// its users' phones too. Selected phones go up to the client's general stock; phones of the general stock come down;
/// a phone in stock is assigned to a user of the site, an assigned one unassigned.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class SiteModel(Levels levels, EquipmentOperations equipment, UserOperations users) : ConsolePage
{
    public const string AssignedOption = "assigned";

    public SiteDto Site { get; private set; } = null!;

    public bool ShowAssigned => ListActions.Checked(Request, AssignedOption);

    public ListView<EquipmentDto> List { get; private set; } = null!;

    /// <summary>The client's general stock, the "stock supérieur" phones come down from.</summary>
    public IReadOnlyList<EquipmentDto> Upper { get; private set; } = [];

    public IReadOnlyList<UserDto> Users { get; private set; } = [];

    /// <summary>The site's phones ticked for a move up.</summary>
    [BindProperty]
    public List<string> Selected { get; set; } = [];

    /// <summary>The general stock's phones ticked to come down to this site.</summary>
    [BindProperty]
    public List<string> Bring { get; set; } = [];

    /// <summary>Each listed phone's version as the page read it, by MAC: a phone moved since is not moved again blindly.</summary>
    [BindProperty]
    public Dictionary<string, long> Versions { get; set; } = [];

    /// <summary>The user picked in a row's select, by MAC.</summary>
    [BindProperty]
    public Dictionary<string, int?> AssignTo { get; set; } = [];

    public async Task OnGetAsync(int siteId) => await LoadAsync(siteId);

    public async Task<IActionResult> OnGetExportAsync(int siteId)
    {
        var rows = await equipment.ExportSiteAsync(Caller, siteId, ShowAssigned ? null : false, Aborted);
        await CsvDownload.WriteAsync(HttpContext, rows, $"site-{siteId}-equipment.csv", Aborted);
        return new EmptyResult();
    }

    public Task<IActionResult> OnPostUpAsync(int siteId) =>
        ActAsync(siteId, null, () => equipment.MoveAllAsync(Caller, Chosen(Selected), new MoveRequest(StockMoves.ToClient, null), Aborted),
            () => T.Format("equipment.moved.up", ("count", Selected.Distinct().Count())));

    public Task<IActionResult> OnPostDownAsync(int siteId) =>
        ActAsync(siteId, null, () => equipment.MoveAllAsync(Caller, Chosen(Bring), new MoveRequest(StockMoves.ToSite, siteId), Aborted),
            () => T.Format("equipment.moved.down", ("count", Bring.Distinct().Count())));

    public Task<IActionResult> OnPostAssignAsync(int siteId, string mac) =>
        ActAsync(siteId, mac, () => equipment.AssignAsync(Caller, mac, new AssignRequest(AssignTo.GetValueOrDefault(mac)), Versions.GetValueOrDefault(mac), Aborted),
            () => T.Format("equipment.assigned", ("mac", mac)));

    public Task<IActionResult> OnPostUnassignAsync(int siteId, string mac) =>
        ActAsync(siteId, mac, () => equipment.UnassignAsync(Caller, mac, Versions.GetValueOrDefault(mac), Aborted),
            () => T.Format("equipment.unassigned", ("mac", mac)));

    /// <summary>The errors of a row's select, shown beside it.</summary>
    public IEnumerable<string> RowErrors(string mac) =>
        ModelState.TryGetValue(AssignField(mac), out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public static string AssignField(string mac) => $"AssignTo[{mac}]";

    private List<EquipmentVersion> Chosen(IEnumerable<string> macs) =>
        macs.Distinct().Select(mac => new EquipmentVersion(mac, Versions.TryGetValue(mac, out var version) ? version : null)).ToList();

    /// <summary>Does <paramref name="action"/>; on success, back to the list with <paramref name="notice"/> shown above it.</summary>
    private async Task<IActionResult> ActAsync(int siteId, string? mac, Func<Task> action, Func<string> notice)
    {
        try
        {
            await action();
            TempData["notice"] = notice();
            return Redirect(ListActions.Back(Request));
        }
        catch (RuleViolationException refusal)
        {
            ListActions.Forget(Request);
            await LoadAsync(siteId);
            Show(refusal, mac is null ? null : new Dictionary<string, string> { ["userId"] = AssignField(mac) });
            return Page();
        }
    }

    private async Task LoadAsync(int siteId)
    {
        var (client, site) = await levels.SiteAsync(this, siteId, "equipment", Aborted);
        Site = site;
        Frame.Title = T.Format("equipment.site.title", ("site", site.Name));
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Add, Links.NewEquipment(client.Id)),
            new ToolButton(ToolKind.Import, Links.ImportEquipment(client.Id)),
            new ToolButton(ToolKind.Export, Links.SiteEquipment(siteId) + "?handler=Export" + (ShowAssigned ? $"&{AssignedOption}=1" : "")),
        ]);
        var all = await Fetch.AllAsync(page => equipment.ListSiteAsync(Caller, siteId, ShowAssigned ? null : false, page, Aborted));
        List = ListView.Of(Request, all, e => $"{e.ModelName} {e.Mac} {e.SerialNumber} {e.Label} {e.UserLogin}", new Dictionary<string, Func<EquipmentDto, IComparable?>>
        {
            ["mac"] = e => e.Mac,
            ["model"] = e => e.ModelName,
            ["serial"] = e => e.SerialNumber,
            ["label"] = e => e.Label,
            ["user"] = e => e.UserLogin,
        });
        Upper = await Fetch.AllAsync(page => equipment.ListClientStockAsync(Caller, client.Id, page, Aborted));
        Users = (await Fetch.AllAsync(page => users.ListAsync(Caller, siteId, page, Aborted)))
            .OrderBy(u => u.LastName, StringComparer.CurrentCultureIgnoreCase).ThenBy(u => u.FirstName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
