using System.Globalization;
using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Settings;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// The equipment's neutral settings in the vendor's values (through <see cref="YealinkValues"/> and
/// <see cref="PolycomValues"/>). A setting the model lacks or a value it refuses is left out with a warning.
/// </summary>
internal static class SettingsMapper
{
    public static VendorSettings Map(DeviceModel model, DeviceSettings settings, ProvisioningContext context, List<string> warnings)
    {
        var refused = model.Validate(settings);
        foreach (var error in refused)
        {
            warnings.Add($"Setting not applied: {error.Message}");
        }
        bool Use(DeviceSetting setting) =>
            settings.Has(setting) && model.Supports(setting) && !refused.Any(e => e.Field == FieldName(setting));

        var hasLock = model.Supports(DeviceSetting.LockCode);
        var locked = Use(DeviceSetting.LockCode);
        if (model.Vendor == Vendor.Yealink)
        {
            return new YealinkSettings(
                CallWaitingEnable: Use(DeviceSetting.CallWaiting) ? YealinkValues.Flag(settings.CallWaiting!.Value) : null,
                CallWaitingTone: Use(DeviceSetting.CallWaitingTone) ? YealinkValues.Flag(settings.CallWaitingTone!.Value) : null,
                DateFormat: Use(DeviceSetting.DateFormat) ? YealinkValues.DateFormat(settings.DateFormat!) : null,
                TimeFormat: Use(DeviceSetting.TimeFormat) ? YealinkValues.TimeFormat(settings.TimeFormat!.Value) : null,
                BacklightTime: Use(DeviceSetting.ScreenOffMinutes) ? YealinkValues.BacklightTime(settings.ScreenOffMinutes!.Value) : null,
                InactiveBacklightLevel: Use(DeviceSetting.ScreenOffMinutes) && settings.ScreenOffMinutes != 0 ? YealinkValues.InactiveBacklightOff : null,
                RingType: Use(DeviceSetting.Ringtone) ? YealinkValues.RingType(settings.Ringtone!) : null,
                PhoneLockEnable: hasLock ? YealinkValues.Flag(locked) : null,
                UnlockPin: locked ? settings.LockCode : null,
                LockTimeOut: locked ? context.PhoneLockTimeoutSeconds.ToString(CultureInfo.InvariantCulture) : null);
        }
        var powerSaving = Use(DeviceSetting.ScreenOffMinutes) ? PolycomValues.PowerSaving(settings.ScreenOffMinutes!.Value) : null;
        var dateFormat = Use(DeviceSetting.DateFormat) ? PolycomValues.DateFormat(settings.DateFormat!) : null;
        return new PolycomSettings(
            CallWaitingEnable: Use(DeviceSetting.CallWaiting) ? PolycomValues.Flag(settings.CallWaiting!.Value) : null,
            CallWaitingRing: Use(DeviceSetting.CallWaitingTone) ? PolycomValues.CallWaitingRing(settings.CallWaitingTone!.Value) : null,
            DateFormat: dateFormat?.Format,
            DateLongFormat: dateFormat?.LongFormat,
            TwentyFourHourClock: Use(DeviceSetting.TimeFormat) ? PolycomValues.TimeFormat(settings.TimeFormat!.Value) : null,
            PowerSavingEnable: powerSaving?.Enable,
            PowerSavingOfficeHoursIdleTimeout: powerSaving?.OfficeHoursIdleTimeout,
            RingType: Use(DeviceSetting.Ringtone) ? PolycomValues.Ringer(settings.Ringtone!) : null,
            PhoneLockEnabled: hasLock ? PolycomValues.Flag(locked) : null,
            UserPassword: locked ? settings.LockCode : null)
        {
            PowerSavingOffHoursIdleTimeout = powerSaving?.OffHoursIdleTimeout,
        };
    }

    /// <summary>A phone in stock keeps its defaults, except the lock: the previous user's code must not lock it.</summary>
    public static VendorSettings Staging(DeviceModel model)
    {
        var hasLock = model.Supports(DeviceSetting.LockCode);
        return model.Vendor == Vendor.Yealink
            ? new YealinkSettings(null, null, null, null, null, null, null, hasLock ? YealinkValues.Flag(false) : null, null, null)
            : new PolycomSettings(null, null, null, null, null, null, null, null, hasLock ? PolycomValues.Flag(false) : null, null);
    }

    // The camelCase property name SettingError.Field carries.
    private static string FieldName(DeviceSetting setting)
    {
        var name = setting.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
