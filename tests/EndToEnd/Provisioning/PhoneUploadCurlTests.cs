using System.Text.Json;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Provisioning;

/// <summary>A Polycom's upload as curl makes it against the published server: PUT, answered with digest, read back through the API.</summary>
[Collection(PublishedSophiaCollection.Name)]
public sealed class PhoneUploadCurlTests(PublishedSophia sophia)
{
    private const string Vvx450 = "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application";
    private readonly Curl curl = new(sophia.BaseAddress);

    [Fact]
    public async Task A_VVX_450_uploads_its_log_with_digest_and_its_clients_admin_reads_it()
    {
        var log = Path.Combine(Path.GetTempPath(), $"sophia-upload-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(log, "0101000000|sip  |1|00|curl upload check\n");
        try
        {
            var without = await curl.RunAsync("/prov/0004f2a1b2c3-app.log", "-A", Vvx450, "-T", log, "--interface", "127.0.0.31");
            Assert.Equal(401, without.Status);
            var put = await curl.RunAsync("/prov/0004f2a1b2c3-app.log", "--digest", "-u", "15rp:prov-demo", "-A", Vvx450, "-T", log);
            Assert.Equal(204, put.Status);
        }
        finally
        {
            File.Delete(log);
        }

        var login = await curl.PostJsonAsync("/api/v1/auth/token", JsonSerializer.Serialize(new { login = "admin@15rp.sewan.eu", password = "sophia-demo" }));
        var token = login.Json.GetProperty("token").GetString()!;
        var uploads = await curl.GetAsync("/api/v1/equipment/0004f2a1b2c3/uploads", token);
        Assert.Equal(200, uploads.Status);
        var logs = uploads.Json.GetProperty("logs").EnumerateArray();
        Assert.Contains(logs, l => l.GetProperty("text").GetString()!.Contains("curl upload check", StringComparison.Ordinal));
    }
}
