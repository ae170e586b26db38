using System.Globalization;

namespace Sophia.DeviceModels.Settings;

/// <summary>
/// The screen-off delays (minutes) a model accepts: either a fixed list (Yealink's backlight menu) or every
/// whole minute in a range (Polycom's power-saving timeout). 0, "never", is listed explicitly when accepted.
/// </summary>
public sealed class ScreenOffChoices
{
    private readonly int[] values;
    private readonly int rangeMin;
    private readonly int rangeMax;

    private ScreenOffChoices(int[] values, int rangeMin, int rangeMax)
    {
        this.values = values;
        this.rangeMin = rangeMin;
        this.rangeMax = rangeMax;
    }

    /// <summary>Exactly these values.</summary>
    public static ScreenOffChoices OneOf(params int[] minutes) => new([.. minutes.Order()], 0, -1);

    /// <summary>Every minute from <paramref name="min"/> to <paramref name="max"/>, plus the listed <paramref name="also"/> values.</summary>
    public static ScreenOffChoices Range(int min, int max, params int[] also) => new([.. also.Order()], min, max);

    /// <summary>The explicit values (for a range: only the extra ones, such as 0).</summary>
    public IReadOnlyList<int> Values => values;

    /// <summary>The lower bound of the accepted range, or <see langword="null"/> for a fixed list.</summary>
    public int? RangeMin => rangeMax >= rangeMin ? rangeMin : null;

    /// <summary>The upper bound of the accepted range, or <see langword="null"/> for a fixed list.</summary>
    public int? RangeMax => rangeMax >= rangeMin ? rangeMax : null;

    public bool Contains(int minutes) =>
        Array.IndexOf(values, minutes) >= 0 || (minutes >= rangeMin && minutes <= rangeMax);

    /// <summary>For messages: <c>0 (never), 1, 2, 5, 10, 30</c> or <c>0 (never) or 1 to 600</c>.</summary>
    public string Describe()
    {
        var listed = string.Join(", ", values.Select(v => v == 0 ? "0 (never)" : v.ToString(CultureInfo.InvariantCulture)));
        if (RangeMin is not { } min || RangeMax is not { } max)
        {
            return listed;
        }
        var range = string.Create(CultureInfo.InvariantCulture, $"{min} to {max}");
        return listed.Length == 0 ? range : $"{listed} or {range}";
    }

    public override string ToString() => Describe();
}
