using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Audit;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Parc.Audit;
using Sophia.Server.Api;
using Sophia.Server.Console.Helpdesk;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Audit;

/// <summary>
/// The change log ("Journal des modifications"): who changed what, when, from where, each property before and after.
/// The helpdesk's reaches every client (<c>/audit</c>); a client's (<c>/clients/{id}/audit</c>) is what its admin sees.
/// Dates are days of the operator's time zone, both included.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class IndexModel(Levels levels, AuditOperations audit) : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? ObjectType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ObjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Login { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public int? ClientId { get; private set; }

    public Paged<AuditEntryDto>? Entries { get; private set; }

    public TimeZoneInfo Zone { get; } = HelpdeskFrame.Zone(null);

    public static IReadOnlyList<string> ObjectTypes => AuditTrail.ObjectTypes;

    public async Task<IActionResult> OnGetAsync(int? clientId, [FromQuery(Name = "page")] int? pageNumber)
    {
        if (await FrameAsync(clientId) is { } elsewhere)
        {
            return elsewhere;
        }
        Frame.Toolbar.Add(new ToolButton(ToolKind.Export, Address("Export")));
        try
        {
            Entries = await audit.ListAsync(Caller, Filter(), new PageRequest(pageNumber, PageSize), Aborted);
        }
        catch (RuleViolationException refusal) when (refusal.Kind == RuleViolationKind.Invalid)
        {
            Show(refusal);
        }
        return Page();
    }

    /// <summary>The same entries as the list, every page, as the API's <c>?format=csv</c> writes them.</summary>
    public async Task<IActionResult> OnGetExportAsync(int? clientId)
    {
        ClientId = clientId;
        await CsvDownload.WriteAsync(HttpContext, await audit.ExportAsync(Caller, Filter(), Aborted),
            clientId is { } id ? $"client-{id}-audit.csv" : "audit.csv", Aborted);
        return new EmptyResult();
    }

    /// <summary>This page's address with the current filter, the page number or the export handler.</summary>
    public string Address(string? handler = null, int? page = null)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("objectType", ObjectType);
        Add("objectId", ObjectId);
        Add("login", Login);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("handler", handler);
        Add("page", page?.ToString(CultureInfo.InvariantCulture));
        var path = ClientId is { } id ? Links.ClientAudit(id) : Links.Audit;
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    public string TypeName(string type) => T["audit.type." + type];

    public string Action(AuditAction action) => T["audit.action." + action.ToString().ToLowerInvariant()];

    public string When(DateTimeOffset at) => HelpdeskFrame.Time(at, Zone);

    public int Pages => Entries is null ? 0 : (Entries.Total + PageSize - 1) / PageSize;

    private async Task<IActionResult?> FrameAsync(int? clientId)
    {
        if (clientId is { } id)
        {
            ClientId = id;
            var client = await levels.ClientAsync(this, id, "audit", Aborted);
            Frame.Title = T.Format("audit.clientTitle", ("client", client.Name));
            return null;
        }
        if (!Caller.IsHelpdesk)
        {
            // A client admin's change log is their client's.
            return Caller.ClientId is { } own ? Redirect(Links.ClientAudit(own)) : Forbid();
        }
        HelpdeskFrame.Top(this, "audit", T["audit.title"]);
        return null;
    }

    private AuditFilter Filter() => new(ObjectType, ObjectId, Login, Start(From), Start(To?.AddDays(1)), ClientId);

    private DateTimeOffset? Start(DateOnly? day)
    {
        if (day is not { } date)
        {
            return null;
        }
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }
}
