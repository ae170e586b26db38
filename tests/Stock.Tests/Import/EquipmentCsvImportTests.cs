using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Model.Tests;
using Sophia.Stock.Import;

namespace Sophia.Stock.Tests.Import;

public sealed class EquipmentCsvImportTests
{
    [Fact]
    public async Task A_good_file_lands_in_the_client_stock_in_any_MAC_notation_and_delimiter()
    {
        await using var test = await TestDb.CreateAsync();
        const string csv = """
            mac;model;serial;label
            00:15:65:98:8C:06;Yealink T46S;SN1;Accueil
            00-04-f2-a1-b2-c3;VVX 450;;
            001565aa0001;T54W;SN3;
            """;

        var result = await EquipmentCsvImport.ImportAsync(test.Db, test.Client.Id, new StringReader(csv), dryRun: false);

        Assert.Equal(3, result.Count);
        var stored = await test.NewContext().Equipment.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["001565988c06", "0004f2a1b2c3", "001565aa0001"], stored.Select(e => e.Mac.ToString()));
        Assert.Equal(["yealink-t46s", "polycom-vvx450", "yealink-t54w"], stored.Select(e => e.ModelId));
        Assert.All(stored, e => Assert.Equal(EquipmentLocation.ClientStock, e.Location));
        Assert.Equal("Accueil", stored[0].Label);
        Assert.Null(stored[1].SerialNumber);
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_row_and_field_and_nothing_is_imported()
    {
        await using var test = await TestDb.CreateAsync();
        test.Db.Equipment.Add(new Equipment { Mac = MacAddress.Parse("00:15:65:00:00:01"), ModelId = "yealink-t46s", ClientId = test.Client.Id });
        await test.Db.SaveChangesAsync();
        const string csv = """
            mac,model,serial,label
            00:15:65:00:00:02,T46S,,
            00:15:65:00:00:0Z,T46S,,
            00:15:65:00:00:02,T48S,,
            00:15:65:00:00:03,Cisco 7945,,
            00:15:65:00:00:01,T46S,,
            ,T46S,,
            """;

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            EquipmentCsvImport.ImportAsync(test.Db, test.Client.Id, new StringReader(csv), dryRun: false));

        var fields = error.Errors.Select(e => e.Field).ToList();
        Assert.Equal(["row 3: mac", "row 4: mac", "row 5: model", "row 6: mac", "row 7: mac"], fields);
        Assert.Contains("row 2", error.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("Cisco 7945", error.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("already in the operator", error.Errors[3].Message, StringComparison.Ordinal);
        Assert.Equal(1, await test.NewContext().Equipment.CountAsync());
    }

    [Fact]
    public async Task A_dry_run_checks_everything_and_writes_nothing()
    {
        await using var test = await TestDb.CreateAsync();
        var result = await EquipmentCsvImport.ImportAsync(test.Db, test.Client.Id, new StringReader("mac,model\n001565aa0009,T57W\n"), dryRun: true);
        Assert.True(result.DryRun);
        Assert.Single(result.Rows);
        Assert.Equal(0, await test.NewContext().Equipment.CountAsync());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("serial,label\nSN1,x\n", "mac, model")]
    public async Task A_file_without_the_needed_header_is_refused_on_row_1(string csv, string expected)
    {
        await using var test = await TestDb.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            EquipmentCsvImport.ImportAsync(test.Db, test.Client.Id, new StringReader(csv), dryRun: false));
        Assert.Equal("row 1", error.Errors[0].Field);
        Assert.Contains(expected, error.Errors[0].Message, StringComparison.Ordinal);
    }
}
