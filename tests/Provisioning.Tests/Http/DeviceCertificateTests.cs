using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Sophia.DeviceModels.Identification;
using Sophia.Provisioning.Http;

namespace Sophia.Provisioning.Tests.Http;

public sealed class DeviceCertificateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly MacAddress T46s = MacAddress.Parse("001565988c06");
    private readonly string scratch = Directory.CreateTempSubdirectory("sophia-device-ca-").FullName;

    [Theory]
    [InlineData("CN=001565988c06")]
    [InlineData("CN=001565988C06")]
    [InlineData("CN=00:15:65:98:8c:06")]
    [InlineData("CN=00:15:65:98:8C:06")]
    [InlineData("CN=00-15-65-98-8c-06")]
    [InlineData("CN=00-15-65-98-8C-06")]
    [InlineData("CN=0015.6598.8c06")]
    [InlineData("C=CN, O=Yealink, OU=Device, CN=001565988c06")]
    [InlineData("CN=001565988c06, O=Polycom Inc.")]
    public void The_MAC_is_read_from_a_common_name_in_any_notation(string subject)
    {
        Assert.True(DeviceCertificateValidator.TryReadMac(new X500DistinguishedName(subject), out var mac));
        Assert.Equal(T46s, mac);
    }

    [Theory]
    [InlineData("CN=Yealink Device")]
    [InlineData("O=001565988c06")]
    [InlineData("CN=00:15:65-98:8c:06")]
    [InlineData("CN=001565988c06ab")]
    [InlineData("CN=SEP001565988c06")]
    [InlineData("CN=001565988c06, CN=001565aa0001")]
    public void A_subject_without_exactly_one_MAC_common_name_names_none(string subject)
    {
        Assert.False(DeviceCertificateValidator.TryReadMac(new X500DistinguishedName(subject), out _));
    }

    [Fact]
    public void A_certificate_of_a_trusted_CA_gives_its_MAC()
    {
        using var ca = Authority("CN=Device CA");
        using var device = Issue(ca, "CN=00:15:65:98:8C:06", Now.AddDays(-1), Now.AddDays(30));

        var check = Validator(ca).Check(device, Now);

        Assert.Equal(T46s, check.Mac);
        Assert.Null(check.Refusal);
    }

    [Fact]
    public void A_certificate_of_another_CA_is_refused()
    {
        using var trusted = Authority("CN=Device CA");
        using var other = Authority("CN=Other CA");
        using var device = Issue(other, "CN=001565988c06", Now.AddDays(-1), Now.AddDays(30));

        var check = Validator(trusted).Check(device, Now);

        Assert.Null(check.Mac);
        Assert.StartsWith("device certificate not trusted", check.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_or_not_yet_valid_certificate_is_refused()
    {
        using var ca = Authority("CN=Device CA");
        using var expired = Issue(ca, "CN=001565988c06", Now.AddDays(-30), Now.AddDays(-1));
        using var early = Issue(ca, "CN=001565988c06", Now.AddDays(1), Now.AddDays(30));
        var validator = Validator(ca);

        Assert.Contains("NotTimeValid", validator.Check(expired, Now).Refusal, StringComparison.Ordinal);
        Assert.Contains("NotTimeValid", validator.Check(early, Now).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_certificate_naming_no_MAC_is_refused()
    {
        using var ca = Authority("CN=Device CA");
        using var device = Issue(ca, "CN=Yealink generic", Now.AddDays(-1), Now.AddDays(30));

        Assert.Null(Validator(ca).Check(device, Now).Mac);
    }

    [Fact]
    public void A_missing_CA_bundle_stops_the_start_naming_its_key()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DeviceCertificateValidator.ConfigurationKey] = Path.Combine(scratch, "none.pem") })
            .Build();

        var e = Assert.Throws<InvalidOperationException>(() => DeviceCertificateValidator.FromConfiguration(configuration));
        Assert.StartsWith("Sophia:Https:DeviceCaPath", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private DeviceCertificateValidator Validator(X509Certificate2 ca)
    {
        var path = Path.Combine(scratch, $"{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, ca.ExportCertificatePem());
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DeviceCertificateValidator.ConfigurationKey] = path })
            .Build();
        return DeviceCertificateValidator.FromConfiguration(configuration);
    }

    private static X509Certificate2 Authority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(10));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, DateTimeOffset from, DateTimeOffset until)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(ca, from, until, serial);
        return issued.CopyWithPrivateKey(key);
    }
}
