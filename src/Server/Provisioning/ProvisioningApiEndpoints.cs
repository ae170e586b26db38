using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Provisioning.Diagnostics;
using Sophia.Provisioning.Http;
using Sophia.Provisioning.Rendering;
using Sophia.Provisioning.Templates;
using Sophia.Provisioning.Uploads;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Provisioning;


/// <summary>The helpdesk's view of provisioning: previews, the fetch log, what phones uploaded, pending changes, template impact, unknown devices.</summary>
public static class ProvisioningApiEndpoints
{
    public static void MapProvisioningApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Provisioning").RequireAuthorization(Roles.ClientAdmin).Problems(400, 403, 404);
        admin.MapGet("/equipment/{mac}/config", Files);
        admin.MapGet("/equipment/{mac}/config/{file}", Preview);
        admin.MapGet("/equipment/{mac}/fetches", Fetches);
        admin.MapGet("/equipment/{mac}/uploads", Uploads);

        var helpdesk = api.MapGroup("").WithTags("Provisioning").RequireAuthorization(Roles.Helpdesk).Problems(400, 403);
        helpdesk.MapGet("/templates/impact", Impact);
        helpdesk.MapGet("/unknown-devices", UnknownDevices);

        // A template's name keeps its slash in the path (/templates/yealink/mac.cfg.sbn): a catch-all takes it whole,
        // and the literal /templates/impact above still wins over it.
        var templates = api.MapGroup("/templates").WithTags("Templates").RequireAuthorization(Roles.Helpdesk).Problems(400, 403, 404);
        templates.MapGet("", ListTemplates);
        templates.MapGet("/{**name}", ReadTemplate);
        templates.MapPut("/{**name}", SaveTemplate);
        templates.MapDelete("/{**name}", RemoveTemplate);
    }

    private static async Task<Ok<IReadOnlyList<TemplateDto>>> ListTemplates(Caller caller, TemplateOperations templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.ListAsync(caller, ct));

    private static async Task<Ok<TemplateTextDto>> ReadTemplate(Caller caller, TemplateOperations templates, string name, CancellationToken ct) =>
        TypedResults.Ok(await templates.ReadAsync(caller, name, ct));

    /// <summary>Checked as a load is (parsed, rendered against sample phones); every node serves it within <c>TemplatePollSeconds</c>.</summary>
    private static async Task<Ok<TemplateDto>> SaveTemplate(Caller caller, TemplateOperations templates, string name, TemplateOverrideInput input, CancellationToken ct) =>
        TypedResults.Ok(await templates.SaveAsync(caller, name, input, ct));

    private static async Task<Ok<TemplateDto>> RemoveTemplate(Caller caller, TemplateOperations templates, string name, CancellationToken ct) =>
        TypedResults.Ok(await templates.RemoveAsync(caller, name, ct));

    private static async Task<Ok<IReadOnlyList<DeviceFileDto>>> Files(HttpContext http, Caller caller, PhoneConfigOperations phones, string mac, CancellationToken ct) =>
        TypedResults.Ok(await phones.FilesAsync(caller, mac, ProvisioningEndpoints.BaseUrl(http), ct));

    /// <summary>Only what the phone would get, unmasked only for the helpdesk asking with <c>?reveal=true</c>.</summary>
    private static async Task<Ok<PreviewDto>> Preview(
        HttpContext http, Caller caller, PhoneConfigOperations phones, string mac, string file, bool? reveal, CancellationToken ct) =>
        TypedResults.Ok(await phones.PreviewAsync(caller, mac, file, reveal == true, ProvisioningEndpoints.BaseUrl(http), ct));

    private static async Task<Ok<Paged<FetchDto>>> Fetches(Caller caller, PhoneConfigOperations phones, string mac, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await phones.FetchesAsync(caller, mac, new PageRequest(page, pageSize), ct));

    /// <summary>What the phone sent back: its latest logs, and its local settings split by whether they shadow Sophia's.</summary>
    private static async Task<Ok<PhoneUploadsDto>> Uploads(HttpContext http, Caller caller, PhoneUploadOperations uploads, string mac, CancellationToken ct) =>
        TypedResults.Ok(await uploads.ReadAsync(caller, mac, ProvisioningEndpoints.BaseUrl(http), ct));

    private static async Task<Ok<TemplateImpact>> Impact(Caller caller, FleetOperations fleet, string? template, CancellationToken ct) =>
        TypedResults.Ok(await fleet.ImpactAsync(caller, template, ct));

    private static async Task<Ok<Paged<UnknownDeviceDto>>> UnknownDevices(Caller caller, FleetOperations fleet, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await fleet.UnknownDevicesAsync(caller, new PageRequest(page, pageSize), ct));
}
