using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Sophia.DeviceModels.Identification;

namespace Sophia.Provisioning.Http;

/// <summary>What a phone's client certificate proves: the MAC of a device certificate that chains to a trusted CA, or why it proves nothing.</summary>
public sealed record DeviceCertificateCheck(MacAddress? Mac, string? Refusal)
{
    public static DeviceCertificateCheck Valid(MacAddress mac) => new(mac, null);

    public static DeviceCertificateCheck Refused(string why) => new(null, why);
}

/// <summary>
/// The operator's trusted device CAs (<c>Sophia:Https:DeviceCaPath</c>, a PEM bundle: the vendors' roots, e.g. the
/// Polycom and Yealink device CAs, and any intermediates) and the check of a phone's client certificate against them
/// alone, never against the machine's store: a web server certificate from a public CA proves nothing about a phone.
/// Yealink and Polycom document their factory certificates as unique to the device and based on its MAC address; the
/// MAC is read from the subject's common name, in any notation (<see cref="TryReadMac"/>).
/// </summary>
public sealed class DeviceCertificateValidator
{
    public const string ConfigurationKey = "Sophia:Https:DeviceCaPath";

    private readonly X509Certificate2Collection roots;
    private readonly X509Certificate2Collection intermediates;

    private DeviceCertificateValidator(X509Certificate2Collection roots, X509Certificate2Collection intermediates)
    {
        this.roots = roots;
        this.intermediates = intermediates;
    }

    /// <summary>No trusted CA: every client certificate is refused, and so plays no part.</summary>
    public static DeviceCertificateValidator None { get; } = new([], []);

    /// <summary>Whether any device CA is trusted, i.e. whether the HTTPS endpoint should ask phones for their certificate.</summary>
    public bool Enabled => roots.Count > 0;

    /// <summary>The CAs of <c>Sophia:Https:DeviceCaPath</c>; a missing or unreadable bundle stops the start, naming the key.</summary>
    public static DeviceCertificateValidator FromConfiguration(IConfiguration configuration)
    {
        var path = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return None;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{ConfigurationKey}: no file at '{Path.GetFullPath(path)}'.");
        }
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{ConfigurationKey}: '{path}' is not a PEM bundle of CA certificates ({e.Message}).", e);
        }
        var roots = new X509Certificate2Collection();
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in bundle)
        {
            (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) ? roots : intermediates).Add(certificate);
        }
        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"{ConfigurationKey}: '{path}' holds no self-signed root certificate.");
        }
        return new DeviceCertificateValidator(roots, intermediates);
    }

    /// <summary>Checks the certificate's chain up to one of the trusted roots, at <paramref name="now"/>, and reads its MAC.</summary>
    public DeviceCertificateCheck Check(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (!Enabled)
        {
            return DeviceCertificateCheck.Refused("no device CA is trusted");
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        // No revocation check: it would fetch the vendor's CRL (the Polycom root names one) on the request path, making
        // every phone's boot wait on, and fail with, a third party's site. A phone that must no longer be served is
        // taken out of the stock, which stops both its certificate and its digest.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var status = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct();
            return DeviceCertificateCheck.Refused($"device certificate not trusted: {string.Join(", ", status)}");
        }
        return TryReadMac(certificate.SubjectName, out var mac)
            ? DeviceCertificateCheck.Valid(mac)
            : DeviceCertificateCheck.Refused("device certificate names no MAC in its subject");
    }

    /// <summary>
    /// The MAC a device certificate's subject names: a common name that is a MAC in any notation (<c>001565988c06</c>,
    /// <c>00:15:65:98:8C:06</c>, <c>00-15-65-98-8c-06</c>, <c>0015.6598.8c06</c>). A subject with no such common
    /// name, or with two naming different MACs, names none.
    /// </summary>
    public static bool TryReadMac(X500DistinguishedName subject, out MacAddress mac)
    {
        mac = default;
        MacAddress? found = null;
        foreach (var name in subject.EnumerateRelativeDistinguishedNames())
        {
            if (name.HasMultipleElements || name.GetSingleElementType().Value != "2.5.4.3" || !MacAddress.TryParse(name.GetSingleElementValue(), out var candidate))
            {
                continue;
            }
            if (found is { } other && other != candidate)
            {
                return false;
            }
            found = candidate;
        }
        if (found is not { } single)
        {
            return false;
        }
        mac = single;
        return true;
    }
}
