using System.Net;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Clients;

/// <summary>Clients through the API: the helpdesk creates and deletes them, each refusal names its field and code.</summary>
public sealed class ClientApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task Bad_client_fields_are_all_named_with_their_codes_and_nothing_is_created()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var before = (await helpdesk.GetJson("/api/v1/clients")).Int("total");

        using var response = await helpdesk.SendJson(HttpMethod.Post, "/api/v1/clients", new
        {
            name = "Mauvais",
            sipDomain = "pas un domaine",
            provisioningUser = "mauvais",
            provisioningPassword = "court",
            registrarHost = "sip.mauvais.example.net",
            registrarPort = 0,
        });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "sipDomain");
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.Str("field"), e.Str("code"))).ToList();
        Assert.Equal([("sipDomain", "sipDomain.invalid"), ("registrarPort", "registrarPort.range"), ("provisioningPassword", "provisioningPassword.tooShort")], errors);
        Assert.DoesNotContain("court", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, (await helpdesk.GetJson("/api/v1/clients")).Int("total"));
    }

    [Fact]
    public async Task A_taken_name_is_a_409_and_the_password_is_never_answered()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var input = new
        {
            name = "Lumière",
            sipDomain = "lumiere.example.net",
            provisioningUser = "lumiere",
            provisioningPassword = "lumiere-secret",
            registrarHost = "sip.lumiere.example.net",
        };
        using (var created = await helpdesk.SendJson(HttpMethod.Post, "/api/v1/clients", input))
        {
            var body = await created.Json(HttpStatusCode.Created);
            Assert.Equal(("lumiere.example.net", 5060, "udp"), (body.Str("sipDomain"), body.Int("registrarPort"), body.Str("registrarTransport")));
            Assert.DoesNotContain("lumiere-secret", body.GetRawText(), StringComparison.Ordinal);
            Assert.False(body.TryGetProperty("provisioningPassword", out _));
        }

        using var again = await helpdesk.SendJson(HttpMethod.Post, "/api/v1/clients", input with { sipDomain = "lumiere2.example.net" });

        var problem = await again.Problem(HttpStatusCode.Conflict, "name");
        Assert.Equal("client.nameTaken", problem.Str("code"));
    }

    [Fact]
    public async Task A_client_admin_creates_no_client_and_deletes_none()
    {
        var (admin, ids) = await Admin();
        using var create = await admin.SendJson(HttpMethod.Post, "/api/v1/clients", new { name = "Pirate" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using var delete = await admin.DeleteAsync($"/api/v1/clients/{ids.ClientId}");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task A_client_with_sites_is_a_409_and_an_empty_one_goes_with_its_profiles()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);
        using (var full = await helpdesk.DeleteAsync($"/api/v1/clients/{ids.ClientId}"))
        {
            var problem = await full.Problem(HttpStatusCode.Conflict, "clientId");
            Assert.Equal("client.notEmpty", problem.Str("code"));
        }
        Assert.Equal("15RP", (await helpdesk.GetJson($"/api/v1/clients/{ids.ClientId}")).Str("name"));

        var empty = await helpdesk.PostJson("/api/v1/clients", new
        {
            name = "Éphémère",
            sipDomain = "ephemere.example.net",
            provisioningUser = "ephemere",
            provisioningPassword = "ephemere-pass",
            registrarHost = "sip.ephemere.example.net",
        }, HttpStatusCode.Created);
        var profile = await helpdesk.PostJson($"/api/v1/clients/{empty.Int("id")}/call-restriction-profiles",
            new { name = "National", allowed = new[] { "internal", "national" } }, HttpStatusCode.Created);

        using (var deleted = await helpdesk.DeleteAsync($"/api/v1/clients/{empty.Int("id")}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using var gone = await helpdesk.GetAsync($"/api/v1/call-restriction-profiles/{profile.Int("id")}");
        await gone.Problem(HttpStatusCode.NotFound, "profileId");
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }
}
