using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Clients;
using Sophia.Server.Api;
using Sophia.Server.Console.Shared;
using Sophia.Stock.Inventory;
using Sophia.Stock.Moves;

namespace Sophia.Server.Console.Equipment;

/// <summary>
/// The client's "Stock général": the stock drawn as counts (per site in stock and assigned, and the general stock) above
/// the general stock's phones, which go down to a chosen site from here.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class StockModel(Levels levels, EquipmentOperations equipment) : ConsolePage
{
    public ClientDto Client { get; private set; } = null!;

    public StockCountsDto Counts { get; private set; } = null!;

    public ListView<EquipmentDto> List { get; private set; } = null!;

    [BindProperty]
    public List<string> Selected { get; set; } = [];

    [BindProperty]
    public Dictionary<string, long> Versions { get; set; } = [];

    /// <summary>The site the ticked phones go down to.</summary>
    [BindProperty]
    public int? SiteId { get; set; }

    public async Task OnGetAsync(int clientId) => await LoadAsync(clientId);

    public async Task<IActionResult> OnGetExportAsync(int clientId)
    {
        var rows = await equipment.ExportClientStockAsync(Caller, clientId, Aborted);
        await CsvDownload.WriteAsync(HttpContext, rows, $"client-{clientId}-stock.csv", Aborted);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostDownAsync(int clientId)
    {
        try
        {
            var chosen = Selected.Distinct().Select(mac => new EquipmentVersion(mac, Versions.TryGetValue(mac, out var v) ? v : null)).ToList();
            await equipment.MoveAllAsync(Caller, chosen, new MoveRequest(StockMoves.ToSite, SiteId), Aborted);
            return Redirect(ListActions.Back(Request));
        }
        catch (RuleViolationException refusal)
        {
            ListActions.Forget(Request);
            await LoadAsync(clientId);
            Show(refusal, new Dictionary<string, string> { ["siteId"] = nameof(SiteId) });
            return Page();
        }
    }

    private async Task LoadAsync(int clientId)
    {
        Client = await levels.ClientAsync(this, clientId, "stock", Aborted);
        Frame.Title = T.Format("equipment.stock.title", ("client", Client.Name));
        if (Caller.IsHelpdesk)
        {
            Frame.Toolbar.Add(new ToolButton(ToolKind.Up, Links.Clients));
        }
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Add, Links.NewEquipment(clientId)),
            new ToolButton(ToolKind.Import, Links.ImportEquipment(clientId)),
            new ToolButton(ToolKind.Export, Links.ClientStock(clientId) + "?handler=Export"),
        ]);
        Counts = await equipment.CountAsync(Caller, clientId, Aborted);
        var all = await Fetch.AllAsync(page => equipment.ListClientStockAsync(Caller, clientId, page, Aborted));
        List = ListView.Of(Request, all, e => $"{e.ModelName} {e.Mac} {e.SerialNumber} {e.Label}", new Dictionary<string, Func<EquipmentDto, IComparable?>>
        {
            ["mac"] = e => e.Mac,
            ["model"] = e => e.ModelName,
            ["serial"] = e => e.SerialNumber,
            ["label"] = e => e.Label,
        });
    }
}
