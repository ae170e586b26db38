using System.Net;
using System.Text;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Contacts;

/// <summary>CSV import (preview, all or nothing, errors by row and column) and export of external and personal contacts.</summary>
public sealed class ContactCsvTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_dry_run_previews_each_row_with_its_short_numbers_and_saves_nothing()
    {
        var (admin, url) = await External();
        var before = (await admin.GetJson(url)).Int("total");
        var csv = "LASTNAME;Phone;Mobile;ShortNumber\nAubert;0354692001;0612002001;\nBlanc;0354692002;;5800\n";

        using var response = await Import(admin, $"{url}/import?dryRun=true", csv);
        var preview = await response.Json();

        Assert.True(preview.GetProperty("dryRun").GetBoolean());
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 3], rows.Select(r => r.Int("row")));
        var aubert = rows[0].GetProperty("contact");
        Assert.Equal(("Aubert", "0612002001"), (aubert.Str("lastName"), aubert.Str("mobile")));
        Assert.Matches("^5[0-9]{2,3}$", aubert.Str("shortNumber"));
        Assert.Matches("^5[0-9]{2,3}$", aubert.Str("mobileShortNumber"));
        Assert.Equal("5800", rows[1].GetProperty("contact").Str("shortNumber"));
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("contact").GetProperty("mobileShortNumber").ValueKind);
        Assert.Equal(before, (await admin.GetJson(url)).Int("total"));
    }

    [Fact]
    public async Task A_file_with_one_broken_row_changes_nothing_and_names_the_row_and_field()
    {
        var (admin, url) = await External();
        var before = (await admin.GetJson($"{url}?pageSize=500")).GetRawText();
        var csv = "lastName,firstName,phone,email,shortNumber\nCaron,Anne,0354692003,,\nDupuis,Marc,0354692004,marc@,\nEvrard,Léa,0354692005,,\n";

        using var response = await Import(admin, $"{url}/import", csv);

        var problem = await response.Problem(HttpStatusCode.BadRequest, "row 3: email");
        Assert.Equal("email.invalid", problem.Str("code"));
        Assert.Equal(before, (await admin.GetJson($"{url}?pageSize=500")).GetRawText());
    }

    [Fact]
    public async Task A_short_number_chosen_in_the_file_that_the_client_holds_is_a_409_on_its_row()
    {
        var (admin, url) = await External();
        using var response = await Import(admin, $"{url}/import", "lastName,phone,shortNumber\nFabre,0354692006,501\n");
        var problem = await response.Problem(HttpStatusCode.Conflict, "row 2: shortNumber");
        Assert.Equal("shortNumber.taken", problem.Str("code"));
        Assert.DoesNotContain((await admin.GetJson(url)).Items(), c => c.Str("lastName") == "Fabre");
    }

    [Fact]
    public async Task The_external_export_re_imports_into_another_client_with_the_same_short_numbers()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var (admin, url) = await External();
        await admin.PostJson(url, new { lastName = "Girard", firstName = "Paul", company = "Soucht, \"Nord\"", jobTitle = "Gérant", phone = "03 54 69 20 07", mobile = "06 12 00 20 07" },
            HttpStatusCode.Created);
        var exported = await admin.GetStringAsync($"{url}?format=csv");
        Assert.StartsWith("LastName,FirstName,Company,JobTitle,Phone,Mobile,Email,ShortNumber,MobileShortNumber", exported, StringComparison.Ordinal);

        var other = await OtherClient.CreateAsync(helpdesk, "Reprise Annuaire");
        var otherUrl = $"/api/v1/clients/{other.ClientId}/contacts/external";
        using var response = await Import(helpdesk, $"{otherUrl}/import", exported);
        await response.Json();

        Assert.Equal(Listed(await admin.GetJson($"{url}?pageSize=500")), Listed(await helpdesk.GetJson($"{otherUrl}?pageSize=500")));
        Assert.Contains(Listed(await helpdesk.GetJson($"{otherUrl}?pageSize=500")), c => c.StartsWith("Girard|Paul|Soucht, \"Nord\"|Gérant|03 54 69 20 07|06 12 00 20 07|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_exports_their_own_contacts_and_imports_them_back_all_or_nothing()
    {
        var lu = await factory.ClientFor(SophiaFactory.Lu);
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var url = $"/api/v1/users/{ids.Lu}/contacts";
        var csv = "civility;lastName;firstName;company;jobTitle;phone;mobile;email\nMme;Lu;Maria;Famille;Mère;0611223344;0781223344;maria@example.fr\nM.;Lu;Paolo;;;0611223345;;\n";

        using (var broken = await Import(lu, $"{url}/import", csv + ";;Sans nom;;;0611223346;;\n"))
        {
            await broken.Problem(HttpStatusCode.BadRequest, "row 4: lastName");
        }
        Assert.Equal(0, (await lu.GetJson(url)).Int("total"));
        using (var imported = await Import(lu, $"{url}/import", csv))
        {
            Assert.Equal(2, (await imported.Json()).Int("count"));
        }
        var exported = await lu.GetStringAsync($"{url}?format=csv");
        Assert.StartsWith("Civility,LastName,FirstName,Company,JobTitle,Phone,Mobile,Email", exported, StringComparison.Ordinal);
        Assert.Contains("Mme,Lu,Maria,Famille,Mère,0611223344,0781223344,maria@example.fr", exported, StringComparison.Ordinal);

        using (var again = await Import(lu, $"{url}/import", exported))
        {
            Assert.Equal(2, (await again.Json()).Int("count"));
        }
        var all = (await lu.GetJson(url)).Items().Select(c => $"{c.Str("civility")} {c.Str("firstName")} {c.Str("mobile")}").ToList();
        Assert.Equal(["M. Paolo ", "M. Paolo ", "Mme Maria 0781223344", "Mme Maria 0781223344"], all.Order(StringComparer.Ordinal));
        using var stranger = await Import(lu, $"/api/v1/users/{ids.Seldon}/contacts/import", csv);
        await stranger.Problem(HttpStatusCode.NotFound, "userId");
    }

    [Fact]
    public async Task An_unknown_export_format_is_refused_naming_the_field()
    {
        var (admin, url) = await External();
        using var response = await admin.GetAsync($"{url}?format=xml");
        await response.Problem(HttpStatusCode.BadRequest, "format");
    }

    private static List<string> Listed(JsonElement page) => page.Items()
        .Select(c => string.Join('|', new[] { "lastName", "firstName", "company", "jobTitle", "phone", "mobile", "email", "shortNumber", "mobileShortNumber" }
            .Select(p => c.GetProperty(p).ValueKind == JsonValueKind.Null ? "" : c.Str(p))))
        .ToList();

    private static Task<HttpResponseMessage> Import(HttpClient http, string url, string csv) =>
        http.PostAsync(url, new StringContent(csv, Encoding.UTF8, "text/csv"));

    private async Task<(HttpClient Admin, string Url)> External()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, $"/api/v1/clients/{(await DemoIds.Read(admin)).ClientId}/contacts/external");
    }
}
