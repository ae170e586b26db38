using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Provisioning.FetchLog;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Stock;

/// <summary>A phone unknown to <c>/prov</c> is listed for the helpdesk, which adopts it into a client's general stock.</summary>
public sealed class AdoptionApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task The_helpdesk_adopts_a_phone_seen_by_prov_into_the_client_stock_with_its_model_from_the_User_Agent()
    {
        await SeenAsync("Yealink SIP-T54W 96.86.0.1 24:9a:d8:00:00:77", "249ad8000077");
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);

        using var response = await helpdesk.PostAsync("/api/v1/unknown-devices/24:9A:D8:00:00:77/adopt",
            System.Net.Http.Json.JsonContent.Create(new { clientId = ids.ClientId }));
        var adopted = await response.Json(HttpStatusCode.Created);

        Assert.Equal("/api/v1/equipment/249ad8000077", response.Headers.Location?.ToString());
        Assert.Equal(("24:9A:D8:00:00:77", "Yealink T54W", "clientStock"), (adopted.Str("mac"), adopted.Str("modelName"), adopted.Str("location")));
        Assert.DoesNotContain((await helpdesk.GetJson("/api/v1/unknown-devices")).Items(), d => d.Str("mac") == "24:9A:D8:00:00:77");
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        Assert.Contains((await admin.GetJson($"/api/v1/clients/{ids.ClientId}/equipment")).Items(), e => e.Str("mac") == "24:9A:D8:00:00:77");
    }

    [Fact]
    public async Task Without_a_client_nor_a_model_it_names_both_and_a_client_admin_may_not_adopt()
    {
        await SeenAsync("curl/8.5.0", "805ec0112299");
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);
        const string url = "/api/v1/unknown-devices/805ec0112299/adopt";

        using var missing = await helpdesk.PostAsync(url, System.Net.Http.Json.JsonContent.Create(new { }));
        var problem = await missing.Problem(HttpStatusCode.BadRequest, "clientId");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.Str("field") == "model" && e.Str("code") == "model.required");
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        using var forbidden = await admin.PostAsync(url, System.Net.Http.Json.JsonContent.Create(new { clientId = ids.ClientId, model = "T46S" }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        Assert.Contains((await helpdesk.GetJson("/api/v1/unknown-devices")).Items(), d => d.Str("mac") == "80:5E:C0:11:22:99");
        using var absent = await admin.GetAsync("/api/v1/equipment/805ec0112299");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task A_Polycom_agent_asking_for_a_Yealink_MAC_is_recorded_as_a_Polycom_flagged_and_adopted_as_what_it_says()
    {
        await SeenAsync("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application", "001565770450");
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);

        var seen = (await helpdesk.GetJson("/api/v1/unknown-devices")).Items().Single(d => d.Str("mac") == "00:15:65:77:04:50");
        Assert.Equal(("Polycom", "VVX 450", "polycom-vvx450", "6.4.3.5018"), (seen.Str("vendor"), seen.Str("modelName"), seen.Str("model"), seen.Str("firmware")));
        Assert.True(seen.GetProperty("vendorMismatch").GetBoolean());

        using var response = await helpdesk.PostAsync("/api/v1/unknown-devices/001565770450/adopt", System.Net.Http.Json.JsonContent.Create(new { clientId = ids.ClientId }));
        Assert.Equal("Polycom VVX 450", (await response.Json(HttpStatusCode.Created)).Str("modelName"));
    }

    [Fact]
    public async Task A_Polycom_updater_request_is_recorded_as_the_updaters_version_and_the_firmware_comes_from_the_application()
    {
        await SeenAsync("FileTransport PolycomVVX-VVX_250-UA/6.1.0.6189 (SN:0004f2250077) Type/Updater", "0004f2250077");
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var updater = (await helpdesk.GetJson("/api/v1/unknown-devices")).Items().Single(d => d.Str("mac") == "00:04:F2:25:00:77");
        Assert.Equal(JsonValueKind.Null, updater.GetProperty("firmware").ValueKind);
        Assert.Equal(("6.1.0.6189", "polycom-vvx250", "0004f2250077"), (updater.Str("updaterVersion"), updater.Str("model"), updater.Str("serialNumber")));
        Assert.False(updater.GetProperty("vendorMismatch").GetBoolean());

        await SeenAsync("FileTransport PolycomVVX-VVX_250-UA/6.4.6.0123 (SN:0004f2250077) Type/Application", "0004f2250077");

        var application = (await helpdesk.GetJson("/api/v1/unknown-devices")).Items().Single(d => d.Str("mac") == "00:04:F2:25:00:77");
        Assert.Equal(("6.4.6.0123", "6.1.0.6189"), (application.Str("firmware"), application.Str("updaterVersion")));
        var ids = await DemoIds.Read(helpdesk);
        using var response = await helpdesk.PostAsync("/api/v1/unknown-devices/0004f2250077/adopt", System.Net.Http.Json.JsonContent.Create(new { clientId = ids.ClientId }));
        var adopted = await response.Json(HttpStatusCode.Created);
        Assert.Equal(("Polycom VVX 250", "0004f2250077"), (adopted.Str("modelName"), adopted.Str("serialNumber")));
    }

    [Fact]
    public async Task A_Poly_Edge_seen_by_prov_is_adopted_as_its_catalog_model_from_its_User_Agent()
    {
        await SeenAsync("FileTransport PolyEdge-Edge_E450-UA/8.0.0.15602 Type/Application", "482567e45077");
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);

        var seen = (await helpdesk.GetJson("/api/v1/unknown-devices")).Items().Single(d => d.Str("mac") == "48:25:67:E4:50:77");
        Assert.Equal(("Polycom", "Edge E450", "polycom-edge-e450", "8.0.0.15602"), (seen.Str("vendor"), seen.Str("modelName"), seen.Str("model"), seen.Str("firmware")));
        Assert.False(seen.GetProperty("vendorMismatch").GetBoolean());

        using var response = await helpdesk.PostAsync("/api/v1/unknown-devices/482567e45077/adopt", System.Net.Http.Json.JsonContent.Create(new { clientId = ids.ClientId }));
        var adopted = await response.Json(HttpStatusCode.Created);
        Assert.Equal(("polycom-edge-e450", "Polycom Edge E450"), (adopted.Str("model"), adopted.Str("modelName")));
    }

    [Fact]
    public async Task A_MAC_never_seen_is_not_found()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);
        using var response = await helpdesk.PostAsync("/api/v1/unknown-devices/00:15:65:00:77:77/adopt",
            System.Net.Http.Json.JsonContent.Create(new { clientId = ids.ClientId, model = "T46S" }));
        var problem = await response.Problem(HttpStatusCode.NotFound, "mac");
        Assert.Equal("unknownDevice.notFound", problem.Str("code"));
    }

    /// <summary>A phone out of the box asks for its file without credentials: it is recorded as an unknown device.</summary>
    private async Task SeenAsync(string userAgent, string mac)
    {
        using var response = await new DigestClient(factory.CreateClient(), "x", "y", userAgent).Send($"/prov/{mac}.cfg", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
    }
}
