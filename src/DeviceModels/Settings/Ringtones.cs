using System.Globalization;

namespace Sophia.DeviceModels.Settings;

/// <summary>
/// The neutral ringtone names: <c>Ring1</c>..<c>RingN</c> number a vendor's built-in audible tones in the vendor's
/// own order, and <c>Silent</c> rings without sound. Yealink has <c>Ring1</c>..<c>Ring8</c>
/// (<c>Ring1.wav</c>..<c>Ring8.wav</c>); Polycom has <c>Silent</c> and <c>Ring1</c>..<c>Ring13</c>
/// (<c>ringer1</c>..<c>ringer14</c>, see <see cref="PolycomValues.RingerNames"/>). The same name may therefore sound
/// different on the two vendors; the phone's ringtone menu shows which is which.
/// </summary>
public static class Ringtones
{
    public const string Silent = "Silent";

    /// <summary>The name of the vendor's n-th built-in tone, e.g. <c>Ring3</c>.</summary>
    public static string Ring(int number) =>
        number >= 1
            ? "Ring" + number.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(number), number, "Ringtones are numbered from 1.");

    /// <summary>The number in a <c>RingN</c> name, or <see langword="null"/> for any other text.</summary>
    public static int? NumberOf(string ringtone)
    {
        if (!ringtone.StartsWith("Ring", StringComparison.Ordinal) || ringtone.Length < 5 || ringtone[4] == '0')
        {
            return null;
        }
        return int.TryParse(ringtone.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }
}
