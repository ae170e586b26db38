using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Provisioning;

/// <summary>
/// The published server over HTTPS with a certificate of its own CA and a trusted device CA, both made by openssl;
/// curl plays the T46S of the demo with (or without) a device certificate, as a phone with a factory certificate does.
/// </summary>
public sealed class DeviceCertificateCurlTests(DeviceCertificateCurlTests.Server server) : IClassFixture<DeviceCertificateCurlTests.Server>
{
    private const string T46s = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";
    private const string OwnFile = "/prov/001565988c06.cfg";

    [Fact]
    public async Task Over_HTTPS_with_the_configured_certificate_digest_still_serves_the_phone()
    {
        await server.SetPolicyAsync("accepted");

        var answer = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, "--digest", "-u", "15rp:prov-demo", "-A", T46s]);

        Assert.Equal(200, answer.Status);
        Assert.Contains("account.1.user_name = cseldon", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_certificate_alone_is_served_when_the_client_accepts_or_requires_it_and_refused_when_it_ignores_it()
    {
        await server.SetPolicyAsync("ignored");
        var ignored = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, .. server.Present("phone"), "-A", T46s]);
        await server.SetPolicyAsync("accepted");
        var accepted = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, .. server.Present("phone"), "-A", T46s]);
        var common = await server.Https.RunAsync("/prov/y000000000066.cfg", [.. server.TrustServer, .. server.Present("phone"), "-A", T46s]);
        await server.SetPolicyAsync("required");
        var required = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, .. server.Present("phone"), "-A", T46s]);

        Assert.Equal(401, ignored.Status);
        Assert.Equal(200, accepted.Status);
        Assert.Contains("account.1.user_name = cseldon", accepted.Body, StringComparison.Ordinal);
        Assert.Equal(200, common.Status);
        Assert.Equal(200, required.Status);
        var fetches = await server.FetchesAsync();
        Assert.Contains(fetches, f => f.Status == 200 && f.Authentication == "certificate");
    }

    [Fact]
    public async Task A_device_certificate_of_another_MAC_never_serves_this_MAC()
    {
        await server.SetPolicyAsync("accepted");

        var alone = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, .. server.Present("other-mac"), "-A", T46s]);
        var withDigest = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, .. server.Present("other-mac"), "--digest", "-u", "15rp:prov-demo", "-A", T46s]);

        Assert.Equal(403, alone.Status);
        Assert.Equal(403, withDigest.Status);
    }

    [Fact]
    public async Task Under_required_a_correct_digest_without_a_certificate_is_refused_as_an_unknown_MAC_is()
    {
        await server.SetPolicyAsync("required");

        var https = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, "--digest", "-u", "15rp:prov-demo", "-A", T46s]);
        var plain = await server.Http.RunAsync(OwnFile, "--digest", "-u", "15rp:prov-demo", "-A", T46s);
        var unknown = await server.Https.RunAsync("/prov/001565fedcba.cfg", [.. server.TrustServer, "--digest", "-u", "15rp:prov-demo", "-A", "Yealink SIP-T46S 66.86.0.15"]);

        Assert.Equal(404, unknown.Status);
        Assert.Equal((unknown.Status, unknown.Body), (https.Status, https.Body));
        Assert.Equal((unknown.Status, unknown.Body), (plain.Status, plain.Body));
    }

    [Fact]
    public async Task A_certificate_for_the_right_MAC_signed_by_another_CA_is_refused()
    {
        await server.SetPolicyAsync("required");

        var alone = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, .. server.Present("rogue"), "-A", T46s]);
        var withDigest = await server.Https.RunAsync(OwnFile, [.. server.TrustServer, .. server.Present("rogue"), "--digest", "-u", "15rp:prov-demo", "-A", T46s]);

        Assert.Equal(401, alone.Status);
        Assert.Equal(404, withDigest.Status);
    }

    public sealed record Fetch(int Status, string? Authentication);

    /// <summary>The CAs and certificates (openssl, in a temporary directory), and Sophia started with HTTPS and the device CA.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private readonly string scratch = Directory.CreateTempSubdirectory("sophia-mtls-").FullName;
        private PublishedSophia sophia = null!;
        private string? token;

        public Curl Https { get; private set; } = null!;

        public Curl Http { get; private set; } = null!;

        /// <summary>curl's arguments that trust the server's CA (and so check the configured certificate).</summary>
        public string[] TrustServer => ["--cacert", Path.Combine(scratch, "server-ca.pem")];

        /// <summary>curl's arguments that present the named device certificate.</summary>
        public string[] Present(string name) => ["--cert", Path.Combine(scratch, $"{name}.pem"), "--key", Path.Combine(scratch, $"{name}.key")];

        public async Task InitializeAsync()
        {
            await Authority("server-ca");
            await Authority("device-ca");
            await Authority("other-ca");
            await Issue("server-ca", "server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
            await Issue("device-ca", "phone", "/O=Yealink/CN=00:15:65:98:8C:06", null);
            await Issue("device-ca", "other-mac", "/O=Yealink/CN=001565aa0001", null);
            await Issue("other-ca", "rogue", "/O=Yealink/CN=001565988c06", null);
            var port = FreeTcpPort();
            sophia = new PublishedSophia
            {
                Settings =
                [
                    $"--Sophia:Https:Port={port}",
                    $"--Sophia:Https:CertificatePath={Path.Combine(scratch, "server.pem")}",
                    $"--Sophia:Https:KeyPath={Path.Combine(scratch, "server.key")}",
                    $"--Sophia:Https:DeviceCaPath={Path.Combine(scratch, "device-ca.pem")}",
                    // Refusals are what these tests make: none must turn into 429.
                    "--Sophia:Provisioning:Http:FailuresPerMac=1000", "--Sophia:Provisioning:Http:FailuresPerAddress=1000",
                ],
            };
            await sophia.InitializeAsync();
            Http = new Curl(sophia.BaseAddress);
            Https = new Curl(new Uri($"https://127.0.0.1:{port}/"));
        }

        public async Task DisposeAsync()
        {
            await sophia.DisposeAsync();
            Directory.Delete(scratch, recursive: true);
        }

        /// <summary>The helpdesk sets the demo client's device-certificate policy through the API, over HTTPS.</summary>
        public async Task SetPolicyAsync(string policy)
        {
            token ??= (await Https.RunAsync("/api/v1/auth/token", [.. TrustServer, "-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
                JsonSerializer.Serialize(new { login = "support@nlgs.admin", password = "sophia-demo" })])).Json.GetProperty("token").GetString();
            var answer = await Https.RunAsync("/api/v1/clients/1", [.. TrustServer, "-X", "PUT", "-H", $"Authorization: Bearer {token}",
                "-H", "Content-Type: application/json", "--data-binary", JsonSerializer.Serialize(new { deviceCertificate = policy })]);
            Assert.Equal(200, answer.Status);
            Assert.Equal(policy, answer.Json.GetProperty("deviceCertificate").GetString());
        }

        /// <summary>The T46S's fetch log as the helpdesk reads it (written in the background: polled until it shows a certificate).</summary>
        public async Task<IReadOnlyList<Fetch>> FetchesAsync()
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
            while (true)
            {
                var answer = await Https.RunAsync("/api/v1/equipment/001565988c06/fetches?pageSize=100", [.. TrustServer, "-H", $"Authorization: Bearer {token}"]);
                var fetches = answer.Json.GetProperty("items").EnumerateArray()
                    .Select(f => new Fetch(f.GetProperty("status").GetInt32(), f.GetProperty("authentication").GetString())).ToList();
                if (fetches.Any(f => f.Authentication == "certificate") || DateTimeOffset.UtcNow > deadline)
                {
                    return fetches;
                }
                await Task.Delay(200);
            }
        }

        private async Task Authority(string name) =>
            await OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{name}.key", "-out", $"{name}.pem", "-days", "30", "-subj", $"/CN=Sophia test {name}");

        private async Task Issue(string ca, string name, string subject, string? extension)
        {
            await OpenSsl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{name}.key", "-out", $"{name}.csr", "-subj", subject);
            List<string> sign = ["x509", "-req", "-in", $"{name}.csr", "-CA", $"{ca}.pem", "-CAkey", $"{ca}.key", "-CAcreateserial", "-out", $"{name}.pem", "-days", "10"];
            if (extension is not null)
            {
                File.WriteAllText(Path.Combine(scratch, $"{name}.ext"), extension);
                sign.AddRange(["-extfile", $"{name}.ext"]);
            }
            await OpenSsl([.. sign]);
        }

        private async Task OpenSsl(params string[] arguments)
        {
            var result = await ProcessRun.RunAsync("openssl", arguments, scratch, TimeSpan.FromSeconds(60));
            Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', arguments)} failed: {result.Error}");
        }

        private static int FreeTcpPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
