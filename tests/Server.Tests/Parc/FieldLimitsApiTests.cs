using System.Net;
using System.Text;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Parc;

/// <summary>
/// Every free-text field has a limit an admin finds generous, refused as <c>tooLong</c> naming the field and the limit
/// (a CSV row's error names its row and column); an enum value the API does not define is refused naming the field.
/// </summary>
public sealed class FieldLimitsApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private static readonly string Long = new('x', 101);

    [Fact]
    public async Task A_user_whose_first_name_or_description_is_too_long_is_refused_and_nothing_saved()
    {
        var (admin, ids) = await Admin();

        using var name = await admin.SendJson(HttpMethod.Post, $"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Long", firstName = new string('x', 5_000_000 / 10) });
        var problem = await name.Problem(HttpStatusCode.BadRequest, "firstName");
        Assert.Equal(("tooLong", "100"), (problem.Str("code"), problem.GetProperty("errors")[0].GetProperty("args").Str("max")));

        using var description = await admin.SendJson(HttpMethod.Put, $"/api/v1/users/{ids.Picard}", new { description = new string('x', 501) });
        await description.Problem(HttpStatusCode.BadRequest, "description");

        using var self = await (await factory.ClientFor(SophiaFactory.Lu)).SendJson(HttpMethod.Put, $"/api/v1/users/{ids.Lu}", new { firstName = Long });
        await self.Problem(HttpStatusCode.BadRequest, "firstName");
        Assert.DoesNotContain(Long, (await admin.GetJson($"/api/v1/sites/{ids.Wagram}/users?pageSize=500")).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_type_or_a_service_the_api_does_not_define_is_refused()
    {
        var (admin, ids) = await Admin();

        using var type = await admin.SendJson(HttpMethod.Put, $"/api/v1/users/{ids.Picard}", new { accountType = 2 });
        Assert.Equal("value.undefined", (await type.Problem(HttpStatusCode.BadRequest, "accountType")).Str("code"));

        using var services = await admin.SendJson(HttpMethod.Put, $"/api/v1/users/{ids.Picard}", new { services = new[] { 65535 } });
        Assert.Equal("value.undefined", (await services.Problem(HttpStatusCode.BadRequest, "services")).Str("code"));

        var picard = await admin.GetJson($"/api/v1/users/{ids.Picard}");
        Assert.Equal("individual", picard.Str("accountType"));
        Assert.DoesNotContain("65535", picard.GetProperty("services").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_a_client_and_a_transport_out_of_bounds_are_refused()
    {
        var (admin, ids) = await Admin();
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);

        using var site = await admin.SendJson(HttpMethod.Post, $"/api/v1/clients/{ids.ClientId}/sites", new { name = Long });
        await site.Problem(HttpStatusCode.BadRequest, "name");

        using var client = await helpdesk.SendJson(HttpMethod.Put, $"/api/v1/clients/{ids.ClientId}", new { name = Long });
        await client.Problem(HttpStatusCode.BadRequest, "name");

        using var transport = await helpdesk.SendJson(HttpMethod.Put, $"/api/v1/clients/{ids.ClientId}", new { registrarTransport = 7 });
        Assert.Equal("value.undefined", (await transport.Problem(HttpStatusCode.BadRequest, "registrarTransport")).Str("code"));
    }

    [Fact]
    public async Task Equipment_contacts_and_function_keys_out_of_bounds_are_refused()
    {
        var (admin, ids) = await Admin();

        using var label = await admin.SendJson(HttpMethod.Put, $"/api/v1/equipment/{DemoIds.ClientStockT46U}", new { label = Long, serialNumber = new string('9', 65) });
        await label.Problem(HttpStatusCode.BadRequest, "label");

        using var external = await admin.SendJson(HttpMethod.Post, $"/api/v1/clients/{ids.ClientId}/contacts/external", new { lastName = "Girard", company = Long, phone = "0354692007" });
        await external.Problem(HttpStatusCode.BadRequest, "company");

        var lu = await factory.ClientFor(SophiaFactory.Lu);
        using var personal = await lu.SendJson(HttpMethod.Post, $"/api/v1/users/{ids.Lu}/contacts", new { lastName = Long, phone = "0611223344" });
        await personal.Problem(HttpStatusCode.BadRequest, "lastName");

        using var key = await lu.SendJson(HttpMethod.Put, $"/api/v1/users/{ids.Lu}/function-keys", new[] { new { index = 1, kind = 9, number = "0600000001", label = "Accueil" } });
        Assert.Equal("value.undefined", (await key.Problem(HttpStatusCode.BadRequest, "keys[0].kind")).Str("code"));
    }

    [Fact]
    public async Task An_import_row_with_a_field_too_long_is_refused_naming_its_row_and_column()
    {
        var (admin, ids) = await Admin();

        using var users = await admin.PostAsync($"/api/v1/sites/{ids.Wagram}/users/import", Csv($"lastName,firstName\nMoulin,Anne\nMoulin,{Long}\n"));
        Assert.Equal("tooLong", (await users.Problem(HttpStatusCode.BadRequest, "row 3: firstName")).Str("code"));

        using var equipment = await admin.PostAsync($"/api/v1/clients/{ids.ClientId}/equipment/import", Csv($"mac,model,serial,label\n00:15:65:AA:0E:01,T46U,SN,{Long}\n"));
        await equipment.Problem(HttpStatusCode.BadRequest, "row 2: label");

        using var contacts = await admin.PostAsync($"/api/v1/clients/{ids.ClientId}/contacts/external/import", Csv($"lastName,jobTitle,phone\nGirard,{Long},0354692007\n"));
        await contacts.Problem(HttpStatusCode.BadRequest, "row 2: jobTitle");
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
