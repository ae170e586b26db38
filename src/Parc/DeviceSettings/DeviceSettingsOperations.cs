using System.Text.Json;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Rules;
using Sophia.Model.Stock;

// Not Sophia.Parc.DeviceSettings like the folder: that namespace would hide the DeviceSettings type from all of Sophia.Parc.
namespace Sophia.Parc.PhoneSettings;

/// <summary>A phone's settings with the phone's version, which is their ETag.</summary>
public sealed record VersionedSettings(DeviceSettings Settings, long Version);

/// <summary>
/// The settings of a phone ("Paramètres de l'équipement", "Paramètres de sécurité"): for the user it is assigned to
/// (self-care), their client's admin or the helpdesk. What a phone accepts is its model's to say.
/// </summary>
public sealed class DeviceSettingsOperations(SophiaDb db)
{
    public async Task<VersionedSettings> GetAsync(Caller caller, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: true, ct);
        return new VersionedSettings(equipment.Settings, equipment.Version);
    }

    /// <summary>Replaces the whole settings object: a setting it leaves out is cleared (the phone's default again).</summary>
    public async Task<VersionedSettings> ReplaceAsync(Caller caller, string mac, DeviceSettings settings, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: true, ct);
        db.Expect(equipment, expectedVersion);
        RuleViolationException.ThrowIfAny(Validate(equipment, settings));
        return await SaveAsync(equipment, settings, ct);
    }

    /// <summary>
    /// Changes only the settings <paramref name="patch"/> names (<see cref="SettingsMergePatch"/>); the merged result is
    /// checked as a whole, as <see cref="ReplaceAsync"/> checks its input. A missing patch is refused once the phone is found.
    /// </summary>
    public async Task<VersionedSettings> PatchAsync(Caller caller, string mac, JsonElement? patch, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: true, ct);
        db.Expect(equipment, expectedVersion);
        var (merged, errors) = SettingsMergePatch.Apply(equipment.Settings, patch);
        // A setting whose patched value was refused keeps its current one: that is not the patch's error to report again.
        RuleViolationException.ThrowIfAny([.. errors, .. Validate(equipment, merged).Where(e => errors.All(p => p.Field != e.Field))]);
        return await SaveAsync(equipment, merged, ct);
    }

    private static List<FieldError> Validate(Equipment equipment, DeviceSettings settings) =>
        DeviceCatalog.Get(equipment.ModelId).Validate(settings).Select(e => new FieldError(e.Field, e.Code, e.Message, e.Args)).ToList();

    private async Task<VersionedSettings> SaveAsync(Equipment equipment, DeviceSettings settings, CancellationToken ct)
    {
        equipment.Settings = settings;
        await db.SaveChangesAsync(ct);
        return new VersionedSettings(equipment.Settings, equipment.Version);
    }
}
