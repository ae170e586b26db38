namespace Sophia.DeviceModels.Settings;

/// <summary>
/// The vendor-neutral phone settings a user or admin chooses for one device. Every property is optional:
/// <see langword="null"/> means "leave the phone's default", so nothing is written for it.
/// Only primitive, enum and string properties with init accessors, so EF Core can map it as a complex type.
/// </summary>
public sealed record DeviceSettings
{
    /// <summary>Whether a second incoming call is offered during a call ("Signal de double appel").</summary>
    public bool? CallWaiting { get; init; }

    /// <summary>Whether that second call is announced by a tone ("Tonalité double appel").</summary>
    public bool? CallWaitingTone { get; init; }

    /// <summary>One of the tokens in <see cref="DateFormats"/>, e.g. <c>DD/MM/YYYY</c>; each model accepts a subset.</summary>
    public string? DateFormat { get; init; }

    public TimeFormat? TimeFormat { get; init; }

    /// <summary>Idle minutes before the screen goes dark; 0 means never ("Eteindre l'écran après le délai").</summary>
    public int? ScreenOffMinutes { get; init; }

    /// <summary>One of the names in <see cref="Ringtones"/>, e.g. <c>Ring3</c>; each model accepts a subset.</summary>
    public string? Ringtone { get; init; }

    /// <summary>Digits that unlock a locked phone ("Code de verrouillage"). A secret: never log it.</summary>
    public string? LockCode { get; init; }

    /// <summary>Whether the given setting has a value here.</summary>
    public bool Has(DeviceSetting setting) => setting switch
    {
        DeviceSetting.CallWaiting => CallWaiting is not null,
        DeviceSetting.CallWaitingTone => CallWaitingTone is not null,
        DeviceSetting.DateFormat => DateFormat is not null,
        DeviceSetting.TimeFormat => TimeFormat is not null,
        DeviceSetting.ScreenOffMinutes => ScreenOffMinutes is not null,
        DeviceSetting.Ringtone => Ringtone is not null,
        DeviceSetting.LockCode => LockCode is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "Unknown device setting."),
    };

    /// <summary>The lock code is left out: it is a secret, and records print every property by default.</summary>
    public override string ToString() =>
        $"DeviceSettings {{ CallWaiting = {CallWaiting}, CallWaitingTone = {CallWaitingTone}, DateFormat = {DateFormat}, " +
        $"TimeFormat = {TimeFormat}, ScreenOffMinutes = {ScreenOffMinutes}, Ringtone = {Ringtone}, " +
        $"LockCode = {(LockCode is null ? "" : "***")} }}";
}
