using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Provisioning.Tftp;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Provisioning;

/// <summary>The whole server's TFTP against Debian's tftp-hpa client: the same bytes as HTTP, and no secret off the site's networks.</summary>
public sealed class TftpSameBytesTests
{
    [Theory]
    [InlineData("001565988c06.cfg", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06")]
    [InlineData("y000000000066.cfg", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06")]
    [InlineData("0004f2a1b2c3-sophia.cfg", "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application")]
    [InlineData("0004f2a1b2c4.cfg", "FileTransport PolycomVVX-VVX_250-UA/6.4.3.5018 Type/Application")]
    public async Task A_file_over_TFTP_is_byte_for_byte_the_file_over_HTTP(string file, string userAgent)
    {
        using var factory = NewFactory();
        var http = await new DigestClient(factory.CreateClient(), "15rp", "prov-demo", userAgent).GetAsync("/prov/" + file);
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        var overHttp = await http.Content.ReadAsByteArrayAsync();

        var overTftp = await TftpHpaGet(factory, file);

        Assert.NotNull(overTftp);
        Assert.Equal(overHttp, overTftp);
    }

    [Fact]
    public async Task An_assigned_phone_asking_from_outside_its_sites_networks_gets_file_not_found()
    {
        using var factory = NewFactory();
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var mandar = await Parc.DemoWalkthroughTests.MandarId(admin);
        await admin.PutJson($"/api/v1/sites/{mandar}", new { tftpAllowedNetworks = new[] { "192.0.2.0/24" } });

        Assert.Null(await TftpHpaGet(factory, "001565988c06.cfg"));
        // The shared file has no secret and is still served.
        Assert.NotNull(await TftpHpaGet(factory, "y000000000066.cfg"));
    }

    [Fact]
    public async Task What_a_phone_uploaded_over_HTTP_is_served_back_over_TFTP_on_its_sites_networks_only()
    {
        using var factory = NewFactory();
        var local = System.Text.Encoding.UTF8.GetBytes("features.dnd.enable = 1\n");
        var phone = new DigestClient(factory.CreateClient(), "15rp", "prov-demo", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06");
        Assert.Null(await TftpHpaGet(factory, "001565988c06-local.cfg"));
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsync("/prov/001565988c06-local.cfg", local)).StatusCode);

        Assert.Equal(local, await TftpHpaGet(factory, "001565988c06-local.cfg"));
        // The other vendor's name, and a log, are not served.
        Assert.Null(await TftpHpaGet(factory, "001565988c06-phone.cfg"));

        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var mandar = await Parc.DemoWalkthroughTests.MandarId(admin);
        await admin.PutJson($"/api/v1/sites/{mandar}", new { tftpAllowedNetworks = new[] { "192.0.2.0/24" } });
        Assert.Null(await TftpHpaGet(factory, "001565988c06-local.cfg"));
    }

    private static SophiaFactory NewFactory()
    {
        var factory = new SophiaFactory();
        // Both protocols write the same server URL into configs.
        factory.Settings["Sophia:Provisioning:ServerUrl"] = "http://localhost/prov/";
        factory.Settings["Sophia:Tftp:Addresses:0"] = "127.0.0.1";
        return factory;
    }

    /// <summary>Runs Debian's tftp-hpa client; null when the server answered with an error.</summary>
    private static async Task<byte[]?> TftpHpaGet(SophiaFactory factory, string file)
    {
        _ = factory.Server;
        var port = factory.Services.GetRequiredService<TftpServer>().LocalEndPoints.First(e => e.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).Port;
        var directory = Directory.CreateTempSubdirectory("sophia-tftp-").FullName;
        try
        {
            var local = Path.Combine(directory, "got");
            var start = new ProcessStartInfo("tftp")
            {
                ArgumentList = { "-m", "binary", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "get", file, local },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("tftp (Debian package tftp-hpa) is not installed; ./test.sh installs it.", e);
            }
            using (process)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                var output = await stdout + await stderr;
                // tftp-hpa exits 0 even on an error packet; it prints the error and leaves no (or an empty) file.
                return output.Contains("Error code", StringComparison.Ordinal) || !File.Exists(local) ? null : await File.ReadAllBytesAsync(local);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
