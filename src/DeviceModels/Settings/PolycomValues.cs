using System.Collections.Frozen;
using System.Globalization;

namespace Sophia.DeviceModels.Settings;

/// <summary>The two Polycom keys that together set the date display.</summary>
/// <param name="Format"><c>lcl.datetime.date.format</c>: D weekday, d day, M month, e.g. <c>D,dM</c>.</param>
/// <param name="LongFormat"><c>lcl.datetime.date.longFormat</c>: <c>0</c> abbreviated names (Tue, Oct), <c>1</c> full names.</param>
public sealed record PolycomDateFormat(string Format, string LongFormat);

/// <summary>The Polycom power-saving keys that turn the screen off when the phone is idle.</summary>
/// <param name="Enable"><c>powerSaving.enable</c>: <c>0</c> or <c>1</c>.</param>
/// <param name="OfficeHoursIdleTimeout">
/// <c>powerSaving.idleTimeout.officeHours</c> in minutes, or <see langword="null"/> when power saving is off.
/// </param>
/// <param name="OffHoursIdleTimeout">
/// <c>powerSaving.idleTimeout.offHours</c>, minutes: the same delay outside office hours (nights, weekends), at most
/// 10, the range the phone offers there; <see langword="null"/> when power saving is off.
/// </param>
public sealed record PolycomPowerSaving(string Enable, string? OfficeHoursIdleTimeout, string? OffHoursIdleTimeout = null);

/// <summary>
/// Neutral setting values to the values Polycom UC Software (VVX) configuration takes.
/// Key names, values and their sources are listed in src/DeviceModels/README.md.
/// </summary>
public static class PolycomValues
{
    /// <summary>
    /// A locked VVX unlocks with the user password (<c>device.auth.localUserPassword</c>), which holds 0–32
    /// characters; Sophia asks for 2 or more digits because 2 is the phone's default minimum
    /// (<c>sec.pwd.length.user</c>) for a password typed on the phone.
    /// </summary>
    public const int LockCodeMinLength = 2;
    public const int LockCodeMaxLength = 32;

    /// <summary>The longest <c>powerSaving.idleTimeout.offHours</c>, minutes (FreePBX polycomphones offers 1–10).</summary>
    public const int MaxOffHoursMinutes = 10;

    /// <summary>The power-saving office-hours idle timeout runs from 1 to 600 minutes; 0 turns power saving off.</summary>
    public const int MaxScreenOffMinutes = 600;

    private static readonly (string Token, PolycomDateFormat Value)[] DateFormatValues =
    [
        (DateFormats.WeekdayMonthDay, new("D,Md", "0")),
        (DateFormats.WeekdayDayMonth, new("D,dM", "0")),
        (DateFormats.MonthDayWeekday, new("Md,D", "0")),
        (DateFormats.DayMonthWeekday, new("dM,D", "0")),
    ];

    private static readonly FrozenDictionary<string, PolycomDateFormat> DateFormatByToken =
        DateFormatValues.ToFrozenDictionary(p => p.Token, p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// UC Software's built-in ringers, <c>ringer1</c>..<c>ringer14</c>, by neutral name; <c>ringer15</c>/<c>ringer16</c>
    /// are custom sampled patterns and are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RingerNames { get; } = new[]
    {
        (Ringtones.Silent, "Silent Ring"),
        (Ringtones.Ring(1), "Low Trill"),
        (Ringtones.Ring(2), "Low Double Trill"),
        (Ringtones.Ring(3), "Medium Trill"),
        (Ringtones.Ring(4), "Medium Double Trill"),
        (Ringtones.Ring(5), "High Trill"),
        (Ringtones.Ring(6), "High Double Trill"),
        (Ringtones.Ring(7), "Highest Trill"),
        (Ringtones.Ring(8), "Highest Double Trill"),
        (Ringtones.Ring(9), "Beeble"),
        (Ringtones.Ring(10), "Triplet"),
        (Ringtones.Ring(11), "Ringback-style"),
        (Ringtones.Ring(12), "Low Trill Precedence"),
        (Ringtones.Ring(13), "Ring Splash"),
    }.ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    private static readonly int AudibleRingerCount = RingerNames.Count - 1;

    public static IReadOnlyList<string> DateFormatTokens { get; } = [.. DateFormatValues.Select(p => p.Token)];

    /// <summary><c>Silent</c>, then <c>Ring1</c>..<c>Ring13</c>.</summary>
    public static IReadOnlyList<string> RingtoneNames { get; } =
        [Ringtones.Silent, .. Enumerable.Range(1, AudibleRingerCount).Select(Ringtones.Ring)];

    public static ScreenOffChoices ScreenOffChoices { get; } = ScreenOffChoices.Range(1, MaxScreenOffMinutes, 0);

    /// <summary><c>0</c> or <c>1</c>, for every on/off key.</summary>
    public static string Flag(bool on) => on ? "1" : "0";

    /// <summary>The <c>call.callWaiting.ring</c> value: <c>beep</c> with a tone, <c>silent</c> without.</summary>
    public static string CallWaitingRing(bool tone) => tone ? "beep" : "silent";

    public static PolycomDateFormat DateFormat(string token) =>
        DateFormatByToken.TryGetValue(token, out var value)
            ? value
            : throw new ArgumentException($"Polycom has no date format '{token}'.", nameof(token));

    /// <summary>The <c>lcl.datetime.time.24HourClock</c> value: 0 = 12-hour, 1 = 24-hour.</summary>
    public static string TimeFormat(TimeFormat format) => format switch
    {
        Settings.TimeFormat.Hour12 => "0",
        Settings.TimeFormat.Hour24 => "1",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown time format."),
    };

    /// <summary>The <c>reg.N.ringType</c> value: <c>Silent</c> is <c>ringer1</c>, <c>RingN</c> is <c>ringer(N+1)</c>.</summary>
    public static string Ringer(string ringtone)
    {
        if (ringtone == Ringtones.Silent)
        {
            return "ringer1";
        }
        return Ringtones.NumberOf(ringtone) is { } n && n <= AudibleRingerCount
            ? "ringer" + (n + 1).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"Polycom has no built-in ringtone '{ringtone}'.", nameof(ringtone));
    }

    /// <summary>Power saving for a screen-off delay: off for 0 (never), else on after that many idle minutes.</summary>
    public static PolycomPowerSaving PowerSaving(int minutes) => minutes switch
    {
        0 => new PolycomPowerSaving("0", null),
        >= 1 and <= MaxScreenOffMinutes => new PolycomPowerSaving("1", minutes.ToString(CultureInfo.InvariantCulture),
            Math.Min(minutes, MaxOffHoursMinutes).ToString(CultureInfo.InvariantCulture)),
        _ => throw new ArgumentOutOfRangeException(nameof(minutes), minutes, $"Polycom's power saving takes {ScreenOffChoices.Describe()} minutes."),
    };
}
