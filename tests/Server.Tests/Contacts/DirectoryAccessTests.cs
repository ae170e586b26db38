using System.Net;
using System.Text;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Contacts;

/// <summary>The client's shared directory: its users read it, only its admins write it, and no other client sees it.</summary>
public sealed class DirectoryAccessTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_plain_user_reads_the_external_and_internal_contacts_of_their_client()
    {
        var lu = await factory.ClientFor(SophiaFactory.Lu);
        var clientId = (await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp))).ClientId;

        var external = await lu.GetJson($"/api/v1/clients/{clientId}/contacts/external");
        var internalContacts = await lu.GetJson($"/api/v1/clients/{clientId}/contacts/internal");
        var csv = await lu.GetStringAsync($"/api/v1/clients/{clientId}/contacts/external?format=csv");

        Assert.Contains(external.Items(), c => c.Str("lastName") == "Bieth" && c.Str("shortNumber") == "500");
        Assert.Contains(internalContacts.EnumerateArray(), c => c.Str("name") == "Cédric Seldon");
        Assert.Contains("Bieth,Régis", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_user_cannot_write_the_directory_and_it_stays_as_it_was()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var lu = await factory.ClientFor(SophiaFactory.Lu);
        var url = $"/api/v1/clients/{(await DemoIds.Read(admin)).ClientId}/contacts/external";
        var before = (await admin.GetJson(url)).GetRawText();
        var bieth = (await admin.GetJson(url)).Items().Single(c => c.Str("lastName") == "Bieth").Int("id");

        var attempts = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, url, new { lastName = "Intrus", phone = "0354690000" }),
            (HttpMethod.Get, $"{url}/{bieth}", null),
            (HttpMethod.Put, $"{url}/{bieth}", new { lastName = "Intrus" }),
            (HttpMethod.Delete, $"{url}/{bieth}", null),
        };
        foreach (var (method, target, body) in attempts)
        {
            using var response = await lu.SendJson(method, target, body);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {target}: {(int)response.StatusCode}");
        }
        using (var import = await lu.PostAsync($"{url}/import", new StringContent("lastName,phone\nIntrus,0354690000\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        }
        Assert.Equal(before, (await admin.GetJson(url)).GetRawText());
    }

    [Fact]
    public async Task Another_clients_admin_and_users_find_no_directory_of_15RP()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var clientId = (await DemoIds.Read(helpdesk)).ClientId;
        var other = await OtherClient.CreateAsync(helpdesk, "Annuaire Voisin");
        var otherAdmin = await factory.ClientFor(other.AdminLogin, other.AdminPassword);
        var plain = await helpdesk.PostJson($"/api/v1/sites/{other.SiteId}/users", new { lastName = "Voisin", password = "Chemin-Des-Lilas-2026" }, HttpStatusCode.Created);
        var otherUser = await factory.ClientFor(plain.Str("login"), "Chemin-Des-Lilas-2026");
        foreach (var http in new[] { otherAdmin, otherUser })
        {
            foreach (var url in new[] { "contacts/external", "contacts/internal", "contacts/external?format=csv" })
            {
                using var response = await http.GetAsync($"/api/v1/clients/{clientId}/{url}");
                await response.Problem(HttpStatusCode.NotFound, "clientId");
            }
        }
    }
}
