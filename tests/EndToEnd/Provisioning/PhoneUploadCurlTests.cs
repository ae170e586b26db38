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

    [Theory]
    [InlineData("001565988c06-local.cfg", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06", "features.dnd.enable = 1\n")]
    [InlineData("0004f2a1b2c3-phone.cfg", Vvx450, "<PHONE_CONFIG><OVERRIDES up.backlight.idleIntensity=\"2\" /></PHONE_CONFIG>\n")]
    public async Task A_phone_gets_back_with_digest_the_settings_it_uploaded_with_curl(string file, string userAgent, string settings)
    {
        var upload = Path.Combine(Path.GetTempPath(), $"sophia-upload-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(upload, settings);
        try
        {
            var put = await curl.RunAsync("/prov/" + file, "--digest", "-u", "15rp:prov-demo", "-A", userAgent, "-T", upload);
            Assert.Equal(204, put.Status);
        }
        finally
        {
            File.Delete(upload);
        }

        var without = await curl.RunAsync("/prov/" + file, "-A", userAgent, "--interface", "127.0.0.31");
        Assert.Equal(401, without.Status);
        Assert.DoesNotContain(settings.Trim(), without.Body, StringComparison.Ordinal);
        var get = await curl.RunAsync("/prov/" + file, "--digest", "-u", "15rp:prov-demo", "-A", userAgent);
        Assert.Equal(200, get.Status);
        // The body as curl printed it, before the status line the helper adds.
        Assert.Equal(settings, get.Body);
    }
}
