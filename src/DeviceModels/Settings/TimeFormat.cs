namespace Sophia.DeviceModels.Settings;

/// <summary>How the phone shows the time of day.</summary>
public enum TimeFormat
{
    Hour12,
    Hour24,
}
