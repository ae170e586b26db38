using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.CallRestrictions;
using Sophia.Parc.Numbers;
using Sophia.Parc.Sites;
using Sophia.Parc.Users;
using Sophia.Server.Console.Localization;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Users;

/// <summary>
/// A user's record as the guide's chapter 2 shows it, one tab at a time: Informations générales (with the
/// identification), Services, Téléphonie fixe (numbers and short numbers, security, advanced), Statut; or a new user of
/// a site. Each tab saves its own fields with the version it was read at: a save over someone else's newer change shows
/// theirs beside what was typed and overwrites nothing.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class EditModel(
    Levels levels, UserOperations users, SiteOperations sites, NumberOperations numbers, CallRestrictionProfileOperations profiles) : ConsolePage
{
    [BindProperty]
    public UserForm Input { get; set; } = new();

    [BindProperty]
    public long? Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    /// <summary>The record as saved now; null for a new user.</summary>
    public UserDto? Saved { get; private set; }

    /// <summary>The saved record when a save came too late: someone changed it since this form was read.</summary>
    public UserDto? Theirs { get; private set; }

    /// <summary>The tabs this user has: Téléphonie fixe only with that service, as the guide says.</summary>
    public IReadOnlyList<string> Tabs { get; private set; } = [UserTabs.General];

    /// <summary>The client's call-restriction profiles, by name.</summary>
    public IReadOnlyList<string> Profiles { get; private set; } = [];

    /// <summary>The site's free numbers, to assign.</summary>
    public IReadOnlyList<NumberDto> FreeNumbers { get; private set; } = [];

    public IReadOnlyList<UserEquipmentDto> Phones { get; private set; } = [];

    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The SIP password just renewed: shown on the page that answers the button, and never again.</summary>
    public string? RenewedSipPassword { get; private set; }

    public bool IsNew => Saved is null;

    /// <summary>The site of the user, or of the new user.</summary>
    public int SiteId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? userId, int? siteId)
    {
        if (userId is { } id)
        {
            await LoadAsync(id);
            Input = UserForm.From(Saved!);
            Version = Saved!.Version;
        }
        else
        {
            await NewFrameAsync(siteId!.Value);
            // As the operation makes one: an individual account (only its own self-care) with fixed telephony.
            Input = new UserForm { Language = "fr", AccountType = AccountType.Individual, Services = [UserServices.FixedTelephony] };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? userId, int? siteId)
    {
        if (userId is not { } id)
        {
            try
            {
                var created = await users.CreateAsync(Caller, siteId!.Value, Input.ToNewInput(), Aborted);
                return Redirect(Links.User(created.Id));
            }
            catch (RuleViolationException refusal)
            {
                await NewFrameAsync(siteId!.Value);
                Show(refusal, UserForm.Fields);
                return Page();
            }
        }
        var tab = UserTabs.All.Contains(Tab) ? Tab! : UserTabs.General;
        try
        {
            var before = await users.GetAsync(Caller, id, Aborted);
            await users.UpdateAsync(Caller, id, Input.ToInput(tab, before), Version, Aborted);
            return Redirect(Links.User(id, tab));
        }
        catch (RuleViolationException refusal)
        {
            await LoadAsync(id);
            if (refusal.Kind == RuleViolationKind.Stale)
            {
                Theirs = Saved;
                // Saving again now is a choice made seeing their version: it overwrites it knowingly.
                Version = Saved!.Version;
                ModelState.Remove(nameof(Version));
                // The conflict panel says it, with both versions.
                return Page();
            }
            Show(refusal, UserForm.Fields);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int userId)
    {
        try
        {
            var user = await users.GetAsync(Caller, userId, Aborted);
            await users.DeleteAsync(Caller, userId, Version, Aborted);
            return Redirect(Links.SiteUsers(user.SiteId));
        }
        catch (RuleViolationException refusal)
        {
            return await AgainAsync(userId, refusal, UserTabs.General);
        }
    }

    /// <summary>Renews the line's SIP password and shows it on this answer only, which no cache may keep.</summary>
    public async Task<IActionResult> OnPostRenewSipPasswordAsync(int userId)
    {
        Response.Headers.CacheControl = "no-store";
        try
        {
            var renewed = await users.RenewSipPasswordAsync(Caller, userId, Aborted);
            Tab = UserTabs.Fixed;
            await LoadAsync(userId);
            Input = UserForm.From(Saved!);
            Version = Saved!.Version;
            ModelState.Clear();
            RenewedSipPassword = renewed.SipPassword;
            return Page();
        }
        catch (RuleViolationException refusal)
        {
            return await AgainAsync(userId, refusal);
        }
    }

    public async Task<IActionResult> OnPostAssignNumberAsync(int userId, int? numberId)
    {
        try
        {
            if (numberId is not { } id)
            {
                throw new RuleViolationException(CommonErrors.Required("number"));
            }
            await numbers.AssignAsync(Caller, id, new NumberAssignRequest(userId), null, Aborted);
            return Redirect(Links.User(userId, UserTabs.Fixed));
        }
        catch (RuleViolationException refusal)
        {
            return await AgainAsync(userId, refusal);
        }
    }

    public async Task<IActionResult> OnPostUnassignNumberAsync(int userId, int numberId)
    {
        try
        {
            await numbers.UnassignAsync(Caller, numberId, null, Aborted);
            return Redirect(Links.User(userId, UserTabs.Fixed));
        }
        catch (RuleViolationException refusal)
        {
            return await AgainAsync(userId, refusal);
        }
    }

    /// <summary>The record again as saved, with the refusal above it.</summary>
    private async Task<IActionResult> AgainAsync(int userId, RuleViolationException refusal, string tab = UserTabs.Fixed)
    {
        Tab = tab;
        // A user who no longer exists fails here as any page of theirs does (404).
        await LoadAsync(userId);
        Input = UserForm.From(Saved!);
        Version = Saved!.Version;
        ModelState.Clear();
        Show(refusal);
        return Page();
    }

    /// <summary>The frame (breadcrumb, menu, toolbar with the site's first / previous / next / last users) and the tab's data.</summary>
    private async Task LoadAsync(int userId)
    {
        var user = await levels.UserAsync(this, userId, "general", Aborted);
        Saved = user;
        SiteId = user.SiteId;
        Tabs = user.Services.Contains(UserServices.FixedTelephony) ? UserTabs.All : [UserTabs.General, UserTabs.Services, UserTabs.Status];
        Tab = Tabs.Contains(Tab) ? Tab : UserTabs.General;
        Frame.Title = Levels.DisplayName(user);

        var siteUsers = (await Fetch.AllAsync(page => users.ListAsync(Caller, user.SiteId, page, Aborted))).OrderBy(UserWords.NameOrder).ToList();
        var at = siteUsers.FindIndex(u => u.Id == user.Id);
        if (at > 0)
        {
            Frame.Toolbar.Add(new ToolButton(ToolKind.First, Links.User(siteUsers[0].Id, Tab)));
            Frame.Toolbar.Add(new ToolButton(ToolKind.Previous, Links.User(siteUsers[at - 1].Id, Tab)));
        }
        if (at >= 0 && at < siteUsers.Count - 1)
        {
            Frame.Toolbar.Add(new ToolButton(ToolKind.Next, Links.User(siteUsers[at + 1].Id, Tab)));
            Frame.Toolbar.Add(new ToolButton(ToolKind.Last, Links.User(siteUsers[^1].Id, Tab)));
        }
        if (Tab != UserTabs.Status)
        {
            Frame.Toolbar.Add(new ToolButton(ToolKind.Save, Form: "record"));
            Frame.Toolbar.Add(new ToolButton(ToolKind.Reset, Links.User(userId, Tab)));
        }
        Frame.Toolbar.Add(new ToolButton(ToolKind.Delete, Form: "record", Handler: "Delete", Confirm: T["users.confirmDelete"]));
        Frame.Toolbar.Add(new ToolButton(ToolKind.Cancel, Links.SiteUsers(user.SiteId)));

        switch (Tab)
        {
            case UserTabs.Fixed:
                Profiles = (await Fetch.AllAsync(page => profiles.ListAsync(Caller, user.ClientId, page, Aborted))).Select(p => p.Name).ToList();
                FreeNumbers = await Fetch.AllAsync(page => numbers.ListAsync(Caller, user.SiteId, assigned: false, page, Aborted));
                break;
            case UserTabs.Status:
                Phones = await users.ListEquipmentAsync(Caller, userId, Aborted);
                var site = await sites.GetAsync(Caller, user.SiteId, Aborted);
                TimeZone = site.TimeZone is { } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
                break;
        }
    }

    private async Task NewFrameAsync(int siteId)
    {
        await levels.SiteAsync(this, siteId, "users", Aborted);
        SiteId = siteId;
        Frame.Title = T["users.new.title"];
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Save, Form: "record"),
            new ToolButton(ToolKind.Cancel, Links.SiteUsers(siteId)),
        ]);
    }

    /// <summary>The conflict panel's lines: each field of the tab saved, as someone else saved it and as typed here.</summary>
    public IReadOnlyList<ConflictRow> ConflictRows()
    {
        var theirs = Theirs!;
        var yours = Input;
        var rows = Tab switch
        {
            UserTabs.Services => new List<(string, string?, string?)>
            {
                ("users.tab.services", Services(theirs.Services), Services(yours.Services)),
            },
            UserTabs.Fixed =>
            [
                ("users.callRestrictionProfile", Profile(theirs.CallRestrictionProfile), Profile(yours.CallRestrictionProfile)),
                ("users.outgoingPin.enable", YesNo(theirs.HasOutgoingPin), YesNo(yours.OutgoingPinEnabled)),
                ("users.presentedNumber", Presented(theirs.PresentedNumber),
                    Presented(yours.PresentedChoice == UserForm.FreeNumber ? yours.PresentedFree : yours.PresentedChoice)),
            ],
            _ =>
            [
                ("users.civility", Civility(theirs.Civility), Civility(yours.Civility)),
                ("users.lastName", theirs.LastName, yours.LastName),
                ("users.firstName", theirs.FirstName, yours.FirstName),
                ("users.function", theirs.Function, yours.Function),
                ("users.email", theirs.Email, yours.Email),
                ("users.language", Language(theirs.Language), Language(yours.Language)),
                ("users.mobile", theirs.Mobile, yours.Mobile),
                ("users.description", theirs.Description, yours.Description),
                ("users.accountType", T[UserWords.AccountType(theirs.AccountType)], yours.AccountType is { } type ? T[UserWords.AccountType(type)] : null),
            ],
        };
        return rows.Select(r => new ConflictRow(T[r.Item1], r.Item2 ?? "", r.Item3 ?? "")).ToList();

        string Services(IEnumerable<UserServices> services) => string.Join(", ", services.Order().Select(s => T[UserWords.Service(s)]));
        string Profile(string? name) => string.IsNullOrEmpty(name) ? T["users.callRestrictionProfile.none"] : name;
        string YesNo(bool yes) => yes ? T["users.yes"] : T["users.no"];
        string Presented(string? number) => string.IsNullOrEmpty(number) ? T["users.presentedNumber.default"] : number;
        string? Civility(string? civility) => UserWords.Civility(civility ?? "") is { Length: > 0 } key ? T[key] : civility;
        string? Language(string? language) => language is null ? null : ConsoleTexts.Languages.Contains(language) ? T["frame.language." + language] : language;
    }

    /// <summary>A time the page shows, in the site's time zone.</summary>
    public string When(DateTimeOffset? time) =>
        time is { } t ? TimeZoneInfo.ConvertTime(t, TimeZone).ToString("g", System.Globalization.CultureInfo.CurrentCulture) : "—";
}

/// <summary>One field in the conflict panel: their saved value beside the one typed here.</summary>
public sealed record ConflictRow(string Label, string Theirs, string Yours)
{
    public bool Differs => !string.Equals(Theirs.Trim(), Yours.Trim(), StringComparison.Ordinal);
}
