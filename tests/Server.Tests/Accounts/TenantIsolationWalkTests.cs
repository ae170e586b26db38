using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sophia.Server.Tests.Fixtures;
using Sophia.Server.Tests.Parc;

namespace Sophia.Server.Tests.Accounts;

/// <summary>
/// Walks every API route of the OpenAPI document with the ids of 15RP's data, as the admin of another client
/// and as a plain user of 15RP acting on someone else's data: every call must be refused (403 or 404), and
/// the few routes without an id (lists, search) must not leak anything of 15RP. The only exception is what 15RP shares
/// with all its users, its directory, which its plain user must be able to read.
/// </summary>
public sealed class TenantIsolationWalkTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private static readonly string[] Leaks = ["15rp", "Mandar", "Seldon", "Picard", "00:15:65"];

    /// <summary>What a client shares with every one of its users, read only (the guide's "Annuaire", the restriction profiles they pick from).</summary>
    private static readonly string[] SharedWithItsUsers =
        ["/api/v1/clients/{clientId}/contacts/external", "/api/v1/clients/{clientId}/contacts/internal", "/api/v1/clients/{clientId}/call-restriction-profiles"];

    /// <summary>
    /// Routes without an id where another client's admin acts in their own lane: the walk's empty body is then an
    /// incomplete request of theirs (400), which names nothing of 15RP.
    /// </summary>
    private static readonly string[] OwnLane = ["POST /api/v1/accounts"];

    [Fact]
    public async Task Every_route_refuses_another_clients_admin_and_a_plain_user()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds(helpdesk);
        var otherAdmin = await OtherClientAdmin(helpdesk);
        var plainUser = await factory.ClientFor(SophiaFactory.Lu);

        var routes = await Routes(helpdesk);
        Assert.True(routes.Count >= 20, $"The OpenAPI document lists only {routes.Count} routes.");
        var failures = new List<string>();
        foreach (var (method, template, arrayBody) in routes)
        {
            if (template == "/api/v1/auth/token")
            {
                continue;
            }
            var url = Fill(template, ids);
            foreach (var (who, http) in new[] { ("other client's admin", otherAdmin), ("plain user", plainUser) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                {
                    request.Content = template.EndsWith("/import", StringComparison.Ordinal)
                        ? new StringContent("mac,model\n00:15:65:00:00:99,T46S\n", Encoding.UTF8, "text/csv")
                        : arrayBody ? JsonContent.Create(Array.Empty<object>()) : JsonContent.Create(new { });
                }
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
                var idFree = !template.Contains('{', StringComparison.Ordinal);
                if (who == "plain user" && method == "GET" && SharedWithItsUsers.Contains(template))
                {
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{method} {url} as {who}: {(int)response.StatusCode}, but a client's users read what it shares with them");
                    }
                    continue;
                }
                if (refused)
                {
                    continue;
                }
                if (who == "other client's admin" && OwnLane.Contains($"{method} {template}") && response.StatusCode == HttpStatusCode.BadRequest
                    && !Leaks.Any(l => body.Contains(l, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
                if (idFree && response.IsSuccessStatusCode && !Leaks.Any(l => body.Contains(l, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
                failures.Add($"{method} {url} as {who}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // The walk changed nothing of 15RP.
        var seldon = await helpdesk.GetJson($"/api/v1/users/{ids["userId"]}");
        Assert.Equal("Seldon", seldon.Str("lastName"));
        var phone = await helpdesk.GetJson("/api/v1/equipment/001565988c06");
        Assert.Equal(SophiaFactory.Seldon, phone.Str("userLogin"));
    }

    private static async Task<List<(string Method, string Template, bool ArrayBody)>> Routes(HttpClient http)
    {
        var document = await http.GetJson("/openapi/v1.json");
        var routes = new List<(string, string, bool)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "get" or "post" or "put" or "delete" or "patch")
                {
                    var arrayBody = operation.Value.TryGetProperty("requestBody", out var body)
                        && body.GetProperty("content").EnumerateObject().Any(c =>
                            c.Value.GetProperty("schema").TryGetProperty("type", out var type) && type.GetString() == "array");
                    routes.Add((operation.Name.ToUpperInvariant(), path.Name, arrayBody));
                }
            }
        }
        return routes;
    }

    private static string Fill(string template, Dictionary<string, string> ids)
    {
        var url = template;
        foreach (var (name, value) in ids)
        {
            url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        Assert.False(url.Contains('{', StringComparison.Ordinal), $"No demo id for a parameter of {template}; add one to the walk.");
        return url + (url.EndsWith("/search", StringComparison.Ordinal) ? "?q=seldon" : "");
    }

    /// <summary>Ids of 15RP's things, one per route parameter name; extend when a route brings a new parameter.</summary>
    private static async Task<Dictionary<string, string>> DemoIds(HttpClient helpdesk)
    {
        var mandar = await DemoWalkthroughTests.MandarId(helpdesk);
        var users = (await helpdesk.GetJson($"/api/v1/sites/{mandar}/users")).Items().ToList();
        var seldon = users.Single(u => u.Str("lastName") == "Seldon");
        var number = seldon.GetProperty("numbers")[0];
        var clientId = seldon.Int("clientId");
        var ids = new Dictionary<string, string>
        {
            ["clientId"] = clientId.ToString(),
            ["siteId"] = mandar.ToString(),
            ["userId"] = seldon.Int("id").ToString(),
            ["numberId"] = number.Int("id").ToString(),
            ["mac"] = "00:15:65:98:8C:06",
            // A DECT handset number (PUT/DELETE /equipment/{mac}/handsets/{number}).
            ["number"] = "2",
        };
        await AddOptionalIds(helpdesk, ids, clientId, seldon.Int("id"));
        return ids;
    }

    private static async Task AddOptionalIds(HttpClient helpdesk, Dictionary<string, string> ids, int clientId, int userId)
    {
        var external = await helpdesk.GetAsync($"/api/v1/clients/{clientId}/contacts/external");
        if (external.IsSuccessStatusCode)
        {
            var first = (await external.Json()).Items().First();
            ids["contactId"] = first.Int("id").ToString();
        }
        var personal = await helpdesk.GetAsync($"/api/v1/users/{userId}/contacts");
        if (personal.IsSuccessStatusCode)
        {
            var page = await personal.Json();
            ids["personalContactId"] = page.Items().Select(c => c.Int("id").ToString()).FirstOrDefault() ?? "1";
        }
        ids["keyIndex"] = "1";
        ids["file"] = "001565988c06.cfg";
        ids["name"] = "yealink/mac.cfg.sbn";
        ids["campaignId"] = await ResyncCampaignIdAsync(helpdesk, clientId);
        var profile = await helpdesk.PostJson($"/api/v1/clients/{clientId}/call-restriction-profiles",
            new { name = "Interne", allowed = new[] { "internal" } }, HttpStatusCode.Created);
        ids["profileId"] = profile.Int("id").ToString();
        ids["accountId"] = (await helpdesk.GetJson("/api/v1/accounts")).EnumerateArray().Single(a => a.Str("login") == SophiaFactory.Admin15Rp).Int("id").ToString();
    }

    /// <summary>A resync campaign of 15RP (its phones are not registered, so it completes at once and sends nothing).</summary>
    private static async Task<string> ResyncCampaignIdAsync(HttpClient helpdesk, int clientId)
    {
        var campaign = await helpdesk.PostJson($"/api/v1/clients/{clientId}/resync", new { }, HttpStatusCode.Accepted);
        return campaign.Int("id").ToString();
    }

    /// <summary>Creates a second client with a site and an admin user, through the API, and logs in as that admin.</summary>
    private async Task<HttpClient> OtherClientAdmin(HttpClient helpdesk)
    {
        var client = await helpdesk.PostJson("/api/v1/clients", new
        {
            name = "Autre",
            sipDomain = "autre.example.net",
            provisioningUser = "autre",
            provisioningPassword = "autre-prov-pass",
            registrarHost = "sip.autre.example.net",
        }, HttpStatusCode.Created);
        var site = await helpdesk.PostJson($"/api/v1/clients/{client.Int("id")}/sites", new { name = "Siège" }, HttpStatusCode.Created);
        var admin = await helpdesk.PostJson($"/api/v1/sites/{site.Int("id")}/users", new
        {
            lastName = "Martin",
            firstName = "Anne",
            accountType = "admin",
            password = "autre-admin-pass",
        }, HttpStatusCode.Created);
        Assert.Equal("amartin@autre.example.net", admin.Str("login"));
        return await factory.ClientFor("amartin@autre.example.net", "autre-admin-pass");
    }
}
