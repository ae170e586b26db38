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

    // A DECT base: no line key, no module, one account per handset. Of the settings only call waiting is the base's
    // (call_waiting.enable, written by Wazo's W-series templates); the handsets have no lock code nor backlight key,
    // and their date, time and ring settings are other keys (custom.handset.*) or set on each handset.
    private static readonly SettingOptions DectOptions = Options with { Supported = new HashSet<DeviceSetting> { DeviceSetting.CallWaiting } };

    // Declared after the options it uses: static initializers run in textual order.
    public static IReadOnlyList<DeviceModel> Models { get; } =
    [
        Model("T31P", accounts: 2, lineKeys: 2, commonFile: 123),
        Model("T33G", accounts: 4, lineKeys: 12, commonFile: 124),
        Model("T43U", accounts: 12, lineKeys: 21, commonFile: 107, Exp43),
        Model("T46S", accounts: 16, lineKeys: 27, commonFile: 66, Exp40),
        Model("T46U", accounts: 16, lineKeys: 27, commonFile: 108, Exp43),
        Model("T48S", accounts: 16, lineKeys: 29, commonFile: 65, Exp40),
        Model("T48U", accounts: 16, lineKeys: 29, commonFile: 109, Exp43),
        Model("T53W", accounts: 12, lineKeys: 21, commonFile: 95, Exp50),
        Model("T54W", accounts: 16, lineKeys: 27, commonFile: 96, Exp50),
        Model("T57W", accounts: 16, lineKeys: 29, commonFile: 97, Exp50),
        Dect("W60B", handsets: 8, commonFile: 77),
        Dect("W70B", handsets: 10, commonFile: 146),
    ];

    private static DeviceModel Dect(string name, int handsets, int commonFile) =>
        Model(name, accounts: handsets, lineKeys: 0, commonFile) with { Handsets = handsets, Settings = DectOptions };

    private static DeviceModel Model(string name, int accounts, int lineKeys, int commonFile, params ExpansionModule[] modules) => new()
    {
        Id = "yealink-" + name.ToLowerInvariant(),
        Vendor = Vendor.Yealink,
        Name = name,
        MaxAccounts = accounts,
        LineKeyCount = lineKeys,
        ExpansionModules = modules,
        ConfigFamily = CommonFileName(commonFile),
        PhonebookSizeLimit = PhonebookSizeLimit,
        Settings = Options,
    };

    /// <summary><c>y000000000066.cfg</c>: "y" and the family number on 12 digits.</summary>
    internal static string CommonFileName(int family) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"y{family:D12}.cfg");
}
