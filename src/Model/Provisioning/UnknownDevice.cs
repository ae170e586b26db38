namespace Sophia.Model.Provisioning;

/// <summary>A MAC that asked for a configuration but is in no stock: the helpdesk lists these and assigns from them.</summary>
public sealed class UnknownDevice
{
    public int Id { get; set; }

    /// <summary>Canonical MAC, 12 lower-case hex digits.</summary>
    public required string Mac { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public required string LastIp { get; set; }
    public string? LastUserAgent { get; set; }
    public int Requests { get; set; }

    /// <summary>The vendor the User-Agent names (what the phone says it is), else the one of the MAC's OUI.</summary>
    public string? Vendor { get; set; }

    /// <summary>The model as the User-Agent names it (<c>T46S</c>, <c>VVX 450</c>), even one the catalog lacks.</summary>
    public string? ModelName { get; set; }

    /// <summary>The catalog model of <see cref="ModelName"/>, which adoption takes; null when the catalog lacks it.</summary>
    public string? ModelId { get; set; }

    /// <summary>The phone's application version, from the last request that carried it (not an updater's).</summary>
    public string? Firmware { get; set; }

    /// <summary>The version of a Polycom's updater (<c>Type/Updater</c> requests), which is not the firmware.</summary>
    public string? UpdaterVersion { get; set; }

    /// <summary>The serial number a Polycom User-Agent carries (<c>(SN:…)</c>); adoption keeps it.</summary>
    public string? SerialNumber { get; set; }

    /// <summary>
    /// The User-Agent names another vendor than the MAC's OUI (a Polycom agent asking for a Yealink MAC's file): a
    /// phone lying about itself, or a file asked for another device. Recorded as the agent says, for the helpdesk to judge.
    /// </summary>
    public bool VendorMismatch { get; set; }
}
