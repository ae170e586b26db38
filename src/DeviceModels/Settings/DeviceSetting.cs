namespace Sophia.DeviceModels.Settings;

/// <summary>
/// The user-facing phone settings of the self-care "Paramètres de l'équipement" and "Paramètres de sécurité" pages,
/// one per property of <see cref="DeviceSettings"/>.
/// </summary>
public enum DeviceSetting
{
    CallWaiting,
    CallWaitingTone,
    DateFormat,
    TimeFormat,
    ScreenOffMinutes,
    Ringtone,
    LockCode,
}
