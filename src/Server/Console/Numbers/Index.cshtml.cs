using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Numbers;
using Sophia.Model.Rules;
using Sophia.Parc.Numbers;
using Sophia.Parc.Sites;
using Sophia.Server.Api;
using Sophia.Server.Console.Equipment;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Numbers;

/// <summary>
/// A site's numbers (the guide's "Ressources > Numéros internes"): the free ones, and with "Afficher les attribués" those
/// given to a user, an IVR or a hunt group too; who has each, its short numbers and its order date in the site's time.
/// A number is added to the site's stock here, and a free one deleted.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class IndexModel(Levels levels, NumberOperations numbers, TimeProvider clock) : ConsolePage
{
    public const string AssignedOption = "assigned";

    /// <summary>What a date-and-time field of the browser sends, and the guide's way of writing one, for browsers without it.</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy"];

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["number"] = "Input.Number",
    };

    public SiteDto Site { get; private set; } = null!;

    public bool ShowAssigned => ListActions.Checked(Request, AssignedOption);

    /// <summary>Whether the form adding a number is open: asked for by the toolbar's Add, or refused and shown again.</summary>
    public bool Adding { get; private set; }

    public ListView<NumberRow> List { get; private set; } = null!;

    [BindProperty]
    public NumberForm Input { get; set; } = new();

    /// <summary>Each listed number's version as the page read it, by id.</summary>
    [BindProperty]
    public Dictionary<int, long> Versions { get; set; } = [];

    public async Task OnGetAsync(int siteId)
    {
        await LoadAsync(siteId);
        Adding = Request.Query["add"] == "1";
        Input.OrderedAt = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone(Site)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnGetExportAsync(int siteId)
    {
        var rows = await numbers.ExportAsync(Caller, siteId, ShowAssigned ? null : false, Aborted);
        await CsvDownload.WriteAsync(HttpContext, rows, $"site-{siteId}-numbers.csv", Aborted);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostAddAsync(int siteId)
    {
        ListActions.Forget(Request);
        await LoadAsync(siteId);
        Adding = true;
        DateTimeOffset? orderedAt = null;
        if (!string.IsNullOrWhiteSpace(Input.OrderedAt))
        {
            if (!DateTime.TryParseExact(Input.OrderedAt.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                ModelState.AddModelError("Input.OrderedAt", T.Format("numbers.orderedAt.invalid", ("value", Input.OrderedAt)));
                return Page();
            }
            var zone = Zone(Site);
            orderedAt = new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        try
        {
            var added = await numbers.CreateAsync(Caller, siteId, new NumberInput(Input.Number, orderedAt), Aborted);
            TempData["notice"] = T.Format("numbers.added", ("number", added.E164));
            return Redirect(Links.SiteNumbers(siteId) + (ShowAssigned ? $"?{AssignedOption}=1" : ""));
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal, Fields);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int siteId, int numberId)
    {
        try
        {
            await numbers.DeleteAsync(Caller, numberId, Versions.TryGetValue(numberId, out var version) ? version : null, Aborted);
            return Redirect(ListActions.Back(Request));
        }
        catch (RuleViolationException refusal)
        {
            ListActions.Forget(Request);
            await LoadAsync(siteId);
            Show(refusal);
            return Page();
        }
    }

    private async Task LoadAsync(int siteId)
    {
        var (_, site) = await levels.SiteAsync(this, siteId, "numbers", Aborted);
        Site = site;
        Frame.Title = T.Format("numbers.title", ("site", site.Name));
        var keep = ShowAssigned ? $"&{AssignedOption}=1" : "";
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Add, Links.SiteNumbers(siteId) + "?add=1" + keep),
            new ToolButton(ToolKind.Export, Links.SiteNumbers(siteId) + "?handler=Export" + keep),
        ]);
        var assigned = ShowAssigned ? (bool?)null : false;
        var all = await Fetch.AllAsync(page => numbers.ListAsync(Caller, siteId, assigned, page, Aborted));
        // The export names each number's assignee as the guide's list does (login, IVR name, hunt group address).
        var assignees = (await numbers.ExportAsync(Caller, siteId, assigned, Aborted)).ToDictionary(r => r.Number, r => r.Assignee);
        var zone = Zone(site);
        var rows = all.Select(n => new NumberRow(n, assignees.GetValueOrDefault(n.E164), T["numbers.type." + TypeKey(n.Assignee)],
            n.OrderedAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString(T["numbers.dateFormat"], CultureInfo.InvariantCulture) : "")).ToList();
        List = ListView.Of(Request, rows, r => $"{r.Number.E164} {r.Number.National} {r.Type} {r.Assignee} {string.Join(' ', r.Number.ShortNumbers)} {r.OrderedAt}",
            new Dictionary<string, Func<NumberRow, IComparable?>>
            {
                ["number"] = r => r.Number.E164,
                ["type"] = r => r.Type,
                ["assignee"] = r => r.Assignee,
                ["ordered"] = r => r.Number.OrderedAt,
            });
    }

    private static string TypeKey(NumberAssignee assignee) => assignee switch
    {
        NumberAssignee.User => "user",
        NumberAssignee.Ivr => "ivr",
        NumberAssignee.HuntGroup => "huntGroup",
        _ => "none",
    };

    /// <summary>The site's time zone, in which its people read dates; UTC if this machine does not know it.</summary>
    private static TimeZoneInfo Zone(SiteDto site) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(site.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>One line of the list: the number, who has it and its type as the guide words them, its order date as the site reads it.</summary>
public sealed record NumberRow(NumberDto Number, string? Assignee, string Type, string OrderedAt);

/// <summary>A number to add: typed in any notation, ordered at a date and time of the site.</summary>
public sealed class NumberForm
{
    public string? Number { get; set; }
    public string? OrderedAt { get; set; }
}
