using System.ComponentModel.DataAnnotations;

namespace Sophia.Provisioning.Http;

/// <summary>How <c>/prov/</c> authenticates and throttles phones: <c>Sophia:Provisioning:Http</c>.</summary>
public sealed class ProvisioningHttpOptions
{
    public const string SectionName = "Sophia:Provisioning:Http";

    /// <summary>One realm for every client, so that the challenge tells nothing about the MAC asked for.</summary>
    [Required]
    public string Realm { get; set; } = "Sophia provisioning";

    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed requests (bad credentials, unknown MAC, MAC mismatch) per source address and window before 429.</summary>
    [Range(1, 1_000_000)]
    public int FailuresPerAddress { get; set; } = 30;

    /// <summary>
    /// Failed requests for one MAC from one source address and window before 429: a stranger's failures never block
    /// the phone at its own address (the per-address limit is what bounds a brute force across MACs).
    /// </summary>
    [Range(1, 1_000_000)]
    public int FailuresPerMac { get; set; } = 10;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);
}
