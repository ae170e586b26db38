using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Provisioning;
using Sophia.Model.Rules;
using Sophia.Provisioning.Rendering;
using Sophia.Server.Accounts;

namespace Sophia.Server.Provisioning;

public sealed record FetchDto(DateTimeOffset At, FetchProtocol Protocol, string SourceIp, string? UserAgent, string File, int Status, long Bytes, string? Version, double DurationMs, string? Note);

/// <summary>A file of a phone: what it would get now, and what it last fetched.</summary>
public sealed record DeviceFileDto(string File, string? CurrentVersion, string? FetchedVersion, DateTimeOffset? FetchedAt, bool PendingChanges, IReadOnlyList<string> Warnings);

public sealed record PreviewDto(string File, string ContentType, string Version, bool SecretsMasked, string Template, IReadOnlyList<string> Warnings, string Content);

public sealed record UnknownDeviceDto(string Mac, string? Vendor, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string LastIp, string? LastUserAgent, int Requests);

/// <summary>The helpdesk's view of provisioning: previews, the fetch log, pending changes, template impact, unknown devices.</summary>
public static class ProvisioningApiEndpoints
{
    public static void MapProvisioningApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Provisioning").RequireAuthorization(Roles.ClientAdmin);
        admin.MapGet("/equipment/{mac}/config", Files);
        admin.MapGet("/equipment/{mac}/config/{file}", Preview);
        admin.MapGet("/equipment/{mac}/fetches", Fetches);

        var helpdesk = api.MapGroup("").WithTags("Provisioning").RequireAuthorization(Roles.Helpdesk);
        helpdesk.MapGet("/templates/impact", Impact);
        helpdesk.MapGet("/unknown-devices", UnknownDevices);
    }

    private static async Task<Ok<IReadOnlyList<DeviceFileDto>>> Files(HttpContext http, SophiaDb db, IConfigRenderer renderer, ProvisioningContextFactory contexts, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        var names = await renderer.FileNamesAsync(db, equipment.Mac, ct) ?? [];
        var context = contexts.Create(BaseUrl(http));
        var result = new List<DeviceFileDto>();
        foreach (var name in names)
        {
            // The version of what the phone would really get (a preview's masked secrets would change it).
            var rendered = FileRequest.TryParse(name, out var request) ? await renderer.RenderAsync(db, request, context, ct) : null;
            var fetched = await LastFetch(db, equipment.Mac, name, ct);
            var current = rendered?.Version;
            result.Add(new DeviceFileDto(name, current, fetched?.Version, fetched?.At, fetched is not null && fetched.Version != current, rendered?.Warnings ?? []));
        }
        return TypedResults.Ok<IReadOnlyList<DeviceFileDto>>(result);
    }

    /// <summary>Only what the phone would get, unmasked only for the helpdesk asking with <c>?reveal=true</c>.</summary>
    private static async Task<Ok<PreviewDto>> Preview(HttpContext http, SophiaDb db, IConfigRenderer renderer, ProvisioningContextFactory contexts, string mac, string file, bool? reveal, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        if (reveal == true && !caller.IsHelpdesk)
        {
            throw new RuleViolationException("reveal", "Only a helpdesk account may see a phone's secrets.", RuleViolationKind.Invalid);
        }
        ConfigPreview? preview;
        try
        {
            preview = await renderer.RenderPreviewAsync(db, equipment.Mac, file, reveal == true && caller.IsHelpdesk, contexts.Create(BaseUrl(http)), ct);
        }
        catch (ArgumentException e)
        {
            throw new RuleViolationException("file", e.Message);
        }
        if (preview is null)
        {
            throw new RuleViolationException("file", $"Equipment {equipment.Mac.ToDisplayString()} does not fetch '{file}'.", RuleViolationKind.NotFound);
        }
        var f = preview.File;
        return TypedResults.Ok(new PreviewDto(f.Name, f.ContentType, f.Version, preview.SecretsMasked, preview.Template.ToString() ?? "", f.Warnings, System.Text.Encoding.UTF8.GetString(f.Content)));
    }

    private static async Task<Ok<Paged<FetchDto>>> Fetches(HttpContext http, SophiaDb db, string mac, int? page, int? pageSize, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        var key = equipment.Mac.ToString();
        var query = db.FetchEvents.AsNoTracking().Where(f => f.Mac == key).OrderByDescending(f => f.Id)
            .Select(f => new FetchDto(f.At, f.Protocol, f.SourceIp, f.UserAgent, f.File, f.Status, f.Bytes, f.Version, f.DurationMs, f.Note));
        return TypedResults.Ok(await query.ToPageAsync(new PageRequest(page, pageSize), ct));
    }

    private static async Task<Ok<TemplateImpact>> Impact(SophiaDb db, IConfigRenderer renderer, string? template, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            throw new RuleViolationException("template", "template is required, e.g. yealink/mac.cfg.sbn.");
        }
        try
        {
            return TypedResults.Ok(await renderer.ImpactAsync(db, template, ct));
        }
        catch (ArgumentException e)
        {
            throw new RuleViolationException("template", e.Message);
        }
    }

    private static async Task<Ok<Paged<UnknownDeviceDto>>> UnknownDevices(SophiaDb db, int? page, int? pageSize, CancellationToken ct)
    {
        var result = await db.UnknownDevices.AsNoTracking().OrderByDescending(d => d.LastSeen).ToPageAsync(new PageRequest(page, pageSize), ct);
        return TypedResults.Ok(new Paged<UnknownDeviceDto>(result.Items.Select(d => new UnknownDeviceDto(
            MacAddress.Parse(d.Mac).ToDisplayString(),
            UserAgentParser.VendorFromOui(MacAddress.Parse(d.Mac))?.ToString(),
            d.FirstSeen, d.LastSeen, d.LastIp, d.LastUserAgent, d.Requests)).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<FetchEvent?> LastFetch(SophiaDb db, MacAddress mac, string file, CancellationToken ct)
    {
        var key = mac.ToString();
        return await db.FetchEvents.AsNoTracking()
            .Where(f => f.Mac == key && f.File == file && (f.Status == 200 || f.Status == 304))
            .OrderByDescending(f => f.Id).FirstOrDefaultAsync(ct);
    }

    private static Uri BaseUrl(HttpContext http) => new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/prov/");
}
