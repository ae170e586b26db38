namespace Sophia.DeviceModels.Settings;

/// <summary>Which settings one model accepts, and with which values.</summary>
public sealed record SettingOptions
{
    /// <summary>The settings the model has at all; a value for any other one cannot be applied.</summary>
    public required IReadOnlySet<DeviceSetting> Supported { get; init; }

    /// <summary>Accepted <see cref="DeviceSettings.DateFormat"/> tokens, from <see cref="DateFormats"/>.</summary>
    public required IReadOnlyList<string> DateFormats { get; init; }

    public required IReadOnlyList<TimeFormat> TimeFormats { get; init; }

    public required ScreenOffChoices ScreenOffMinutes { get; init; }

    /// <summary>Accepted <see cref="DeviceSettings.Ringtone"/> names, from <see cref="Ringtones"/>.</summary>
    public required IReadOnlyList<string> Ringtones { get; init; }

    public required int LockCodeMinLength { get; init; }

    public required int LockCodeMaxLength { get; init; }

    public static IReadOnlySet<DeviceSetting> AllSettings { get; } = Enum.GetValues<DeviceSetting>().ToHashSet();
}
