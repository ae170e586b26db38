namespace Sophia.Provisioning.Rendering;

/// <summary>
/// The device settings already in one vendor's values. A null property means "not set, leave the phone's own value":
/// templates write nothing for it.
/// </summary>
public abstract record VendorSettings
{
    /// <summary>The one secret vendor settings carry (the code that unlocks the phone), or null.</summary>
    public abstract string? Secret { get; }

    public bool HasSecrets => !string.IsNullOrEmpty(Secret);

    public abstract VendorSettings WithSecretsMasked(string mask);
}

/// <summary>Yealink values; each property is named after the key it fills.</summary>
/// <param name="CallWaitingEnable"><c>call_waiting.enable</c>: 0/1.</param>
/// <param name="CallWaitingTone"><c>call_waiting.tone</c>: 0/1.</param>
/// <param name="DateFormat"><c>local_time.date_format</c>: 0..6.</param>
/// <param name="TimeFormat"><c>local_time.time_format</c>: 0 12-hour, 1 24-hour.</param>
/// <param name="BacklightTime"><c>phone_setting.backlight_time</c>, seconds (0 always on).</param>
/// <param name="InactiveBacklightLevel"><c>phone_setting.inactive_backlight_level</c>: 0 so the idle screen goes dark.</param>
/// <param name="RingType"><c>phone_setting.ring_type</c>, e.g. <c>Resource:Ring3.wav</c>.</param>
/// <param name="PhoneLockEnable"><c>phone_setting.phone_lock.enable</c>: 1 with a lock code, else 0; null when the model has no lock.</param>
/// <param name="UnlockPin"><c>phone_setting.phone_lock.unlock_pin</c>. A secret.</param>
/// <param name="LockTimeOut"><c>phone_setting.phone_lock.lock_time_out</c>, idle seconds; 0 locks only on demand.</param>
public sealed record YealinkSettings(
    string? CallWaitingEnable,
    string? CallWaitingTone,
    string? DateFormat,
    string? TimeFormat,
    string? BacklightTime,
    string? InactiveBacklightLevel,
    string? RingType,
    string? PhoneLockEnable,
    string? UnlockPin,
    string? LockTimeOut) : VendorSettings
{
    public override string? Secret => UnlockPin;

    public override VendorSettings WithSecretsMasked(string mask) => HasSecrets ? this with { UnlockPin = mask } : this;

    public override string ToString() => $"YealinkSettings {{ PhoneLockEnable = {PhoneLockEnable}, UnlockPin = {(HasSecrets ? "***" : "")} }}";
}

/// <summary>Polycom UC Software values; each property is named after the key it fills.</summary>
/// <param name="CallWaitingEnable"><c>call.callWaiting.enable</c>: 0/1.</param>
/// <param name="CallWaitingRing"><c>call.callWaiting.ring</c>: <c>beep</c> or <c>silent</c>.</param>
/// <param name="DateFormat"><c>lcl.datetime.date.format</c>, e.g. <c>D,dM</c>.</param>
/// <param name="DateLongFormat"><c>lcl.datetime.date.longFormat</c>: 0/1.</param>
/// <param name="TwentyFourHourClock"><c>lcl.datetime.time.24HourClock</c>: 0/1.</param>
/// <param name="PowerSavingEnable"><c>powerSaving.enable</c>: 0/1.</param>
/// <param name="PowerSavingOfficeHoursIdleTimeout"><c>powerSaving.idleTimeout.officeHours</c>, minutes.</param>
/// <param name="RingType"><c>reg.N.ringType</c>, e.g. <c>ringer4</c>.</param>
/// <param name="PhoneLockEnabled"><c>phoneLock.enabled</c>: 1 with a lock code, else 0; null when the model has no lock.</param>
/// <param name="UserPassword"><c>device.auth.localUserPassword</c>, which unlocks a locked VVX. A secret.</param>
public sealed record PolycomSettings(
    string? CallWaitingEnable,
    string? CallWaitingRing,
    string? DateFormat,
    string? DateLongFormat,
    string? TwentyFourHourClock,
    string? PowerSavingEnable,
    string? PowerSavingOfficeHoursIdleTimeout,
    string? RingType,
    string? PhoneLockEnabled,
    string? UserPassword) : VendorSettings
{
    /// <summary><c>powerSaving.idleTimeout.offHours</c>, minutes: the screen goes off outside office hours too.</summary>
    public string? PowerSavingOffHoursIdleTimeout { get; init; }

    public override string? Secret => UserPassword;

    public override VendorSettings WithSecretsMasked(string mask) => HasSecrets ? this with { UserPassword = mask } : this;

    public override string ToString() => $"PolycomSettings {{ PhoneLockEnabled = {PhoneLockEnabled}, UserPassword = {(HasSecrets ? "***" : "")} }}";
}
