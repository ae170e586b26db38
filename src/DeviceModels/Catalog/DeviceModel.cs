using Sophia.DeviceModels.Settings;

namespace Sophia.DeviceModels.Catalog;

/// <summary>
/// One phone model: its identity, its capacities and the settings it accepts. Instances come from
/// <see cref="DeviceCatalog"/>; two models are equal when their <see cref="Id"/> is.
/// </summary>
public sealed record DeviceModel
{
    /// <summary>Stable key stored with each piece of equipment, e.g. <c>yealink-t46s</c>, <c>polycom-vvx450</c>. Never renamed.</summary>
    public required string Id { get; init; }

    public required Vendor Vendor { get; init; }

    /// <summary>The model as the vendor prints it, e.g. <c>T46S</c>, <c>VVX 450</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Vendor and name, e.g. <c>Yealink T46S</c>.</summary>
    public string DisplayName => $"{Vendor} {Name}";

    /// <summary>SIP registrations (Yealink accounts, Polycom lines) the phone holds at once.</summary>
    public required int MaxAccounts { get; init; }

    /// <summary>
    /// Programmable line keys on the phone itself. Yealink: every DSS key the configuration addresses
    /// (<c>linekey.1</c>..<c>linekey.N</c>), the extra pages included, because that is how Yealink counts them
    /// (a T46S has 10 physical keys and 27 DSS keys). Polycom: the physical line keys, because UC Software fills
    /// them in order from registrations, BLF entries and favourites rather than by index.
    /// </summary>
    public required int LineKeyCount { get; init; }

    /// <summary>The expansion modules the phone accepts; empty when it takes none.</summary>
    public IReadOnlyList<ExpansionModule> ExpansionModules { get; init; } = [];

    /// <summary>The most modules the phone can carry (0 when it takes none).</summary>
    public int MaxExpansionModules => ExpansionModules.Count == 0 ? 0 : ExpansionModules.Max(m => m.MaxModules);

    /// <summary>Keys on one module of the phone's main module type (0 when it takes none).</summary>
    public int ExpansionKeysPerModule => ExpansionModules.Count == 0 ? 0 : ExpansionModules[0].KeysPerModule;

    /// <summary>
    /// Yealink: the common configuration file the model fetches, e.g. <c>y000000000066.cfg</c>.
    /// Polycom: <c>polycom-uc</c>, the one UC Software family all VVX and Poly Edge E share.
    /// </summary>
    public required string ConfigFamily { get; init; }

    /// <summary>
    /// Handsets that register each their own account through this one piece of equipment (one MAC, one file): a DECT
    /// base's handsets, handset N on account N; 1 for every desk phone, whose user is the equipment's.
    /// </summary>
    public int Handsets { get; init; } = 1;

    /// <summary>A DECT base: several handsets, each with its own user.</summary>
    public bool IsDectBase => Handsets > 1;

    /// <summary>The most directory entries to send the model in one phonebook; split or page beyond it.</summary>
    public required int PhonebookSizeLimit { get; init; }

    /// <summary>Which settings the model has and which values it accepts.</summary>
    public required SettingOptions Settings { get; init; }

    /// <summary>Whether the model has the setting at all.</summary>
    public bool Supports(DeviceSetting setting) => Settings.Supported.Contains(setting);

    /// <summary>
    /// Every problem with <paramref name="settings"/> for this model: values it does not accept and settings it
    /// lacks. Empty when the settings can be applied as they are.
    /// </summary>
    public IReadOnlyList<SettingError> Validate(DeviceSettings settings) => SettingsValidator.Validate(this, settings);

    public bool Equals(DeviceModel? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    public override string ToString() => DisplayName;
}
