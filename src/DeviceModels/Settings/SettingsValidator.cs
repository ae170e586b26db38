using System.Globalization;
using Sophia.DeviceModels.Catalog;

namespace Sophia.DeviceModels.Settings;

/// <summary>Checks <see cref="DeviceSettings"/> against one model's <see cref="SettingOptions"/>.</summary>
internal static class SettingsValidator
{
    public static IReadOnlyList<SettingError> Validate(DeviceModel model, DeviceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = model.Settings;
        var errors = new List<SettingError>();
        foreach (var setting in Enum.GetValues<DeviceSetting>())
        {
            if (!settings.Has(setting))
            {
                continue;
            }
            if (!options.Supported.Contains(setting))
            {
                errors.Add(new(FieldName(setting), $"The {model.DisplayName} has no {Describe(setting)} setting; leave it empty for this model."));
                continue;
            }
            if (Check(model, setting, settings) is { } message)
            {
                errors.Add(new(FieldName(setting), message));
            }
        }
        return errors;
    }

    /// <summary>The camelCase property name API clients send.</summary>
    public static string FieldName(DeviceSetting setting)
    {
        var name = setting.ToString();
        return string.Create(name.Length, name, static (span, source) =>
        {
            source.AsSpan().CopyTo(span);
            span[0] = char.ToLowerInvariant(span[0]);
        });
    }

    private static string? Check(DeviceModel model, DeviceSetting setting, DeviceSettings settings)
    {
        var options = model.Settings;
        switch (setting)
        {
            case DeviceSetting.DateFormat when !options.DateFormats.Contains(settings.DateFormat!, StringComparer.Ordinal):
                return $"'{settings.DateFormat}' is not a date format the {model.DisplayName} accepts; accepted: {string.Join(", ", options.DateFormats)}.";
            case DeviceSetting.TimeFormat when !options.TimeFormats.Contains(settings.TimeFormat!.Value):
                return $"'{settings.TimeFormat}' is not a time format the {model.DisplayName} accepts; accepted: {string.Join(", ", options.TimeFormats)}.";
            case DeviceSetting.ScreenOffMinutes when !options.ScreenOffMinutes.Contains(settings.ScreenOffMinutes!.Value):
                return string.Create(CultureInfo.InvariantCulture,
                    $"{settings.ScreenOffMinutes} minutes is not a screen-off delay the {model.DisplayName} accepts; accepted (minutes): {options.ScreenOffMinutes.Describe()}.");
            case DeviceSetting.Ringtone when !options.Ringtones.Contains(settings.Ringtone!, StringComparer.Ordinal):
                return $"'{settings.Ringtone}' is not a ringtone the {model.DisplayName} has; accepted: {string.Join(", ", options.Ringtones)}.";
            case DeviceSetting.LockCode:
                return CheckLockCode(model, settings.LockCode!);
            default:
                return null;
        }
    }

    // The lock code is a secret: the message describes it, never repeats it.
    private static string? CheckLockCode(DeviceModel model, string code)
    {
        var options = model.Settings;
        if (!code.All(char.IsAsciiDigit))
        {
            return $"The lock code must contain digits only (0-9); the {model.DisplayName} takes {options.LockCodeMinLength} to {options.LockCodeMaxLength} digits.";
        }
        if (code.Length < options.LockCodeMinLength || code.Length > options.LockCodeMaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The lock code has {code.Length} digits; the {model.DisplayName} takes {options.LockCodeMinLength} to {options.LockCodeMaxLength} digits.");
        }
        return null;
    }

    private static string Describe(DeviceSetting setting) => setting switch
    {
        DeviceSetting.CallWaiting => "call waiting",
        DeviceSetting.CallWaitingTone => "call-waiting tone",
        DeviceSetting.DateFormat => "date format",
        DeviceSetting.TimeFormat => "time format",
        DeviceSetting.ScreenOffMinutes => "screen-off delay",
        DeviceSetting.Ringtone => "ringtone",
        DeviceSetting.LockCode => "lock code",
        _ => setting.ToString(),
    };
}
