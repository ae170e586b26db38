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
                errors.Add(SettingError.Create(FieldName(setting), "setting.unsupported",
                    $"The {model.DisplayName} has no {Describe(setting)} setting; leave it empty for this model.",
                    ("setting", FieldName(setting)), ("model", model.DisplayName)));
                continue;
            }
            if (Check(model, setting, settings) is { } error)
            {
                errors.Add(error);
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

    private static SettingError? Check(DeviceModel model, DeviceSetting setting, DeviceSettings settings)
    {
        var options = model.Settings;
        var field = FieldName(setting);
        switch (setting)
        {
            case DeviceSetting.DateFormat when !options.DateFormats.Contains(settings.DateFormat!, StringComparer.Ordinal):
                return NotAccepted(field, model, settings.DateFormat!, options.DateFormats,
                    $"'{settings.DateFormat}' is not a date format the {model.DisplayName} accepts; accepted: {string.Join(", ", options.DateFormats)}.");
            case DeviceSetting.TimeFormat when !options.TimeFormats.Contains(settings.TimeFormat!.Value):
                return NotAccepted(field, model, settings.TimeFormat!.Value.ToString(), options.TimeFormats.Select(f => f.ToString()),
                    $"'{settings.TimeFormat}' is not a time format the {model.DisplayName} accepts; accepted: {string.Join(", ", options.TimeFormats)}.");
            case DeviceSetting.ScreenOffMinutes when !options.ScreenOffMinutes.Contains(settings.ScreenOffMinutes!.Value):
                return NotAccepted(field, model, settings.ScreenOffMinutes!.Value.ToString(CultureInfo.InvariantCulture), [options.ScreenOffMinutes.Describe()],
                    string.Create(CultureInfo.InvariantCulture,
                        $"{settings.ScreenOffMinutes} minutes is not a screen-off delay the {model.DisplayName} accepts; accepted (minutes): {options.ScreenOffMinutes.Describe()}."));
            case DeviceSetting.Ringtone when !options.Ringtones.Contains(settings.Ringtone!, StringComparer.Ordinal):
                return NotAccepted(field, model, settings.Ringtone!, options.Ringtones,
                    $"'{settings.Ringtone}' is not a ringtone the {model.DisplayName} has; accepted: {string.Join(", ", options.Ringtones)}.");
            case DeviceSetting.LockCode:
                return CheckLockCode(model, settings.LockCode!);
            default:
                return null;
        }
    }

    private static SettingError NotAccepted(string field, DeviceModel model, string value, IEnumerable<string> accepted, string message) =>
        SettingError.Create(field, field + ".notAccepted", message, ("value", value), ("model", model.DisplayName), ("accepted", accepted.ToList()));

    // The lock code is a secret: the message describes it, never repeats it.
    private static SettingError? CheckLockCode(DeviceModel model, string code)
    {
        var options = model.Settings;
        var range = (("model", (object)model.DisplayName), ("min", (object)options.LockCodeMinLength), ("max", (object)options.LockCodeMaxLength));
        if (!code.All(char.IsAsciiDigit))
        {
            return SettingError.Create("lockCode", "lockCode.digits",
                $"The lock code must contain digits only (0-9); the {model.DisplayName} takes {options.LockCodeMinLength} to {options.LockCodeMaxLength} digits.",
                range.Item1, range.Item2, range.Item3);
        }
        if (code.Length < options.LockCodeMinLength || code.Length > options.LockCodeMaxLength)
        {
            return SettingError.Create("lockCode", "lockCode.length",
                string.Create(CultureInfo.InvariantCulture,
                    $"The lock code has {code.Length} digits; the {model.DisplayName} takes {options.LockCodeMinLength} to {options.LockCodeMaxLength} digits."),
                ("length", code.Length), range.Item1, range.Item2, range.Item3);
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
