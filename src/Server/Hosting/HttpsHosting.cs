using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Sophia.Provisioning.Http;

namespace Sophia.Server.Hosting;

/// <summary>
/// HTTPS for the console, the API and <c>/prov/</c>, beside the plain HTTP of <c>--urls</c> (which phones that cannot
/// do TLS, or lack the CA, keep using). Asked by <c>Sophia:Https:Port</c> (an <c>https://</c> address on each host of
/// <c>--urls</c>) or by an <c>https://</c> address in <c>--urls</c>. The certificate is <c>Sophia:Https:CertificatePath</c>
/// (PEM with <c>KeyPath</c>, or PFX/PKCS#12 with <c>CertificatePassword</c>); without one, a self-signed certificate is
/// made once in the data directory and reused. With <c>Sophia:Https:DeviceCaPath</c>, phones are asked for their device
/// certificate, which none has to present.
/// </summary>
public static partial class HttpsHosting
{
    public const string Section = "Sophia:Https";
    public const string SelfSignedFile = "https-selfsigned.pfx";

    public static WebApplicationBuilder AddSophiaHttps(this WebApplicationBuilder builder)
    {
        var https = builder.Configuration.GetSection(Section);
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } set ? set : "http://localhost:5000";
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (https["Port"] is { Length: > 0 } portText)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new InvalidOperationException($"{Section}:Port: '{portText}' is not a TCP port (1 to 65535).");
            }
            var hosts = addresses.Where(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).Select(HostOf).Distinct().ToList();
            addresses.AddRange(hosts.Select(host => $"https://{host}:{port}"));
            builder.WebHost.UseUrls([.. addresses]);
        }
        if (!addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            return builder;
        }
        var time = TimeProvider.System;
        var certificate = ServerCertificate.Load(https, DataDirectory(builder.Configuration), time);
        builder.Services.AddSingleton(certificate);
        var askDevices = DeviceCertificateValidator.FromConfiguration(builder.Configuration).Enabled;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(options =>
        {
            options.ServerCertificate = certificate.Certificate;
            if (askDevices)
            {
                // Asked in the handshake, never required: phones without a device certificate, browsers and API
                // clients go on with digest, cookies and tokens. The chain is checked by /prov against the device CAs
                // only (not in the handshake, where a phone from another CA would lose its connection, digest included).
                options.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                options.AllowAnyClientCertificate();
            }
        }));
        return builder;
    }

    /// <summary>Says which certificate HTTPS serves, once the host's logging is up.</summary>
    public static WebApplication LogHttps(this WebApplication app)
    {
        if (app.Services.GetService<ServerCertificate>() is { } certificate)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpsHosting));
            LogCertificate(logger, certificate.Source, certificate.Subject, certificate.NotAfter, certificate.Fingerprint);
        }
        return app;
    }

    internal static string HostOf(string url)
    {
        var rest = url["http://".Length..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']', StringComparison.Ordinal) + 1 : rest.IndexOfAny([':', '/']);
        return end <= 0 ? rest : rest[..end];
    }

    private static string DataDirectory(ConfigurationManager configuration) =>
        Path.GetFullPath(configuration["Sophia:DataDirectory"] is { Length: > 0 } dir ? dir : "data");

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information,
        Message = "HTTPS serves the {Source} certificate {Subject}, valid until {NotAfter:u}, SHA-256 fingerprint {Fingerprint}")]
    private static partial void LogCertificate(ILogger logger, string source, string subject, DateTime notAfter, string fingerprint);
}

/// <summary>The certificate HTTPS serves, and where it came from (<c>configured</c> or <c>self-signed</c>).</summary>
public sealed class ServerCertificate(X509Certificate2 certificate, string source)
{
    private static readonly TimeSpan SelfSignedLifetime = TimeSpan.FromDays(825);

    public X509Certificate2 Certificate { get; } = certificate;

    public string Source { get; } = source;

    public string Subject => Certificate.Subject;

    public DateTime NotAfter => Certificate.NotAfter.ToUniversalTime();

    /// <summary>SHA-256 of the certificate, what a phone or a browser is told to pin or compare.</summary>
    public string Fingerprint { get; } = certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>The configured certificate, or the data directory's self-signed one (made when missing or expired).</summary>
    public static ServerCertificate Load(IConfiguration https, string dataDirectory, TimeProvider time)
    {
        var path = https["CertificatePath"];
        var keyPath = https["KeyPath"];
        var password = https["CertificatePassword"];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!string.IsNullOrWhiteSpace(keyPath))
            {
                throw new InvalidOperationException($"{HttpsHosting.Section}:KeyPath is set without {HttpsHosting.Section}:CertificatePath.");
            }
            return new ServerCertificate(SelfSigned(dataDirectory, time), "self-signed");
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{HttpsHosting.Section}:CertificatePath: no file at '{Path.GetFullPath(path)}'.");
        }
        if (!string.IsNullOrWhiteSpace(keyPath) && !File.Exists(keyPath))
        {
            throw new InvalidOperationException($"{HttpsHosting.Section}:KeyPath: no file at '{Path.GetFullPath(keyPath)}'.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(path)
                ? string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, string.IsNullOrWhiteSpace(keyPath) ? null : keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, string.IsNullOrWhiteSpace(keyPath) ? null : keyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            var key = IsPem(path) ? string.IsNullOrWhiteSpace(keyPath) ? "CertificatePath" : "KeyPath" : "CertificatePassword";
            throw new InvalidOperationException(
                $"{HttpsHosting.Section}:{key}: the certificate '{path}' could not be read with its key ({e.Message}); check {HttpsHosting.Section}:CertificatePath, KeyPath and CertificatePassword.", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{HttpsHosting.Section}:KeyPath: '{path}' has no private key; give its key file.");
        }
        return new ServerCertificate(certificate, "configured");
    }

    private static bool IsPem(string path)
    {
        using var reader = new StreamReader(path);
        var head = new char[64];
        var read = reader.Read(head, 0, head.Length);
        return new string(head, 0, read).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    /// <summary>
    /// The embedded start's certificate: RSA 2048 (which every phone's TLS stack speaks), for <c>localhost</c>, this host's
    /// name and the loopback addresses; kept 0600 in the data directory so that phones and browsers that were told to
    /// trust it keep trusting it across restarts.
    /// </summary>
    private static X509Certificate2 SelfSigned(string dataDirectory, TimeProvider time)
    {
        var file = Path.Combine(dataDirectory, HttpsHosting.SelfSignedFile);
        var now = time.GetUtcNow();
        if (File.Exists(file))
        {
            var kept = X509CertificateLoader.LoadPkcs12FromFile(file, null);
            if (kept.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1))
            {
                return kept;
            }
            kept.Dispose();
        }
        using var key = RSA.Create(2048);
        var host = Dns.GetHostName();
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            names.AddDnsName(host);
        }
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var made = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(SelfSignedLifetime));
        var pfx = made.Export(X509ContentType.Pfx);
        Directory.CreateDirectory(dataDirectory);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(file, options))
        {
            stream.Write(pfx);
        }
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies to a new file only: an expired one replaced keeps whatever mode it had.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return X509CertificateLoader.LoadPkcs12(pfx, null);
    }
}
