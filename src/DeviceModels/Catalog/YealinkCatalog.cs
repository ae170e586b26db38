using Sophia.DeviceModels.Settings;

namespace Sophia.DeviceModels.Catalog;

/// <summary>The Yealink models. Sources for each number are listed in src/DeviceModels/README.md.</summary>
internal static class YealinkCatalog
{
    // EXP40: 20 keys x 2 pages, up to 6 (T4xS). EXP43: 20 keys x 3 pages, up to 3 (T4xU).
    // EXP50: 20 keys x 3 pages, up to 3 (T5x).
    private static readonly ExpansionModule Exp40 = new("EXP40", 40, 6);
    private static readonly ExpansionModule Exp43 = new("EXP43", 60, 3);
    private static readonly ExpansionModule Exp50 = new("EXP50", 60, 3);

    // The local directory holds 1000 contacts on T2/T3/T4/T5 firmware; a larger phonebook is cut or paged.
    private const int PhonebookSizeLimit = 1000;

    public static SettingOptions Options { get; } = new()
    {
        Supported = SettingOptions.AllSettings,
        DateFormats = YealinkValues.DateFormatTokens,
        TimeFormats = [TimeFormat.Hour12, TimeFormat.Hour24],
        ScreenOffMinutes = YealinkValues.ScreenOffChoices,
        Ringtones = YealinkValues.RingtoneNames,
        LockCodeMinLength = YealinkValues.LockCodeMinLength,
        LockCodeMaxLength = YealinkValues.LockCodeMaxLength,
    };

    // The T30/T30P/T31x: Tancredi's T30 and T31 scopes offer four ringtones, where the other models offer every one;
    // the first four are what all of them have (README: not confirmed by Yealink's guide).
    private static readonly SettingOptions FourRingtones = Options with { Ringtones = [.. YealinkValues.RingtoneNames.Take(4)] };

    // The T30/T30P: Tancredi's T30 scope rules out every phone_setting.backlight_time value, so the model offers no
    // backlight delay (README: not confirmed).
    private static readonly SettingOptions T30Options = FourRingtones with
    {
        Supported = SettingOptions.AllSettings.Except([DeviceSetting.ScreenOffMinutes]).ToHashSet(),
    };

    // The CP920: the admin guide describes its phone lock (its off-hook and on-hook keys stay usable when locked), but
    // no source gives it a backlight delay, so it claims none (README: not confirmed).
    private static readonly SettingOptions Cp920Options = Options with
    {
        Supported = SettingOptions.AllSettings.Except([DeviceSetting.ScreenOffMinutes]).ToHashSet(),
    };

    // The CP925, a touch-screen conference phone: no source confirms a backlight delay or a phone lock on it, so it
    // claims neither (README: not confirmed).
    private static readonly SettingOptions Cp925Options = Options with
    {
        Supported = SettingOptions.AllSettings.Except([DeviceSetting.ScreenOffMinutes, DeviceSetting.LockCode]).ToHashSet(),
    };

    // A DECT base: no line key, no module, one account per handset. Of the settings only call waiting is the base's
    // (call_waiting.enable, written by Wazo's W-series templates); the handsets have no lock code nor backlight key,
    // and their date, time and ring settings are other keys (custom.handset.*) or set on each handset.
    private static readonly SettingOptions DectOptions = Options with { Supported = new HashSet<DeviceSetting> { DeviceSetting.CallWaiting } };

    public static IReadOnlyList<DeviceModel> Models { get; } =
    [
        Model("T31P", accounts: 2, lineKeys: 2, commonFile: 123, FourRingtones),
        Model("T33G", accounts: 4, lineKeys: 12, commonFile: 124),
        Model("T43U", accounts: 12, lineKeys: 21, commonFile: 107, Exp43),
        Model("T46S", accounts: 16, lineKeys: 27, commonFile: 66, Exp40),
        Model("T46U", accounts: 16, lineKeys: 27, commonFile: 108, Exp43),
        Model("T48S", accounts: 16, lineKeys: 29, commonFile: 65, Exp40),
        Model("T48U", accounts: 16, lineKeys: 29, commonFile: 109, Exp43),
        Model("T53W", accounts: 12, lineKeys: 21, commonFile: 95, Exp50),
        Model("T54W", accounts: 16, lineKeys: 27, commonFile: 96, Exp50),
        Model("T57W", accounts: 16, lineKeys: 29, commonFile: 97, Exp50),
        // Issue 15: the models real parcs carry. The T30/T30P and the CP9xx conference phones have no line keys:
        // their one account needs no key, and function keys cannot be placed on them.
        Model("T30", accounts: 1, lineKeys: 0, commonFile: 127, T30Options),
        Model("T30P", accounts: 1, lineKeys: 0, commonFile: 127, T30Options),
        Model("T31G", accounts: 2, lineKeys: 2, commonFile: 123, FourRingtones),
        Model("T33P", accounts: 4, lineKeys: 12, commonFile: 124),
        Model("T34W", accounts: 4, lineKeys: 12, commonFile: 171),
        Model("T42U", accounts: 12, lineKeys: 15, commonFile: 116),
        Model("T44U", accounts: 12, lineKeys: 21, commonFile: 173),
        Model("T44W", accounts: 12, lineKeys: 21, commonFile: 174),
        Model("T53", accounts: 12, lineKeys: 21, commonFile: 95, Exp50),
        Model("CP920", accounts: 1, lineKeys: 0, commonFile: 78, Cp920Options),
        Model("CP925", accounts: 1, lineKeys: 0, commonFile: 148, Cp925Options),
        Dect("W60B", handsets: 8, commonFile: 77),
        Dect("W70B", handsets: 10, commonFile: 146),
    ];

    private static DeviceModel Dect(string name, int handsets, int commonFile) =>
        Model(name, accounts: handsets, lineKeys: 0, commonFile) with { Handsets = handsets, Settings = DectOptions };

    private static DeviceModel Model(string name, int accounts, int lineKeys, int commonFile, params ExpansionModule[] modules) =>
        Model(name, accounts, lineKeys, commonFile, Options, modules);

    private static DeviceModel Model(string name, int accounts, int lineKeys, int commonFile, SettingOptions options, params ExpansionModule[] modules) => new()
    {
        Id = "yealink-" + name.ToLowerInvariant(),
        Vendor = Vendor.Yealink,
        Name = name,
        MaxAccounts = accounts,
        LineKeyCount = lineKeys,
        ExpansionModules = modules,
        ConfigFamily = CommonFileName(commonFile),
        PhonebookSizeLimit = PhonebookSizeLimit,
        Settings = options,
    };

    /// <summary><c>y000000000066.cfg</c>: "y" and the family number on 12 digits.</summary>
    internal static string CommonFileName(int family) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"y{family:D12}.cfg");
}
