using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.CallRestrictions;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Restrictions;

/// <summary>
/// A call-restriction profile's record, or a new one (the same form at <see cref="Links.NewRestriction"/>): its name,
/// description and the categories of calls it allows; deleting one still given to users is refused, saying how many.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class EditModel(Levels levels, CallRestrictionProfileOperations profiles) : ConsolePage
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["name"] = "Input.Name",
        ["description"] = "Input.Description",
        ["allowed"] = "Input.Allowed",
    };

    [BindProperty]
    public RestrictionForm Input { get; set; } = new();

    [BindProperty]
    public long? Version { get; set; }

    /// <summary>The saved profile (null for a new one): its users count shows beside the form.</summary>
    public CallRestrictionProfileDto? Saved { get; private set; }

    /// <summary>The saved profile when a save came too late: someone changed it since this form was read.</summary>
    public CallRestrictionProfileDto? Theirs { get; private set; }

    public static IReadOnlyList<string> Categories => CallRestrictionProfileOperations.CategoryNames;

    public async Task<IActionResult> OnGetAsync(int? profileId, int? clientId)
    {
        if (profileId is { } id)
        {
            var profile = await FrameAsync(id);
            Input = RestrictionForm.From(profile);
            Version = profile.Version;
        }
        else
        {
            await NewFrameAsync(clientId!.Value);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? profileId, int? clientId)
    {
        try
        {
            var saved = profileId is { } id
                ? await profiles.UpdateAsync(Caller, id, Input.ToInput(), Version, Aborted)
                : await profiles.CreateAsync(Caller, clientId!.Value, Input.ToInput(), Aborted);
            return Redirect(Links.Restrictions(saved.ClientId));
        }
        catch (RuleViolationException refusal)
        {
            await RefusedAsync(profileId, clientId, refusal);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int profileId)
    {
        try
        {
            var profile = await profiles.GetAsync(Caller, profileId, Aborted);
            await profiles.DeleteAsync(Caller, profileId, Version, Aborted);
            return Redirect(Links.Restrictions(profile.ClientId));
        }
        catch (RuleViolationException refusal)
        {
            await RefusedAsync(profileId, null, refusal);
            return Page();
        }
    }

    public string Category(string category) => T["restrictions.category." + category];

    private async Task RefusedAsync(int? profileId, int? clientId, RuleViolationException refusal)
    {
        if (profileId is { } id)
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
        // An unknown category names its entry (allowed[2]); the form has one group of boxes for them all.
        foreach (var error in refusal.Errors.Where(e => e.Field.StartsWith("allowed[", StringComparison.Ordinal)))
        {
            PageErrors.Remove(T.Error(error));
            ModelState.AddModelError("Input.Allowed", T.Error(error));
        }
    }

    private async Task<CallRestrictionProfileDto> FrameAsync(int profileId)
    {
        var profile = await profiles.GetAsync(Caller, profileId, Aborted);
        Saved = profile;
        await levels.ClientAsync(this, profile.ClientId, "restrictions", Aborted);
        Frame.Title = T.Format("restrictions.edit.title", ("name", profile.Name));
        var all = await Fetch.AllAsync(page => profiles.ListAsync(Caller, profile.ClientId, page, Aborted));
        Frame.Toolbar.AddRange(Contacts.RecordNavigation.Around(all.Select(p => p.Id).ToList(), profileId, Links.Restriction));
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Save, Form: "record"),
            new ToolButton(ToolKind.Reset, Links.Restriction(profileId)),
            new ToolButton(ToolKind.Delete, Form: "record", Handler: "Delete", Confirm: T["edit.confirmDelete"]),
            new ToolButton(ToolKind.Cancel, Links.Restrictions(profile.ClientId)),
        ]);
        return profile;
    }

    private async Task NewFrameAsync(int clientId)
    {
        await levels.ClientAsync(this, clientId, "restrictions", Aborted);
        Frame.Title = T["restrictions.new.title"];
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Save, Form: "record"),
            new ToolButton(ToolKind.Cancel, Links.Restrictions(clientId)),
        ]);
    }
}

/// <summary>The profile's fields as the form edits them: the allowed categories as checked boxes (none checked: none allowed).</summary>
public sealed class RestrictionForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string> Allowed { get; set; } = [];

    public static RestrictionForm From(CallRestrictionProfileDto p) => new() { Name = p.Name, Description = p.Description, Allowed = [.. p.Allowed] };

    public CallRestrictionProfileInput ToInput() => new(Name ?? "", Description ?? "", Allowed);
}
