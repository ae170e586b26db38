using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Parc;

namespace Sophia.Model.Stock;

/// <summary>
/// A phone in the operator's inventory. It belongs to a client and is, in this order of life,
/// in the client's general stock, in a site's stock, or assigned to a user of that site.
/// </summary>
public sealed class Equipment : IVersioned
{
    public int Id { get; set; }

    /// <summary>Unique across the operator.</summary>
    public MacAddress Mac { get; set; }

    /// <summary>A <c>DeviceCatalog</c> model id, e.g. <c>yealink-t46s</c>.</summary>
    public required string ModelId { get; set; }
    public string? SerialNumber { get; set; }
    public string? Label { get; set; }

    public int ClientId { get; set; }
    public int? SiteId { get; set; }
    public Site? Site { get; set; }
    public int? UserId { get; set; }
    public User? User { get; set; }

    public DeviceSettings Settings { get; set; } = new();

    /// <summary>Optional per-device digest credentials replacing the client's; the password is a secret.</summary>
    public string? ProvisioningUser { get; set; }
    public string? ProvisioningPassword { get; set; }

    public long Version { get; set; }

    public EquipmentLocation Location =>
        UserId is not null ? EquipmentLocation.Assigned
        : SiteId is not null ? EquipmentLocation.SiteStock
        : EquipmentLocation.ClientStock;
}

public enum EquipmentLocation
{
    ClientStock,
    SiteStock,
    Assigned,
}
