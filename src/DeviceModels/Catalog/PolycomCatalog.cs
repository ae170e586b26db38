using Sophia.DeviceModels.Settings;

namespace Sophia.DeviceModels.Catalog;

/// <summary>The Polycom (Poly) VVX models. Sources for each number are listed in src/DeviceModels/README.md.</summary>
internal static class PolycomCatalog
{
    /// <summary>All VVX run UC Software and read the same master/override files, whatever the model.</summary>
    public const string ConfigFamily = "polycom-uc";

    // VVX EM50 (VVX 450): 22 keys x 3 pages. VVX Color Expansion Module (VVX 501/601): 28 keys x 3 pages.
    private static readonly ExpansionModule Em50 = new("VVX EM50", 66, 3);
    private static readonly ExpansionModule ColorExpansionModule = new("VVX Color Expansion Module", 84, 3);

    // A conservative cap for the <mac>-directory.xml contact list (see README: not confirmed per model).
    private const int PhonebookSizeLimit = 500;

    public static SettingOptions Options { get; } = new()
    {
        Supported = SettingOptions.AllSettings,
        DateFormats = PolycomValues.DateFormatTokens,
        TimeFormats = [TimeFormat.Hour12, TimeFormat.Hour24],
        ScreenOffMinutes = PolycomValues.ScreenOffChoices,
        Ringtones = PolycomValues.RingtoneNames,
        LockCodeMinLength = PolycomValues.LockCodeMinLength,
        LockCodeMaxLength = PolycomValues.LockCodeMaxLength,
    };

    // The entry-level VVX 150 has no power-saving mode, which is what turns a VVX screen off.
    private static readonly SettingOptions WithoutPowerSaving = Options with
    {
        Supported = SettingOptions.AllSettings.Where(s => s != DeviceSetting.ScreenOffMinutes).ToHashSet(),
    };

    public static IReadOnlyList<DeviceModel> Models { get; } =
    [
        Model("150", lines: 2, lineKeys: 2, WithoutPowerSaving),
        Model("250", lines: 4, lineKeys: 4, Options),
        Model("350", lines: 6, lineKeys: 6, Options),
        Model("450", lines: 12, lineKeys: 12, Options, Em50),
        Model("501", lines: 12, lineKeys: 12, Options, ColorExpansionModule),
        Model("601", lines: 16, lineKeys: 16, Options, ColorExpansionModule),
    ];

    private static DeviceModel Model(string number, int lines, int lineKeys, SettingOptions options, params ExpansionModule[] modules) => new()
    {
        Id = "polycom-vvx" + number,
        Vendor = Vendor.Polycom,
        Name = "VVX " + number,
        MaxAccounts = lines,
        LineKeyCount = lineKeys,
        ExpansionModules = modules,
        ConfigFamily = ConfigFamily,
        PhonebookSizeLimit = PhonebookSizeLimit,
        Settings = options,
    };
}
