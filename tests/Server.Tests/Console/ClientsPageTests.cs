using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

public sealed class ClientsPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task The_helpdesk_sets_a_clients_device_certificate_policy_from_the_clients_page()
    {
        var api = await factory.ClientFor(SophiaFactory.Helpdesk);
        var version = (await api.GetFromJsonAsync<JsonElement>("/api/v1/clients/1")).GetProperty("version").GetInt64();
        var helpdesk = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk);
        Assert.Contains("Certificat d'équipement", WebUtility.HtmlDecode(await helpdesk.Http.GetStringAsync("/clients")), StringComparison.Ordinal);

        var saved = await helpdesk.PostFormAsync("/clients", "/clients?handler=DeviceCertificate&clientId=1",
            new() { ["policy"] = "Required", ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var stale = await helpdesk.PostFormAsync("/clients", "/clients?handler=DeviceCertificate&clientId=1",
            new() { ["policy"] = "Accepted", ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Quelqu'un a modifié cette fiche", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("required", (await api.GetFromJsonAsync<JsonElement>("/api/v1/clients/1")).GetProperty("deviceCertificate").GetString());
        Assert.Contains("<option value=\"Required\" selected=\"selected\">", await helpdesk.Http.GetStringAsync("/clients"), StringComparison.Ordinal);
    }
}
