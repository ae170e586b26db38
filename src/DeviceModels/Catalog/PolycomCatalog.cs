using Sophia.DeviceModels.Settings;

namespace Sophia.DeviceModels.Catalog;

/// <summary>
/// The Polycom (Poly) VVX and Poly Edge E models. Sources for each number are listed in src/DeviceModels/README.md.
/// </summary>
internal static class PolycomCatalog
{
    /// <summary>
    /// All VVX run UC Software (5.x on the VVX 300/310/400/410/500/600/1500, 6.x on the others) and the Edge E run
    /// its 8.x line: every one reads the same master/override files and parameters, whatever the model.
    /// </summary>
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

    // The VVX 101 (UC Software admin guide 5.9: "not available on the VVX 101") and the entry-level VVX 150 have no
    // power-saving mode, which is what turns a VVX screen off.
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
        // Added later, and so listed after the first six: golden files number their phones' MACs by catalog position.
        Model("101", lines: 1, lineKeys: 2, WithoutPowerSaving),
        Model("201", lines: 2, lineKeys: 2, Options),
        Model("300", lines: 6, lineKeys: 6, Options, ColorExpansionModule),
        Model("310", lines: 6, lineKeys: 6, Options, ColorExpansionModule),
        Model("400", lines: 12, lineKeys: 12, Options, ColorExpansionModule),
        Model("410", lines: 12, lineKeys: 12, Options, ColorExpansionModule),
        Model("500", lines: 12, lineKeys: 12, Options, ColorExpansionModule),
        Model("600", lines: 16, lineKeys: 16, Options, ColorExpansionModule),
        Model("1500", lines: 6, lineKeys: 6, Options),
        // Poly Edge E: registrations are capped at the physical line keys (each registration takes one), and no
        // expansion module is offered, both for want of a confirming source (README).
        Edge("E100", lineKeys: 2),
        Edge("E220", lineKeys: 4),
        Edge("E300", lineKeys: 8),
        Edge("E320", lineKeys: 8),
        Edge("E350", lineKeys: 8),
        Edge("E400", lineKeys: 12),
        Edge("E450", lineKeys: 12),
        Edge("E500", lineKeys: 16),
        Edge("E550", lineKeys: 16),
    ];

    // "Edge E450" keeps its dash in the id (polycom-edge-e450): "polycom-edgee450" reads as a typo.
    private static DeviceModel Edge(string number, int lineKeys) =>
        Create("polycom-edge-" + number.ToLowerInvariant(), "Edge " + number, lineKeys, lineKeys, Options, []);

    private static DeviceModel Model(string number, int lines, int lineKeys, SettingOptions options, params ExpansionModule[] modules) =>
        Create("polycom-vvx" + number, "VVX " + number, lines, lineKeys, options, modules);

    private static DeviceModel Create(string id, string name, int lines, int lineKeys, SettingOptions options, ExpansionModule[] modules) => new()
    {
        Id = id,
        Vendor = Vendor.Polycom,
        Name = name,
        MaxAccounts = lines,
        LineKeyCount = lineKeys,
        ExpansionModules = modules,
        ConfigFamily = ConfigFamily,
        PhonebookSizeLimit = PhonebookSizeLimit,
        Settings = options,
    };
}
