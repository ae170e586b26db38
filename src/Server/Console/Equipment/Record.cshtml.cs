using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Server.Console.Shared;
using Sophia.Stock.Inventory;

namespace Sophia.Server.Console.Equipment;

/// <summary>
/// A phone's record in the stock: its model, serial and label, where it is, and a way to its diagnosis. The record pattern:
/// the version it was read at rides with the form, a late save shows the other version beside the typed one, and a phone
/// still assigned is not deleted (the operation says why).
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class RecordModel(Levels levels, EquipmentOperations equipment) : ConsolePage
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["model"] = "Input.Model",
    };

    [BindProperty]
    public EquipmentForm Input { get; set; } = new();

    [BindProperty]
    public long? Version { get; set; }

    public EquipmentDto Phone { get; private set; } = null!;

    /// <summary>The site the phone is in, if any.</summary>
    public string? SiteName { get; private set; }

    /// <summary>The list the phone shows in, where Cancel and Up lead.</summary>
    public string ListUrl { get; private set; } = "";

    /// <summary>The saved record when a save came too late.</summary>
    public EquipmentDto? Theirs { get; private set; }

    public async Task OnGetAsync(string mac)
    {
        await LoadAsync(mac);
        Input = EquipmentForm.From(Phone);
        Version = Phone.Version;
    }

    public async Task<IActionResult> OnPostAsync(string mac)
    {
        try
        {
            var saved = await equipment.UpdateAsync(Caller, mac, Input.ToChange(), Version, Aborted);
            TempData["notice"] = T["edit.saved"];
            return Redirect(Links.Equipment(saved.Mac));
        }
        catch (RuleViolationException refusal)
        {
            await LoadAsync(mac);
            Input.Mac = Phone.Mac;
            if (refusal.Kind == RuleViolationKind.Stale)
            {
                Theirs = Phone;
                // Saving again now is a choice made seeing their version: it overwrites it knowingly.
                Version = Phone.Version;
                ModelState.Remove(nameof(Version));
            }
            Show(refusal, Fields);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(string mac)
    {
        await LoadAsync(mac);
        try
        {
            await equipment.DeleteAsync(Caller, mac, Version, Aborted);
            TempData["notice"] = T.Format("equipment.deleted", ("mac", Phone.Mac));
            return Redirect(ListUrl);
        }
        catch (RuleViolationException refusal)
        {
            Input.Mac = Phone.Mac;
            if (refusal.Kind == RuleViolationKind.Stale)
            {
                Theirs = Phone;
                Version = Phone.Version;
                ModelState.Remove(nameof(Version));
            }
            Show(refusal, Fields);
            return Page();
        }
    }

    private async Task LoadAsync(string mac)
    {
        Phone = await equipment.GetAsync(Caller, mac, Aborted);
        if (Phone.SiteId is { } siteId)
        {
            var (_, site) = await levels.SiteAsync(this, siteId, "equipment", Aborted);
            SiteName = site.Name;
            ListUrl = Links.SiteEquipment(siteId) + (Phone.UserId is null ? "" : $"?{SiteModel.AssignedOption}=1");
            // The site level's Up leads to the client's sites; from a phone, up is its list.
            Frame.Toolbar.Clear();
        }
        else
        {
            await levels.ClientAsync(this, Phone.ClientId, "stock", Aborted);
            ListUrl = Links.ClientStock(Phone.ClientId);
        }
        Frame.Breadcrumb.Add(new Crumb(Phone.Mac, Links.Equipment(Phone.Mac)));
        Frame.Title = T.Format("equipment.record.title", ("model", Phone.ModelName), ("mac", Phone.Mac));
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Up, ListUrl),
            new ToolButton(ToolKind.Save, Form: "record"),
            new ToolButton(ToolKind.Reset, Links.Equipment(Phone.Mac)),
            new ToolButton(ToolKind.Delete, Form: "record", Handler: "Delete", Confirm: T["edit.confirmDelete"]),
            new ToolButton(ToolKind.Cancel, ListUrl),
        ]);
    }
}
