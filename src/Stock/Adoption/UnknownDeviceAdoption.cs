using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Rules;
using Sophia.Model.Stock;

namespace Sophia.Stock.Adoption;

/// <summary>Which client takes the device, and its model when its User-Agent did not say (or said wrong).</summary>
public sealed record AdoptRequest(int? ClientId, string? Model);

/// <summary>
/// A phone that asked <c>/prov</c> for its configuration while in no stock is listed among the unknown devices; the
/// helpdesk adopts it into a client's general stock, from where it is moved and assigned like any equipment.
/// </summary>
public static class UnknownDeviceAdoption
{
    /// <summary>Adds the equipment and forgets the unknown device in one save; the caller has checked who may.</summary>
    public static async Task<Equipment> AdoptAsync(SophiaDb db, MacAddress mac, AdoptRequest request, CancellationToken ct)
    {
        var key = mac.ToString();
        var seen = await db.UnknownDevices.FirstOrDefaultAsync(d => d.Mac == key, ct)
            ?? throw new RuleViolationException(FieldError.Create("mac", "unknownDevice.notFound",
                "{mac} is not among the unknown devices seen.", ("mac", mac.ToDisplayString())), RuleViolationKind.NotFound);
        var errors = new List<FieldError>();
        if (request.ClientId is not { } clientId)
        {
            errors.Add(CommonErrors.Required("clientId"));
        }
        else if (!await db.Clients.AnyAsync(c => c.Id == clientId, ct))
        {
            errors.Add(FieldError.Create("clientId", "client.notFound", "Client {id} does not exist.", ("id", clientId)));
        }
        // The model its requests named, kept on its record; a record from before they were kept reads its last User-Agent.
        var modelText = request.Model ?? seen.ModelId ?? ModelFromUserAgent(seen.LastUserAgent);
        if (!DeviceCatalog.TryFind(modelText, out var model))
        {
            errors.Add(EquipmentErrors.UnknownModel("model", modelText));
        }
        RuleViolationException.ThrowIfAny(errors);
        if (await db.Equipment.AnyAsync(e => e.Mac == mac, ct))
        {
            throw new RuleViolationException(EquipmentErrors.MacTaken("mac", mac), RuleViolationKind.Conflict);
        }
        var equipment = new Equipment { Mac = mac, ModelId = model!.Id, SerialNumber = seen.SerialNumber, ClientId = request.ClientId!.Value };
        db.Equipment.Add(equipment);
        db.UnknownDevices.Remove(seen);
        await db.SaveChangesAsync(ct);
        return equipment;
    }

    /// <summary>The catalog id of the model the device's last User-Agent names, if it names one the catalog has.</summary>
    public static string? ModelFromUserAgent(string? userAgent) =>
        UserAgentParser.TryParse(userAgent, out var identity) ? identity.Model?.Id : null;
}
