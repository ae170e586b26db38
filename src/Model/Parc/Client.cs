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

    /// <summary>What a phone's factory device certificate, presented over HTTPS, does for its <c>/prov/</c> requests.</summary>
    public DeviceCertificatePolicy DeviceCertificate { get; set; } = DeviceCertificatePolicy.Ignored;

    public long Version { get; set; }

    public List<Site> Sites { get; } = [];
}

public enum SipTransport
{
    Udp,
    Tcp,
    Tls,
}

/// <summary>
/// What a valid device certificate (signed by one of the operator's trusted device CAs, its MAC the requested file's)
/// does for a client's phones on <c>/prov/</c>.
/// </summary>
public enum DeviceCertificatePolicy
{
    /// <summary>Certificates play no part: HTTP digest, as over plain HTTP.</summary>
    Ignored,

    /// <summary>A valid certificate lets the phone in without digest; digest alone still works.</summary>
    Accepted,

    /// <summary>Only a valid certificate lets the phone in; digest alone is refused as for an unknown MAC.</summary>
    Required,
}
