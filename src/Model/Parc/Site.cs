namespace Sophia.Model.Parc;

/// <summary>A place of a client (an office): it holds users, a stock of numbers and a stock of equipment.</summary>
public sealed class Site : IVersioned
{
    public const string DefaultTimeZone = "Europe/Paris";

    public int Id { get; set; }
    public int ClientId { get; set; }
    public Client? Client { get; set; }
    public required string Name { get; set; }

    /// <summary>IANA time zone id; phones get its DST rule, not fixed dates.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>Source networks (CIDR) from which this site's phones may fetch secrets over TFTP, which has no authentication.</summary>
    public List<string> TftpAllowedNetworks { get; set; } = [];

    public long Version { get; set; }
}
