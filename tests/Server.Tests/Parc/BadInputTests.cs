using System.Net;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Parc;

/// <summary>
/// Every rejected request names the field and says what is wrong, and changes nothing: users, sites, numbers,
/// contacts. Equipment, function keys and device settings are in their own classes.
/// </summary>
public sealed class BadInputTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    public static TheoryData<string, string> BadUsers => new()
    {
        { """{"firstName":"Anne"}""", "lastName" },
        { """{"lastName":"  "}""", "lastName" },
        { """{"lastName":"---","firstName":"Anne"}""", "lastName" },
        { """{"lastName":"Martin","email":"anne.martin-at-example.fr"}""", "email" },
        { """{"lastName":"Martin","language":"de"}""", "language" },
        { """{"lastName":"Martin","mobile":"12"}""", "mobile" },
        { """{"lastName":"Martin","mobile":"06 12"}""", "mobile" },
        { """{"lastName":"Martin","outgoingPin":"12a4"}""", "outgoingPin" },
        { """{"lastName":"Martin","outgoingPin":"12"}""", "outgoingPin" },
        { """{"lastName":"Martin","password":"short"}""", "password" },
        { """{"lastName":"Martin","presentedNumber":"12"}""", "presentedNumber" },
        { """{"lastName":"Martin","login":"amartin"}""", "login" },
        { """{"lastName":"Martin","login":"amartin@other.example.net"}""", "login" },
        { """{"lastName":"Martin","login":"cseldon@15rp.sewan.eu"}""", "login" },
        { """{"lastName":"Martin","accountType":"boss"}""", "accountType" },
        { """{"lastName":"Martin","services":["teleportation"]}""", "services[0]" },
    };

    [Theory]
    [MemberData(nameof(BadUsers))]
    public async Task A_bad_user_is_refused_naming_the_field_and_nothing_is_saved(string json, string field)
    {
        var (admin, ids) = await Admin();
        var before = await UserLogins(admin, ids.Mandar);
        using var response = await admin.PostAsync($"/api/v1/sites/{ids.Mandar}/users", Json(json));
        await response.Problem(field == "login" && json.Contains("cseldon", StringComparison.Ordinal) ? HttpStatusCode.Conflict : HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await UserLogins(admin, ids.Mandar));
    }

    [Fact]
    public async Task Several_bad_user_fields_are_all_reported_at_once()
    {
        var (admin, ids) = await Admin();
        using var response = await admin.PostAsync($"/api/v1/sites/{ids.Mandar}/users",
            Json("""{"firstName":"Anne","email":"nope","language":"de","outgoingPin":"x"}"""));
        var problem = await response.Problem(HttpStatusCode.BadRequest, "lastName");
        foreach (var field in new[] { "email", "language", "outgoingPin" })
        {
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.Str("field") == field);
        }
    }

    [Fact]
    public async Task A_bad_user_update_changes_nothing_not_even_the_good_fields()
    {
        var (admin, ids) = await Admin();
        var (before, etag) = await admin.GetWithETag($"/api/v1/users/{ids.Lu}");
        using var response = await admin.SendJson(HttpMethod.Put, $"/api/v1/users/{ids.Lu}",
            new { function = "Chef", email = "ricardo.lu@", mobile = "0612345678" }, etag);
        Assert.Contains("ricardo.lu@", (await response.Problem(HttpStatusCode.BadRequest, "email")).MessageFor("email"), StringComparison.Ordinal);
        var (after, etagAfter) = await admin.GetWithETag($"/api/v1/users/{ids.Lu}");
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(etag, etagAfter);
    }

    [Theory]
    [InlineData("""{"lastName":"---","email":"nope"}""")]
    [InlineData("""{"lastName":"  ","email":"nope"}""")]
    public async Task A_last_name_without_a_letter_is_refused_on_update_as_on_creation_with_the_other_errors(string json)
    {
        var (admin, ids) = await Admin();
        var (before, etag) = await admin.GetWithETag($"/api/v1/users/{ids.Lu}");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{ids.Lu}") { Content = Json(json) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await admin.SendAsync(request);
        var problem = await response.Problem(HttpStatusCode.BadRequest, "lastName");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.Str("field") == "email");
        Assert.Equal(before.GetRawText(), (await admin.GetJson($"/api/v1/users/{ids.Lu}")).GetRawText());
    }

    [Theory]
    [InlineData("""{"timeZone":"Europe/Paris"}""", "name")]
    [InlineData("""{"name":"Opéra","timeZone":"Mars/Olympus_Mons"}""", "timeZone")]
    [InlineData("""{"name":"Opéra","tftpAllowedNetworks":["10.0.0.0/33"]}""", "tftpAllowedNetworks[0]")]
    [InlineData("""{"name":"Opéra","tftpAllowedNetworks":["192.0.2.0/24","lan"]}""", "tftpAllowedNetworks[1]")]
    [InlineData("""{"name":"Mandar"}""", "name")]
    public async Task A_bad_site_is_refused_naming_the_field_and_nothing_is_saved(string json, string field)
    {
        var (admin, ids) = await Admin();
        var before = await SiteNames(admin, ids.ClientId);
        using var response = await admin.PostAsync($"/api/v1/clients/{ids.ClientId}/sites", Json(json));
        await response.Problem(json.Contains("Mandar", StringComparison.Ordinal) ? HttpStatusCode.Conflict : HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await SiteNames(admin, ids.ClientId));
    }

    [Fact]
    public async Task A_bad_site_update_leaves_the_site_as_it_was()
    {
        var (admin, ids) = await Admin();
        var before = await admin.GetJson($"/api/v1/sites/{ids.Wagram}");
        using var response = await admin.PutAsync($"/api/v1/sites/{ids.Wagram}",
            Json("""{"name":"Wagram 2","timeZone":"Europe/Pariss","tftpAllowedNetworks":["192.0.2.0/24"]}"""));
        await response.Problem(HttpStatusCode.BadRequest, "timeZone");
        Assert.Equal(before.GetRawText(), (await admin.GetJson($"/api/v1/sites/{ids.Wagram}")).GetRawText());
    }

    [Fact]
    public async Task A_single_address_is_taken_as_its_own_network_and_networks_are_stored_canonical()
    {
        var (admin, ids) = await Admin();
        var site = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/sites",
            new { name = "Bastille", tftpAllowedNetworks = new[] { "::1", " 192.0.2.7 ", "10.0.0.0/8", "2001:DB8::/32" } }, HttpStatusCode.Created);
        Assert.Equal(["::1/128", "192.0.2.7/32", "10.0.0.0/8", "2001:db8::/32"],
            site.GetProperty("tftpAllowedNetworks").EnumerateArray().Select(n => n.GetString()));
    }

    [Theory]
    [InlineData("Mandar", "user")]
    [InlineData("Wagram", "equipment")]
    public async Task Deleting_a_site_that_holds_users_or_equipment_is_refused_with_the_reason(string name, string reason)
    {
        var (admin, ids) = await Admin();
        var siteId = name == "Mandar" ? ids.Mandar : ids.Wagram;
        using var response = await admin.DeleteAsync($"/api/v1/sites/{siteId}");
        var problem = await response.Problem(HttpStatusCode.Conflict, "siteId");
        Assert.Contains(reason, problem.Str("title"), StringComparison.Ordinal);
        Assert.Equal(name, (await admin.GetJson($"/api/v1/sites/{siteId}")).Str("name"));
    }

    [Fact]
    public async Task An_empty_site_can_be_deleted()
    {
        var (admin, ids) = await Admin();
        var site = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/sites", new { name = "Éphémère" }, HttpStatusCode.Created);
        using var response = await admin.DeleteAsync($"/api/v1/sites/{site.Int("id")}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var gone = await admin.GetAsync($"/api/v1/sites/{site.Int("id")}");
        await gone.Problem(HttpStatusCode.NotFound, "siteId");
    }

    [Theory]
    [InlineData("""{"number":"12"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"number":"01 85 73 76"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"number":"not a number"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"number":"0185737636"}""", HttpStatusCode.Conflict)]
    [InlineData("""{"number":"+33 1 85 73 76 43"}""", HttpStatusCode.Conflict)]
    public async Task A_bad_or_duplicate_number_is_refused_naming_the_field(string json, HttpStatusCode status)
    {
        var (admin, ids) = await Admin();
        var before = (await admin.GetJson($"/api/v1/sites/{ids.Wagram}/numbers")).Int("total");
        using var response = await admin.PostAsync($"/api/v1/sites/{ids.Wagram}/numbers", Json(json));
        await response.Problem(status, "number");
        Assert.Equal(before, (await admin.GetJson($"/api/v1/sites/{ids.Wagram}/numbers")).Int("total"));
    }

    [Fact]
    public async Task A_national_number_is_accepted_and_normalised()
    {
        var (admin, ids) = await Admin();
        var number = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/numbers", new { number = "01 85 73 77 01" }, HttpStatusCode.Created);
        Assert.Equal("+33185737701", number.Str("e164"));
        Assert.Equal("none", number.Str("assignee"));
    }

    [Theory]
    [InlineData("""{"firstName":"Paul","phone":"0145454545"}""", "lastName")]
    [InlineData("""{"lastName":"Durand"}""", "phone")]
    [InlineData("""{"lastName":"Durand","phone":"01454"}""", "phone")]
    [InlineData("""{"lastName":"Durand","phone":"0145454545","email":"paul@"}""", "email")]
    public async Task A_bad_contact_is_refused_naming_the_field_and_nothing_is_saved(string json, string field)
    {
        var (admin, ids) = await Admin();
        var external = $"/api/v1/clients/{ids.ClientId}/contacts/external";
        var personal = $"/api/v1/users/{ids.Seldon}/contacts";
        var externalBefore = (await admin.GetJson(external)).Int("total");
        var personalBefore = (await admin.GetJson(personal)).Int("total");
        using (var response = await admin.PostAsync(external, Json(json)))
        {
            await response.Problem(HttpStatusCode.BadRequest, field);
        }
        using (var response = await admin.PostAsync(personal, Json(json)))
        {
            await response.Problem(HttpStatusCode.BadRequest, field);
        }
        Assert.Equal(externalBefore, (await admin.GetJson(external)).Int("total"));
        Assert.Equal(personalBefore, (await admin.GetJson(personal)).Int("total"));
    }

    [Fact]
    public async Task A_bad_contact_update_leaves_the_contact_as_it_was()
    {
        var (admin, ids) = await Admin();
        var external = $"/api/v1/clients/{ids.ClientId}/contacts/external";
        var bieth = (await admin.GetJson(external)).Items().Single(c => c.Str("lastName") == "Bieth");
        using var response = await admin.PutAsync($"{external}/{bieth.Int("id")}", Json("""{"lastName":"","phone":"0354698655"}"""));
        await response.Problem(HttpStatusCode.BadRequest, "lastName");
        var after = await admin.GetJson($"{external}/{bieth.Int("id")}");
        Assert.Equal(bieth.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task A_body_that_is_not_json_of_the_right_shape_names_the_field()
    {
        var (admin, ids) = await Admin();
        using var response = await admin.PostAsync($"/api/v1/sites/{ids.Mandar}/numbers", Json("""{"number":"0185737750","orderedAt":"yesterday"}"""));
        await response.Problem(HttpStatusCode.BadRequest, "orderedAt");
        using var broken = await admin.PostAsync($"/api/v1/sites/{ids.Mandar}/numbers", Json("""{"number":"""));
        var problem = await broken.Json(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("title")));
        Assert.Equal(8, (await admin.GetJson($"/api/v1/sites/{ids.Mandar}/numbers")).Int("total"));
    }

    [Theory]
    [InlineData("/api/v1/search?q=s", "q")]
    [InlineData("/api/v1/search", "q")]
    [InlineData("/api/v1/clients?page=0", "page")]
    [InlineData("/api/v1/clients?pageSize=0", "pageSize")]
    [InlineData("/api/v1/clients?pageSize=501", "pageSize")]
    [InlineData("/api/v1/equipment/not-a-mac", "mac")]
    public async Task A_bad_query_names_the_parameter(string url, string field)
    {
        var (admin, _) = await Admin();
        using var response = await admin.GetAsync(url);
        await response.Problem(HttpStatusCode.BadRequest, field);
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<List<string>> UserLogins(HttpClient http, int siteId) =>
        (await http.GetJson($"/api/v1/sites/{siteId}/users?pageSize=500")).Items().Select(u => u.Str("login")).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> SiteNames(HttpClient http, int clientId) =>
        (await http.GetJson($"/api/v1/clients/{clientId}/sites")).Items().Select(s => s.Str("name")).ToList();
}
