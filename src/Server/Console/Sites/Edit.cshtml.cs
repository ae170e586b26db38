using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Sites;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Sites;

/// <summary>
/// A site's record, or a new one. The pattern of every record page: the form carries the version it was read at; a save
/// over someone else's newer change shows theirs beside what was typed and overwrites nothing; "Réinitialiser" reloads
/// the last saved values.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class EditModel(Levels levels, SiteOperations sites) : ConsolePage
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["name"] = "Input.Name",
        ["timeZone"] = "Input.TimeZone",
    };

    [BindProperty]
    public SiteForm Input { get; set; } = new();

    [BindProperty]
    public long? Version { get; set; }

    /// <summary>The saved record when a save came too late: someone changed it since this form was read.</summary>
    public SiteDto? Theirs { get; private set; }

    public IEnumerable<string> TimeZones => TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order();

    public async Task<IActionResult> OnGetAsync(int? siteId, int? clientId)
    {
        if (siteId is { } id)
        {
            var site = await FrameAsync(id);
            Input = SiteForm.From(site);
            Version = site.Version;
        }
        else
        {
            await NewFrameAsync(clientId!.Value);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? siteId, int? clientId)
    {
        try
        {
            var saved = siteId is { } id
                ? await sites.UpdateAsync(Caller, id, Input.ToInput(), Version, Aborted)
                : await sites.CreateAsync(Caller, clientId!.Value, Input.ToInput(), Aborted);
            return Redirect(Links.SiteUsers(saved.Id));
        }
        catch (RuleViolationException refusal)
        {
            if (siteId is { } id)
            {
                var current = await FrameAsync(id);
                if (refusal.Kind == RuleViolationKind.Stale)
                {
                    Theirs = current;
                    // Saving again now is a choice made seeing their version: it overwrites it knowingly.
                    Version = current.Version;
                    ModelState.Remove(nameof(Version));
                }
            }
            else
            {
                await NewFrameAsync(clientId!.Value);
            }
            Show(refusal, Fields);
            ShowNetworkErrors(refusal);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int siteId)
    {
        try
        {
            var site = await sites.GetAsync(Caller, siteId, Aborted);
            await sites.DeleteAsync(Caller, siteId, Version, Aborted);
            return Redirect(Links.ClientSites(site.ClientId));
        }
        catch (RuleViolationException refusal)
        {
            var current = await FrameAsync(siteId);
            Input = SiteForm.From(current);
            Version = current.Version;
            Show(refusal);
            return Page();
        }
    }

    private async Task<SiteDto> FrameAsync(int siteId)
    {
        var (client, site) = await levels.SiteAsync(this, siteId, "edit", Aborted);
        Frame.Title = T.Format("sites.edit.title", ("site", site.Name));
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Save, Form: "record"),
            new ToolButton(ToolKind.Reset, Links.EditSite(siteId)),
            new ToolButton(ToolKind.Delete, Form: "record", Handler: "Delete", Confirm: T["edit.confirmDelete"]),
            new ToolButton(ToolKind.Cancel, Links.ClientSites(client.Id)),
        ]);
        return site;
    }

    private async Task NewFrameAsync(int clientId)
    {
        await levels.ClientAsync(this, clientId, "sites", Aborted);
        Frame.Title = T["sites.new.title"];
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Save, Form: "record"),
            new ToolButton(ToolKind.Cancel, Links.ClientSites(clientId)),
        ]);
    }

    // Network errors name an entry (tftpAllowedNetworks[2]); the form has one text area for them all.
    private void ShowNetworkErrors(RuleViolationException refusal)
    {
        foreach (var error in refusal.Errors.Where(e => e.Field.StartsWith("tftpAllowedNetworks", StringComparison.Ordinal)))
        {
            PageErrors.Remove(T.Error(error));
            ModelState.AddModelError("Input.TftpNetworks", T.Error(error));
        }
    }
}

/// <summary>The site's fields as the form edits them: the networks one per line.</summary>
public sealed class SiteForm
{
    public string? Name { get; set; }
    public string? TimeZone { get; set; }
    public string? TftpNetworks { get; set; }

    public static SiteForm From(SiteDto site) => new() { Name = site.Name, TimeZone = site.TimeZone, TftpNetworks = string.Join('\n', site.TftpAllowedNetworks) };

    public SiteInput ToInput() => new(Name ?? "", string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim(),
        (TftpNetworks ?? "").Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
