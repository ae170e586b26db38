using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Sophia.Server.Hosting;

namespace Sophia.Server.Tests.Hosting;

/// <summary>The certificate HTTPS serves: the embedded start's self-signed one, kept and reused, or the configured one.</summary>
public sealed class ServerCertificateTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("sophia-https-").FullName;

    [Fact]
    public void Without_a_configured_certificate_one_is_made_once_kept_0600_in_the_data_directory_and_reused()
    {
        var data = Path.Combine(scratch, "data");

        var first = ServerCertificate.Load(Https(), data, TimeProvider.System);
        var second = ServerCertificate.Load(Https(), data, TimeProvider.System);

        Assert.Equal("self-signed", first.Source);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.True(first.Certificate.HasPrivateKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, HttpsHosting.SelfSignedFile)));
        }
        var names = first.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(System.Net.Dns.GetHostName(), names.EnumerateDnsNames());
    }

    [Fact]
    public void A_PEM_certificate_with_its_key_and_a_PFX_with_its_password_are_served()
    {
        using var made = Made();
        File.WriteAllText(Path.Combine(scratch, "cert.pem"), made.ExportCertificatePem());
        File.WriteAllText(Path.Combine(scratch, "key.pem"), made.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(Path.Combine(scratch, "cert.pfx"), made.Export(X509ContentType.Pfx, "s3cret"));

        var pem = ServerCertificate.Load(Https(("CertificatePath", "cert.pem"), ("KeyPath", "key.pem")), scratch, TimeProvider.System);
        var pfx = ServerCertificate.Load(Https(("CertificatePath", "cert.pfx"), ("CertificatePassword", "s3cret")), scratch, TimeProvider.System);

        Assert.Equal(("configured", made.Thumbprint, true), (pem.Source, pem.Certificate.Thumbprint, pem.Certificate.HasPrivateKey));
        Assert.Equal(("configured", made.Thumbprint, true), (pfx.Source, pfx.Certificate.Thumbprint, pfx.Certificate.HasPrivateKey));
    }

    [Fact]
    public void A_missing_file_or_a_wrong_password_stops_the_start_naming_the_key()
    {
        using var made = Made();
        File.WriteAllBytes(Path.Combine(scratch, "cert.pfx"), made.Export(X509ContentType.Pfx, "s3cret"));

        var missing = Assert.Throws<InvalidOperationException>(() => ServerCertificate.Load(Https(("CertificatePath", "none.pem")), scratch, TimeProvider.System));
        var wrong = Assert.Throws<InvalidOperationException>(() =>
            ServerCertificate.Load(Https(("CertificatePath", "cert.pfx"), ("CertificatePassword", "wrong")), scratch, TimeProvider.System));
        var keyAlone = Assert.Throws<InvalidOperationException>(() => ServerCertificate.Load(Https(("KeyPath", "key.pem")), scratch, TimeProvider.System));

        Assert.StartsWith("Sophia:Https:CertificatePath:", missing.Message, StringComparison.Ordinal);
        Assert.StartsWith("Sophia:Https:CertificatePassword:", wrong.Message, StringComparison.Ordinal);
        Assert.StartsWith("Sophia:Https:KeyPath", keyAlone.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private IConfiguration Https(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)(s.Key.EndsWith("Path", StringComparison.Ordinal) ? Path.Combine(scratch, s.Value) : s.Value)))
            .Build();

    private static X509Certificate2 Made()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=prov.example.net", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
