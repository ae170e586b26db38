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
}
