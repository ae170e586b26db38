using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Sites;
using Sophia.Provisioning.Diagnostics;
using Sophia.Provisioning.Http;
using Sophia.Provisioning.Uploads;
using Sophia.Registration.Diagnostics;
using Sophia.Registration.Resync;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Helpdesk;

/// <summary>
/// "Why does this phone not work": one phone's registration (drawn over time), its last fetches and their errors, what
/// it has not fetched yet, the configuration it would get, its supervisions; Check and Resync with their outcome. For
/// the helpdesk and the admins of the phone's client: the operations say who sees which phone.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class DeviceDiagnosisModel(
    Levels levels, SiteOperations sites, PhoneStatusOperations phones, PhoneConfigOperations configs, ResyncOperations resyncs,
    PhoneUploadOperations uploads, TimeProvider time)
    : ConsolePage
{
    private const int RecentFetches = 10;

    public EquipmentStatusDto Status { get; private set; } = null!;
    public IReadOnlyList<DeviceFileDto> Files { get; private set; } = [];
    public IReadOnlyList<FetchDto> Fetches { get; private set; } = [];
    public int FetchTotal { get; private set; }
    public IReadOnlyList<FilePreview> Previews { get; private set; } = [];

    /// <summary>What the phone sent back: its local settings against Sophia's, and its latest logs.</summary>
    public PhoneUploadsDto Uploads { get; private set; } = null!;
    public RegistrationTimeline Timeline { get; private set; } = null!;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>What the last button pressed (Vérifier, Resynchroniser) came to.</summary>
    public ActionOutcome? Outcome { get; private set; }

    /// <summary>The file whose secrets the helpdesk asked to see.</summary>
    public string? Revealed { get; private set; }

    /// <summary>The preview shown open: the one revealed, else the first with changes pending, else the phone's own file.</summary>
    public string? OpenFile =>
        Revealed
        ?? Files.FirstOrDefault(f => f.PendingChanges)?.File
        ?? Files.FirstOrDefault(f => f.File.Contains(new string(Status.Mac.Where(char.IsAsciiHexDigit).ToArray()), StringComparison.OrdinalIgnoreCase))?.File
        ?? (Files.Count > 0 ? Files[0].File : null);

    public async Task<IActionResult> OnGetAsync(string mac)
    {
        await LoadAsync(mac);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(string mac)
    {
        try
        {
            var registration = await phones.CheckAsync(Caller, mac, Aborted);
            Outcome = new ActionOutcome(true, T.Format("helpdesk.check.done", ("state", HelpdeskFrame.State(T, registration.State))), registration.Reason);
        }
        catch (RuleViolationException refusal) when (Shown(refusal))
        {
            Outcome = Refused(refusal);
        }
        await LoadAsync(mac);
        return Page();
    }

    public async Task<IActionResult> OnPostResyncAsync(string mac)
    {
        try
        {
            var resync = await resyncs.ResyncPhoneAsync(Caller, mac, Aborted);
            var detail = string.Join(" ", new[] { resync.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), resync.Reason, resync.Contact }
                .Where(s => !string.IsNullOrEmpty(s)));
            Outcome = new ActionOutcome(resync.Outcome == PhoneResync.Answered,
                T.Format("helpdesk.resync.done", ("outcome", HelpdeskFrame.ResyncOutcome(T, resync.Outcome))), detail);
        }
        catch (RuleViolationException refusal) when (Shown(refusal))
        {
            Outcome = Refused(refusal);
        }
        await LoadAsync(mac);
        return Page();
    }

    /// <summary>The preview of <paramref name="file"/> with its secrets in clear: the helpdesk's explicit choice, never the default.</summary>
    public async Task<IActionResult> OnPostRevealAsync(string mac, string file)
    {
        Revealed = file;
        await LoadAsync(mac);
        return Page();
    }

    private async Task LoadAsync(string mac)
    {
        var baseUrl = ProvisioningEndpoints.BaseUrl(HttpContext);
        Status = await phones.StatusAsync(Caller, mac, baseUrl, Aborted);
        await FrameAsync();
        Zone = HelpdeskFrame.Zone(Status.SiteId is { } siteId ? (await sites.GetAsync(Caller, siteId, Aborted)).TimeZone : null);
        Timeline = RegistrationTimeline.From(Status.Transitions, Status.Registration, time.GetUtcNow());
        Files = await configs.FilesAsync(Caller, mac, baseUrl, Aborted);
        var fetches = await configs.FetchesAsync(Caller, mac, new Model.Paging.PageRequest(1, RecentFetches), Aborted);
        Fetches = fetches.Items;
        FetchTotal = fetches.Total;
        var previews = new List<FilePreview>();
        foreach (var file in Files)
        {
            try
            {
                previews.Add(new FilePreview(file.File, await configs.PreviewAsync(Caller, mac, file.File, file.File == Revealed, baseUrl, Aborted), null));
            }
            catch (RuleViolationException refusal) when (Shown(refusal))
            {
                previews.Add(new FilePreview(file.File, null, string.Join(" ", refusal.Errors.Select(T.Error))));
            }
        }
        Previews = previews;
        Uploads = await uploads.ReadAsync(Caller, mac, baseUrl, Aborted);
    }

    private async Task FrameAsync()
    {
        if (Status.UserId is { } userId)
        {
            await levels.UserAsync(this, userId, "phones", Aborted);
        }
        else if (Status.SiteId is { } siteId)
        {
            await levels.SiteAsync(this, siteId, "equipment", Aborted);
        }
        else
        {
            await levels.ClientAsync(this, Status.ClientId, "stock", Aborted);
        }
        Frame.Breadcrumb.Add(new Crumb(Status.Mac, Links.Device(Status.Mac)));
        Frame.Title = T.Format("helpdesk.device.title", ("model", Status.Model), ("mac", Status.Mac));
        Frame.Toolbar.Add(new ToolButton(ToolKind.List, Links.Phones(Status.ClientId)));
    }

    private ActionOutcome Refused(RuleViolationException refusal) => new(false, string.Join(" ", refusal.Errors.Select(T.Error)), null);

    /// <summary>A refusal the page shows; a phone the caller may not see stays a 404, as everywhere else.</summary>
    private static bool Shown(RuleViolationException refusal) => refusal.Kind is not (RuleViolationKind.NotFound or RuleViolationKind.Forbidden)
        || refusal.Errors.All(e => e.Field != "mac");
}

/// <summary>A file as the phone would get it now, or why it cannot be shown.</summary>
public sealed record FilePreview(string File, PreviewDto? Preview, string? Error);

/// <param name="Done">Whether it went as hoped (the state was read, the phone answered).</param>
/// <param name="Detail">What the tracker or the phone said, as it said it.</param>
public sealed record ActionOutcome(bool Done, string Text, string? Detail);
