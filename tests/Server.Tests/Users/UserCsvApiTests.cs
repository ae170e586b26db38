using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Users;

/// <summary>
/// Users in bulk: a CSV import with its preview, all or nothing, every error named by row and field; an export with
/// each user's phones that re-imports into another site.
/// </summary>
public sealed class UserCsvApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_preview_shows_each_rows_login_unique_across_the_file_and_saves_nothing()
    {
        var (admin, ids) = await Admin();
        var before = await Logins(admin, ids.Wagram);

        using var response = await admin.PostAsync($"/api/v1/sites/{ids.Wagram}/users/import?dryRun=true",
            Csv("lastName,firstName\nMartin,Jean\nMartin,Jean\nSeldon,Claire\n"));

        var preview = await response.Json();
        Assert.True(preview.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["jmartin@15rp.sewan.eu", "jmartin2@15rp.sewan.eu", "cseldon2@15rp.sewan.eu"],
            preview.GetProperty("rows").EnumerateArray().Select(r => r.Str("login")));
        Assert.Empty(preview.GetProperty("errors").EnumerateArray());
        Assert.Equal(before, await Logins(admin, ids.Wagram));
    }

    [Fact]
    public async Task A_file_with_one_broken_row_changes_nothing_and_names_the_row_and_field()
    {
        var (admin, ids) = await Admin();
        var before = await Logins(admin, ids.Wagram);
        const string csv = "lastName,firstName,email\nMoulin,Anne,anne.moulin@15rp.fr\nMoulin,Paul,paul.moulin-at-15rp.fr\n";

        using var response = await admin.PostAsync($"/api/v1/sites/{ids.Wagram}/users/import", Csv(csv));

        var problem = await response.Problem(HttpStatusCode.BadRequest, "row 3: email");
        Assert.Equal("email.invalid", problem.Str("code"));
        Assert.Equal(before, await Logins(admin, ids.Wagram));

        using var preview = await admin.PostAsync($"/api/v1/sites/{ids.Wagram}/users/import?dryRun=true", Csv(csv));
        var rows = (await preview.Json()).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["amoulin@15rp.sewan.eu", "pmoulin@15rp.sewan.eu"], rows.Select(r => r.Str("login")));
        Assert.Equal("row 3: email", Assert.Single(rows[1].GetProperty("errors").EnumerateArray()).Str("field"));
        Assert.Equal(before, await Logins(admin, ids.Wagram));
    }

    [Fact]
    public async Task An_unknown_profile_name_a_taken_login_and_a_plain_user_are_refused()
    {
        var (admin, ids) = await Admin();
        var before = await Logins(admin, ids.Wagram);

        using var unknown = await admin.PostAsync($"/api/v1/sites/{ids.Wagram}/users/import", Csv("lastName,callRestrictionProfile\nMoulin,Lunaire\n"));
        Assert.Equal("callRestrictionProfile.unknown", (await unknown.Problem(HttpStatusCode.BadRequest, "row 2: callRestrictionProfile")).Str("code"));

        using var taken = await admin.PostAsync($"/api/v1/sites/{ids.Wagram}/users/import", Csv("lastName,login\nLu,rlu@15rp.sewan.eu\n"));
        Assert.Equal("login.taken", (await taken.Problem(HttpStatusCode.Conflict, "row 2: login")).Str("code"));

        var lu = await factory.ClientFor(SophiaFactory.Lu);
        using var plain = await lu.PostAsync($"/api/v1/sites/{ids.Mandar}/users/import", Csv("lastName\nIntrus\n"));
        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        Assert.Equal(before, await Logins(admin, ids.Wagram));
    }

    [Fact]
    public async Task The_export_lists_each_users_phones_and_re_imports_into_another_site()
    {
        var (admin, ids) = await Admin();
        await AddProfile(ids.ClientId, "National");
        var claire = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users", new
        {
            lastName = "Fontaine",
            firstName = "Claire",
            civility = "Mme",
            function = "Juriste",
            email = "claire.fontaine@15rp.fr",
            language = "en",
            mobile = "0611223344",
            accountType = "admin",
            services = new[] { "fixedTelephony", "fax" },
            callRestrictionProfile = "National",
            description = "Service juridique",
        }, HttpStatusCode.Created);
        var marc = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Fontaine", firstName = "Marc" }, HttpStatusCode.Created);
        await admin.PostJson($"/api/v1/equipment/{DemoIds.WagramVvx250}/assign", new { userId = claire.Int("id") });

        using var export = await admin.GetAsync($"/api/v1/sites/{ids.Wagram}/users?format=csv");
        var csv = await export.Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Description,CallRestrictionProfile,Equipment", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.EndsWith(",Service juridique,National,Polycom VVX 250 00:04:F2:A1:B2:C4", lines.Single(l => l.StartsWith("cfontaine@", StringComparison.Ordinal)).TrimEnd('\r'), StringComparison.Ordinal);

        foreach (var user in new[] { claire, marc })
        {
            using var deleted = await admin.DeleteAsync($"/api/v1/users/{user.Int("id")}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var opera = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/sites", new { name = "Opéra" }, HttpStatusCode.Created);
        var imported = await (await admin.PostAsync($"/api/v1/sites/{opera.Int("id")}/users/import", Csv(csv))).Json();
        Assert.Equal(2, imported.Int("count"));

        var users = (await admin.GetJson($"/api/v1/sites/{opera.Int("id")}/users")).Items().ToList();
        Assert.Equal(["cfontaine@15rp.sewan.eu", "mfontaine@15rp.sewan.eu"], users.Select(u => u.Str("login")));
        var back = users[0];
        foreach (var field in new[] { "lastName", "firstName", "civility", "function", "email", "language", "mobile", "accountType", "callRestrictionProfile", "description" })
        {
            Assert.Equal(claire.GetProperty(field).GetRawText(), back.GetProperty(field).GetRawText());
        }
        Assert.Equal(claire.GetProperty("services").GetRawText(), back.GetProperty("services").GetRawText());
    }

    [Fact]
    public async Task A_user_gets_one_of_the_clients_call_restriction_profiles_by_name_and_an_unknown_name_is_refused()
    {
        var (admin, ids) = await Admin();
        await AddProfile(ids.ClientId, "Interne");
        var url = $"/api/v1/users/{ids.Picard}";

        var (before, etag) = await admin.GetWithETag(url);
        using (var unknown = await admin.SendJson(HttpMethod.Put, url, new { callRestrictionProfile = "Lunaire" }, etag))
        {
            var problem = await unknown.Problem(HttpStatusCode.BadRequest, "callRestrictionProfile");
            Assert.Equal("callRestrictionProfile.unknown", problem.Str("code"));
        }
        Assert.Equal(before.GetRawText(), (await admin.GetJson(url)).GetRawText());

        using (var set = await admin.SendJson(HttpMethod.Put, url, new { callRestrictionProfile = "Interne" }, etag))
        {
            Assert.Equal("Interne", (await set.Json()).Str("callRestrictionProfile"));
        }
        using var cleared = await admin.SendJson(HttpMethod.Put, url, new { callRestrictionProfile = "" });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await cleared.Json()).GetProperty("callRestrictionProfile").ValueKind);
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    /// <summary>A profile of the client, as the profiles' own API (another part of the parc) would save it.</summary>
    private async Task AddProfile(int clientId, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        db.CallRestrictionProfiles.Add(new CallRestrictionProfile { ClientId = clientId, Name = name });
        await db.SaveChangesAsync();
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<List<string>> Logins(HttpClient http, int siteId) =>
        (await http.GetJson($"/api/v1/sites/{siteId}/users?pageSize=500")).Items().Select(u => u.Str("login")).Order(StringComparer.Ordinal).ToList();
}
