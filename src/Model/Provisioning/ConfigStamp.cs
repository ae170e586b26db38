namespace Sophia.Model.Provisioning;

/// <summary>
/// Changes whenever anything of a client that feeds its phones' configs changes (users, keys, settings, contacts,
/// numbers, equipment). Every node compares it with the stamp its cached renders were made under, so a change
/// saved on one node invalidates the caches of all nodes that share the database.
/// </summary>
public sealed class ConfigStamp
{
    public int ClientId { get; set; }
    public Guid Stamp { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
