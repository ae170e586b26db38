namespace Sophia.Model.Parc;

/// <summary>A business customer of the operator: its users, numbers and phones live under its sites.</summary>
public sealed class Client : IVersioned
{
    public int Id { get; set; }
    public int OperatorId { get; set; }
    public required string Name { get; set; }

    /// <summary>SIP domain of the client's lines and logins, e.g. <c>15rp.sewan.eu</c>.</summary>
    public required string SipDomain { get; set; }

    /// <summary>HTTP digest user the client's phones authenticate with when they fetch their configuration.</summary>
    public required string ProvisioningUser { get; set; }

    /// <summary>Secret: never listed, logged or exported.</summary>
    public required string ProvisioningPassword { get; set; }

    public required string RegistrarHost { get; set; }
    public int RegistrarPort { get; set; } = 5060;
    public SipTransport RegistrarTransport { get; set; } = SipTransport.Udp;

    public long Version { get; set; }

    public List<Site> Sites { get; } = [];
}

public enum SipTransport
{
    Udp,
    Tcp,
    Tls,
}
