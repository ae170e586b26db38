using System.ComponentModel.DataAnnotations;

namespace Sophia.Provisioning.FetchLog;

/// <summary>
/// What the fetch log keeps, section <c>Sophia:Provisioning:FetchLog</c>. Requests that fail (no or wrong credentials,
/// unknown MAC, a refused TFTP read) cost an attacker nothing, so what they can make the database hold is bounded.
/// </summary>
public sealed class FetchLogOptions
{
    public const string SectionName = "Sophia:Provisioning:FetchLog";

    /// <summary>
    /// Failed requests (anything but 200 and 304) from one source address written per minute; beyond, they are
    /// counted and summarised in the log, and their MACs are not recorded as unknown devices.
    /// </summary>
    [Range(1, 1_000_000)]
    public int FailuresPerSourcePerMinute { get; set; } = 20;

    /// <summary>Unknown devices kept at most; beyond, the longest unseen are dropped.</summary>
    [Range(1, 10_000_000)]
    public int MaxUnknownDevices { get; set; } = 10_000;

    /// <summary>Days fetch events are kept.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Days an unknown device is kept after it was last seen.</summary>
    [Range(1, 3650)]
    public int UnknownDeviceRetentionDays { get; set; } = 90;
}
