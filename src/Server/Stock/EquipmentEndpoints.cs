using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Parc.PhoneSettings;
using Sophia.Server.Accounts;
using Sophia.Server.Api;
using Sophia.Stock.Adoption;
using Sophia.Stock.Import;
using Sophia.Stock.Inventory;
using Sophia.Stock.Moves;

namespace Sophia.Server.Stock;

public static class EquipmentEndpoints
{
    public static void MapEquipment(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Equipment").RequireAuthorization(Roles.ClientAdmin).Problems(400, 403, 404);
        admin.MapGet("/sites/{siteId:int}/equipment", ListSite);
        admin.MapGet("/clients/{clientId:int}/equipment", ListClientStock);
        admin.MapPost("/clients/{clientId:int}/equipment", Create).Problems(409);
        admin.MapPost("/clients/{clientId:int}/equipment/import", Import).Accepts<string>("text/csv").Problems(409);
        admin.MapGet("/equipment/{mac}", Get);
        admin.MapPut("/equipment/{mac}", Update).Problems(412);
        admin.MapDelete("/equipment/{mac}", Delete).Problems(409, 412);
        admin.MapPost("/equipment/{mac}/move", Move).Problems(412);
        admin.MapPost("/equipment/{mac}/assign", Assign).Problems(412);
        admin.MapPost("/equipment/{mac}/unassign", Unassign).Problems(412);
        admin.MapPut("/equipment/{mac}/handsets/{number:int}", AssignHandset).Problems(409, 412)
            .WithSummary("Gives handset N of a DECT base (W60B, W70B) to a user of the base's site; handset 1 is the base's own user.");
        admin.MapDelete("/equipment/{mac}/handsets/{number:int}", FreeHandset).Problems(412)
            .WithSummary("Frees handset N of a DECT base; the other handsets keep their users.");

        // Self-care: a user reads and sets the settings of their own phone; an admin those of the client's phones.
        var self = api.MapGroup("/equipment/{mac}/settings").WithTags("Equipment").RequireAuthorization().Problems(400, 404);
        self.MapGet("/", GetSettings);
        self.MapPut("/", PutSettings).Problems(412)
            .WithSummary("Replaces the phone's whole settings object: a setting left out is cleared (the phone's default again).");
        self.MapPatch("/", PatchSettings).Problems(412)
            .Accepts<JsonElement>(SettingsMergePatch.MediaType, "application/json")
            .WithSummary("Changes only the settings named (JSON merge patch, RFC 7396): a value sets one, null clears it, an absent one is kept.");

        var helpdesk = api.MapGroup("").WithTags("Provisioning").RequireAuthorization(Roles.Helpdesk).Problems(400, 403, 404);
        helpdesk.MapPost("/unknown-devices/{mac}/adopt", Adopt).Problems(409);
    }

    private static async Task<Results<Ok<Paged<EquipmentDto>>, EmptyHttpResult>> ListSite(
        HttpContext http, Caller caller, EquipmentOperations equipment, int siteId, bool? assigned, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        if (CsvDownload.Wanted(format))
        {
            return await CsvDownload.WriteAsync(http, await equipment.ExportSiteAsync(caller, siteId, assigned, ct), $"site-{siteId}-equipment.csv", ct);
        }
        return TypedResults.Ok(await equipment.ListSiteAsync(caller, siteId, assigned, new PageRequest(page, pageSize), ct));
    }

    /// <summary>The client's general stock: equipment in no site.</summary>
    private static async Task<Results<Ok<Paged<EquipmentDto>>, EmptyHttpResult>> ListClientStock(
        HttpContext http, Caller caller, EquipmentOperations equipment, int clientId, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        if (CsvDownload.Wanted(format))
        {
            return await CsvDownload.WriteAsync(http, await equipment.ExportClientStockAsync(caller, clientId, ct), $"client-{clientId}-stock.csv", ct);
        }
        return TypedResults.Ok(await equipment.ListClientStockAsync(caller, clientId, new PageRequest(page, pageSize), ct));
    }

    private static async Task<Ok<EquipmentDto>> Get(HttpContext http, Caller caller, EquipmentOperations equipment, string mac, CancellationToken ct)
    {
        var found = await equipment.GetAsync(caller, mac, ct);
        return http.Tagged(found, found.Version);
    }

    private static async Task<Created<EquipmentDto>> Create(HttpContext http, Caller caller, EquipmentOperations equipment, int clientId, EquipmentInput input, CancellationToken ct)
    {
        var created = await equipment.CreateAsync(caller, clientId, input, ct);
        http.SetETag(created.Version);
        return TypedResults.Created(Location(created), created);
    }

    private static async Task<Ok<EquipmentDto>> Update(HttpContext http, Caller caller, EquipmentOperations equipment, string mac, EquipmentInput input, CancellationToken ct)
    {
        var updated = await equipment.UpdateAsync(caller, mac, input, http.IfMatch(), ct);
        return http.Tagged(updated, updated.Version);
    }

    private static async Task<NoContent> Delete(HttpContext http, Caller caller, EquipmentOperations equipment, string mac, CancellationToken ct)
    {
        await equipment.DeleteAsync(caller, mac, http.IfMatch(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<EquipmentDto>> Move(HttpContext http, Caller caller, EquipmentOperations equipment, string mac, MoveRequest request, CancellationToken ct)
    {
        var moved = await equipment.MoveAsync(caller, mac, request, http.IfMatch(), ct);
        return http.Tagged(moved, moved.Version);
    }

    private static async Task<Ok<EquipmentDto>> Assign(HttpContext http, Caller caller, EquipmentOperations equipment, string mac, AssignRequest request, CancellationToken ct)
    {
        var assigned = await equipment.AssignAsync(caller, mac, request, http.IfMatch(), ct);
        return http.Tagged(assigned, assigned.Version);
    }

    private static async Task<Ok<EquipmentDto>> Unassign(HttpContext http, Caller caller, EquipmentOperations equipment, string mac, CancellationToken ct)
    {
        var unassigned = await equipment.UnassignAsync(caller, mac, http.IfMatch(), ct);
        return http.Tagged(unassigned, unassigned.Version);
    }

    private static async Task<Ok<EquipmentDto>> AssignHandset(
        HttpContext http, Caller caller, EquipmentOperations equipment, string mac, int number, AssignRequest request, CancellationToken ct)
    {
        var assigned = await equipment.AssignHandsetAsync(caller, mac, number, request, http.IfMatch(), ct);
        return http.Tagged(assigned, assigned.Version);
    }

    private static async Task<Ok<EquipmentDto>> FreeHandset(HttpContext http, Caller caller, EquipmentOperations equipment, string mac, int number, CancellationToken ct)
    {
        var freed = await equipment.FreeHandsetAsync(caller, mac, number, http.IfMatch(), ct);
        return http.Tagged(freed, freed.Version);
    }

    private static async Task<Ok<ImportResult>> Import(HttpContext http, Caller caller, EquipmentOperations equipment, int clientId, bool? dryRun, CancellationToken ct)
    {
        using var csv = await CsvUpload.ReadAsync(http.Request, ct);
        return TypedResults.Ok(await equipment.ImportAsync(caller, clientId, csv, dryRun ?? false, ct));
    }

    /// <summary>Takes an unknown device into a client's general stock; it is then moved and assigned like any equipment.</summary>
    private static async Task<Created<EquipmentDto>> Adopt(HttpContext http, Caller caller, EquipmentOperations equipment, string mac, AdoptRequest request, CancellationToken ct)
    {
        var adopted = await equipment.AdoptAsync(caller, mac, request, ct);
        http.SetETag(adopted.Version);
        return TypedResults.Created(Location(adopted), adopted);
    }

    private static async Task<Ok<DeviceSettings>> GetSettings(HttpContext http, Caller caller, DeviceSettingsOperations settings, string mac, CancellationToken ct)
    {
        var found = await settings.GetAsync(caller, mac, ct);
        return http.Tagged(found.Settings, found.Version);
    }

    private static async Task<Ok<DeviceSettings>> PutSettings(HttpContext http, Caller caller, DeviceSettingsOperations settings, string mac, DeviceSettings input, CancellationToken ct)
    {
        var saved = await settings.ReplaceAsync(caller, mac, input, http.IfMatch(), ct);
        return http.Tagged(saved.Settings, saved.Version);
    }

    /// <summary>The body is optional for binding so that a phone the caller may not see is a 404 whatever was sent.</summary>
    private static async Task<Ok<DeviceSettings>> PatchSettings(HttpContext http, Caller caller, DeviceSettingsOperations settings, string mac, JsonElement? patch, CancellationToken ct)
    {
        var saved = await settings.PatchAsync(caller, mac, patch, http.IfMatch(), ct);
        return http.Tagged(saved.Settings, saved.Version);
    }

    /// <summary>The equipment's URL, by its canonical MAC.</summary>
    private static string Location(EquipmentDto equipment) => $"/api/v1/equipment/{MacAddress.Parse(equipment.Mac)}";
}
