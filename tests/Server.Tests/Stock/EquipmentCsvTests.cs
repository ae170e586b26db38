using System.Net;
using System.Text;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Stock;

/// <summary>CSV import into the client stock (all or nothing, errors by row and field) and CSV export that re-imports.</summary>
public sealed class EquipmentCsvTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_dry_run_checks_the_file_and_saves_nothing()
    {
        var (admin, ids) = await Admin();
        var csv = "mac,model,serial,label\n00:15:65:10:00:01,Yealink T46S,SN-A,Accueil\n00-04-f2-10-00-02,VVX 450,,\n";
        using var response = await Import(admin, ids.ClientId, csv, dryRun: true);
        var result = await response.Json();
        Assert.True(result.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, result.Int("count"));
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(("00:15:65:10:00:01", "yealink-t46s", 2), (rows[0].Str("mac"), rows[0].Str("model"), rows[0].Int("row")));
        Assert.Equal(("00:04:F2:10:00:02", "polycom-vvx450", 3), (rows[1].Str("mac"), rows[1].Str("model"), rows[1].Int("row")));
        using var absent = await admin.GetAsync("/api/v1/equipment/00:15:65:10:00:01");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task A_good_file_lands_in_the_client_stock()
    {
        var (admin, ids) = await Admin();
        var csv = "MAC;Model;Serial;Label\n001565200001;Yealink SIP-T54W;SN-54;Salle du conseil\n0004F2200002;Polycom VVX 150;;\n";
        using var response = await Import(admin, ids.ClientId, csv, dryRun: false);
        var result = await response.Json();
        Assert.False(result.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, result.Int("count"));
        var t54w = await admin.GetJson("/api/v1/equipment/00:15:65:20:00:01");
        Assert.Equal(("clientStock", "Yealink T54W", "SN-54", "Salle du conseil"),
            (t54w.Str("location"), t54w.Str("modelName"), t54w.Str("serialNumber"), t54w.Str("label")));
        Assert.Equal("Polycom VVX 150", (await admin.GetJson("/api/v1/equipment/0004f2200002")).Str("modelName"));
    }

    [Fact]
    public async Task One_bad_row_rejects_the_whole_file_and_every_error_names_row_and_field()
    {
        var (admin, ids) = await Admin();
        var before = await Stock(admin, ids.ClientId);
        var csv = string.Join('\n',
            "mac,model,serial,label",
            "00:15:65:30:00:01,Yealink T46S,SN-1,ok",
            "00:15:65:30:00:0Z,Yealink T46S,SN-2,bad mac",
            "00:15:65:30:00:03,Yealink T99,SN-3,bad model",
            "00:15:65:30:00:01,Yealink T48S,SN-4,twice in the file",
            "00-15-65-98-8C-06,Yealink T46S,SN-5,already known",
            ",Yealink T46S,SN-6,no mac",
            "");
        using var response = await Import(admin, ids.ClientId, csv, dryRun: false);
        var problem = await response.Problem(HttpStatusCode.BadRequest, "row 3: mac");
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.Str("field"), e.Str("message"))).ToList();
        Assert.Equal(["row 3: mac", "row 4: model", "row 5: mac", "row 6: mac", "row 7: mac"], errors.Select(e => e.Item1));
        Assert.Contains("00:15:65:30:00:0Z", errors[0].Item2, StringComparison.Ordinal);
        Assert.Contains("Yealink T99", errors[1].Item2, StringComparison.Ordinal);
        Assert.Contains("row 2", errors[2].Item2, StringComparison.Ordinal);
        Assert.Equal("00:15:65:98:8C:06 is not available.", errors[3].Item2);
        Assert.Equal(before, await Stock(admin, ids.ClientId));
        using var absent = await admin.GetAsync("/api/v1/equipment/00:15:65:30:00:01");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("serial,label\nSN-1,x\n")]
    [InlineData("mac\n00:15:65:40:00:01\n")]
    public async Task A_file_without_the_needed_columns_is_refused_on_row_1(string csv)
    {
        var (admin, ids) = await Admin();
        using var response = await Import(admin, ids.ClientId, csv, dryRun: false);
        await response.Problem(HttpStatusCode.BadRequest, "row 1");
    }

    [Fact]
    public async Task The_client_stock_export_re_imports_as_it_was()
    {
        var (admin, ids) = await Admin();
        await admin.PutJson($"/api/v1/equipment/{DemoIds.ClientStockT46U}", new { serialNumber = "SN-46U", label = "Salle \"B\", étage 2" });
        var exported = await ExportCsv(admin, $"/api/v1/clients/{ids.ClientId}/equipment?format=csv");
        Assert.StartsWith("Mac,Model,Serial,Label", exported, StringComparison.Ordinal);
        Assert.Contains("00:15:65:AA:00:02", exported, StringComparison.Ordinal);

        // Other tests of this class may have imported into the same stock: everything exported goes, then comes back.
        var macs = exported.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(macs.Count, (await admin.GetJson($"/api/v1/clients/{ids.ClientId}/equipment?pageSize=500")).Int("total"));
        foreach (var mac in macs)
        {
            using var deleted = await admin.DeleteAsync($"/api/v1/equipment/{mac}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Equal(0, (await admin.GetJson($"/api/v1/clients/{ids.ClientId}/equipment")).Int("total"));
        using var response = await Import(admin, ids.ClientId, exported, dryRun: false);
        Assert.Equal(macs.Count, (await response.Json()).Int("count"));
        Assert.Equal(macs.Count, (await admin.GetJson($"/api/v1/clients/{ids.ClientId}/equipment?pageSize=500")).Int("total"));
        var back = await admin.GetJson($"/api/v1/equipment/{DemoIds.ClientStockT46U}");
        Assert.Equal(("Yealink T46U", "SN-46U", "Salle \"B\", étage 2", "clientStock"),
            (back.Str("modelName"), back.Str("serialNumber"), back.Str("label"), back.Str("location")));
    }

    [Fact]
    public async Task A_site_export_lists_its_equipment_and_re_imports()
    {
        var (admin, ids) = await Admin();
        var mandar = await ExportCsv(admin, $"/api/v1/sites/{ids.Mandar}/equipment?format=csv");
        var lines = mandar.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Contains(lines, l => l.StartsWith("00:15:65:98:8C:06,Yealink T46S,", StringComparison.Ordinal) && l.EndsWith("cseldon@15rp.sewan.eu", StringComparison.Ordinal));
        var unassigned = await ExportCsv(admin, $"/api/v1/sites/{ids.Mandar}/equipment?assigned=false&format=csv");
        Assert.Equal(2, unassigned.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var wagram = await ExportCsv(admin, $"/api/v1/sites/{ids.Wagram}/equipment?format=csv");
        using (var deleted = await admin.DeleteAsync($"/api/v1/equipment/{DemoIds.WagramVvx250}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using var response = await Import(admin, ids.ClientId, wagram, dryRun: false);
        Assert.Equal(1, (await response.Json()).Int("count"));
        var back = await admin.GetJson($"/api/v1/equipment/{DemoIds.WagramVvx250}");
        Assert.Equal(("Polycom VVX 250", "clientStock"), (back.Str("modelName"), back.Str("location")));
    }

    [Fact]
    public async Task An_unknown_export_format_is_refused_naming_the_field()
    {
        var (admin, ids) = await Admin();
        using var response = await admin.GetAsync($"/api/v1/sites/{ids.Mandar}/equipment?format=xml");
        await response.Problem(HttpStatusCode.BadRequest, "format");
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    private static Task<HttpResponseMessage> Import(HttpClient http, int clientId, string csv, bool dryRun) =>
        http.PostAsync($"/api/v1/clients/{clientId}/equipment/import?dryRun={(dryRun ? "true" : "false")}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<string> ExportCsv(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<List<string>> Stock(HttpClient http, int clientId) =>
        (await http.GetJson($"/api/v1/clients/{clientId}/equipment?pageSize=500")).Items().Select(e => e.Str("mac")).ToList();
}
