using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Server.Console.Shared;
using Sophia.Stock.Inventory;

namespace Sophia.Server.Console.Equipment;

/// <summary>New equipment, typed in by hand: it lands in the client's general stock, from where it goes down to a site.</summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class NewModel(Levels levels, EquipmentOperations equipment) : ConsolePage
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["mac"] = "Input.Mac",
        ["model"] = "Input.Model",
    };

    [BindProperty]
    public EquipmentForm Input { get; set; } = new();

    public async Task OnGetAsync(int clientId) => await FrameAsync(clientId);

    public async Task<IActionResult> OnPostAsync(int clientId)
    {
        try
        {
            var created = await equipment.CreateAsync(Caller, clientId, Input.ToNew(), Aborted);
            TempData["notice"] = T.Format("equipment.created", ("mac", created.Mac));
            return Redirect(Links.ClientStock(clientId));
        }
        catch (RuleViolationException refusal)
        {
            await FrameAsync(clientId);
            Show(refusal, Fields);
            return Page();
        }
    }

    private async Task FrameAsync(int clientId)
    {
        await levels.ClientAsync(this, clientId, "stock", Aborted);
        Frame.Title = T["equipment.new.title"];
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Up, Links.ClientStock(clientId)),
            new ToolButton(ToolKind.Save, Form: "record"),
            new ToolButton(ToolKind.Cancel, Links.ClientStock(clientId)),
        ]);
    }
}
