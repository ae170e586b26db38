using System.Collections.Frozen;
using System.Globalization;

namespace Sophia.DeviceModels.Settings;

/// <summary>
/// Neutral setting values to the values Yealink <c>.cfg</c> files take (firmware V8x: T3x, T4xS/U, T5xW).
/// Key names, codes and their sources are listed in src/DeviceModels/README.md.
/// </summary>
public static class YealinkValues
{
    /// <summary>
    /// The <c>phone_setting.inactive_backlight_level</c> written with a backlight time, so the idle screen goes dark
    /// rather than dim.
    /// </summary>
    public const string InactiveBacklightOff = "0";

    /// <summary>The unlock PIN is digits only, up to 15 (web UI "Phone Unlock PIN (0~15 Digit)"); Sophia asks for at least one.</summary>
    public const int LockCodeMinLength = 1;
    public const int LockCodeMaxLength = 15;

    // The seven fixed formats of local_time.date_format, in the firmware's numbering.
    private static readonly (string Token, int Code)[] DateFormatCodes =
    [
        (DateFormats.WeekdayMonthDay, 0),
        (DateFormats.DayMonthNameShortYear, 1),
        (DateFormats.Iso, 2),
        (DateFormats.DayMonthYear, 3),
        (DateFormats.MonthDayShortYear, 4),
        (DateFormats.DayMonthNameYear, 5),
        (DateFormats.WeekdayDayMonth, 6),
    ];

    private static readonly FrozenDictionary<string, int> DateFormatByToken =
        DateFormatCodes.ToFrozenDictionary(p => p.Token, p => p.Code, StringComparer.Ordinal);

    // Minutes -> phone_setting.backlight_time seconds; 0 is "always on" on V80+ (1 is "always off", which the
    // T46S/T48S do not offer: never written). The firmware's other choices (15 s, 30 s) are shorter than a minute
    // and so have no neutral value.
    private static readonly FrozenDictionary<int, int> BacklightSecondsByMinutes =
        new Dictionary<int, int> { [0] = 0, [1] = 60, [2] = 120, [5] = 300, [10] = 600, [30] = 1800 }.ToFrozenDictionary();

    private const int SystemRingtoneCount = 8;

    /// <summary>Accepted date-format tokens, in <c>local_time.date_format</c> order.</summary>
    public static IReadOnlyList<string> DateFormatTokens { get; } = [.. DateFormatCodes.Select(p => p.Token)];

    /// <summary><c>Ring1</c>..<c>Ring8</c>.</summary>
    public static IReadOnlyList<string> RingtoneNames { get; } =
        [.. Enumerable.Range(1, SystemRingtoneCount).Select(Ringtones.Ring)];

    public static ScreenOffChoices ScreenOffChoices { get; } = ScreenOffChoices.OneOf([.. BacklightSecondsByMinutes.Keys]);

    /// <summary><c>0</c> or <c>1</c>, for every on/off key.</summary>
    public static string Flag(bool on) => on ? "1" : "0";

    /// <summary>The <c>local_time.date_format</c> code, e.g. <c>3</c> for <c>DD/MM/YYYY</c>.</summary>
    public static string DateFormat(string token) =>
        DateFormatByToken.TryGetValue(token, out var code)
            ? code.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"Yealink has no date format '{token}'.", nameof(token));

    /// <summary>The <c>local_time.time_format</c> value: 0 = 12-hour, 1 = 24-hour.</summary>
    public static string TimeFormat(TimeFormat format) => format switch
    {
        Settings.TimeFormat.Hour12 => "0",
        Settings.TimeFormat.Hour24 => "1",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown time format."),
    };

    /// <summary>The <c>phone_setting.backlight_time</c> value in seconds, e.g. <c>1800</c> for 30 minutes.</summary>
    public static string BacklightTime(int minutes) =>
        BacklightSecondsByMinutes.TryGetValue(minutes, out var seconds)
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, $"Yealink's backlight takes {ScreenOffChoices.Describe()} minutes.");

    /// <summary>
    /// The <c>phone_setting.ring_type</c> value, e.g. <c>Ring3.wav</c>: the V8x admin guide names the built-in tones
    /// bare (<c>Ring1.wav</c>..<c>Ring8.wav</c>); the <c>Resource:</c> prefix is only in copied template comments.
    /// </summary>
    public static string RingType(string ringtone) =>
        Ringtones.NumberOf(ringtone) is { } n and <= SystemRingtoneCount
            ? string.Create(CultureInfo.InvariantCulture, $"Ring{n}.wav")
            : throw new ArgumentException($"Yealink has no built-in ringtone '{ringtone}'.", nameof(ringtone));
}
