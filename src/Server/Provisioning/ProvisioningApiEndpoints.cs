using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Provisioning.Diagnostics;
using Sophia.Provisioning.Http;
using Sophia.Provisioning.Rendering;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Provisioning;

public sealed record AdoptRequest(int? ClientId, string? Model);

/// <summary>The helpdesk's view of provisioning: previews, the fetch log, pending changes, template impact, unknown devices.</summary>
public static class ProvisioningApiEndpoints
{
    public static void MapProvisioningApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Provisioning").RequireAuthorization(Roles.ClientAdmin).Problems(400, 403, 404);
        admin.MapGet("/equipment/{mac}/config", Files);
        admin.MapGet("/equipment/{mac}/config/{file}", Preview);
        admin.MapGet("/equipment/{mac}/fetches", Fetches);

        var helpdesk = api.MapGroup("").WithTags("Provisioning").RequireAuthorization(Roles.Helpdesk).Problems(400, 403);
        helpdesk.MapGet("/templates/impact", Impact);
        helpdesk.MapGet("/unknown-devices", UnknownDevices);
        helpdesk.MapPost("/unknown-devices/{mac}/adopt", Adopt);
    }

    private static async Task<Ok<IReadOnlyList<DeviceFileDto>>> Files(HttpContext http, Caller caller, PhoneConfigOperations phones, string mac, CancellationToken ct) =>
        TypedResults.Ok(await phones.FilesAsync(caller, mac, ProvisioningEndpoints.BaseUrl(http), ct));

    /// <summary>Only what the phone would get, unmasked only for the helpdesk asking with <c>?reveal=true</c>.</summary>
    private static async Task<Ok<PreviewDto>> Preview(
        HttpContext http, Caller caller, PhoneConfigOperations phones, string mac, string file, bool? reveal, CancellationToken ct) =>
        TypedResults.Ok(await phones.PreviewAsync(caller, mac, file, reveal == true, ProvisioningEndpoints.BaseUrl(http), ct));

    private static async Task<Ok<Paged<FetchDto>>> Fetches(Caller caller, PhoneConfigOperations phones, string mac, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await phones.FetchesAsync(caller, mac, new PageRequest(page, pageSize), ct));

    private static async Task<Ok<TemplateImpact>> Impact(Caller caller, FleetOperations fleet, string? template, CancellationToken ct) =>
        TypedResults.Ok(await fleet.ImpactAsync(caller, template, ct));

    private static async Task<Ok<Paged<UnknownDeviceDto>>> UnknownDevices(Caller caller, FleetOperations fleet, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await fleet.UnknownDevicesAsync(caller, new PageRequest(page, pageSize), ct));

    /// <summary>Takes an unknown device into a client's general stock; it is then moved and assigned like any equipment.</summary>
    private static async Task<Created<Stock.EquipmentDto>> Adopt(SophiaDb db, string mac, AdoptRequest request, CancellationToken ct)
    {
        if (!MacAddress.TryParse(mac, out var address))
        {
            throw new RuleViolationException("mac", $"'{mac}' is not a MAC address.");
        }
        var key = address.ToString();
        var seen = await db.UnknownDevices.FirstOrDefaultAsync(d => d.Mac == key, ct)
            ?? throw new RuleViolationException("mac", $"{address.ToDisplayString()} is not among the unknown devices seen.", RuleViolationKind.NotFound);
        var errors = new List<FieldError>();
        if (request.ClientId is not { } clientId || !await db.Clients.AnyAsync(c => c.Id == clientId, ct))
        {
            errors.Add(new FieldError("clientId", "clientId must name an existing client."));
        }
        var modelText = request.Model ?? (UserAgentParser.TryParse(seen.LastUserAgent, out var identity) ? identity.Model?.Id : null);
        if (!DeviceCatalog.TryFind(modelText, out var model))
        {
            errors.Add(new FieldError("model", $"'{modelText}' is not a known model; give one, e.g. 'Yealink T46S'."));
        }
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
        if (await db.Equipment.AnyAsync(e => e.Mac == address, ct))
        {
            throw new RuleViolationException("mac", $"{address.ToDisplayString()} is already in the operator's equipment.", RuleViolationKind.Conflict);
        }
        var equipment = new Equipment { Mac = address, ModelId = model!.Id, ClientId = request.ClientId!.Value };
        db.Equipment.Add(equipment);
        db.UnknownDevices.Remove(seen);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/equipment/{address}", Stock.EquipmentEndpoints.ToDto(equipment));
    }
}
