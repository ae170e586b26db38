using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Stock.Import;
using Sophia.Stock.Inventory;
using Sophia.Testing;

namespace Sophia.Stock.Tests.Import;

public sealed class EquipmentCsvImportTests
{
    [Fact]
    public async Task A_good_file_lands_in_the_client_stock_in_any_MAC_notation_and_delimiter()
    {
        await using var parc = await TestParc.CreateAsync();
        const string csv = """
            mac;model;serial;label
            00:15:65:98:8C:06;Yealink T46S;SN1;Accueil
            00-04-f2-a1-b2-c3;VVX 450;;
            001565aa0001;T54W;SN3;
            """;

        var result = await ImportAsync(parc, csv, dryRun: false);

        Assert.Equal(3, result.Count);
        var stored = await parc.NewDb().Equipment.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["001565988c06", "0004f2a1b2c3", "001565aa0001"], stored.Select(e => e.Mac.ToString()));
        Assert.Equal(["yealink-t46s", "polycom-vvx450", "yealink-t54w"], stored.Select(e => e.ModelId));
        Assert.All(stored, e => Assert.Equal(EquipmentLocation.ClientStock, e.Location));
        Assert.Equal("Accueil", stored[0].Label);
        Assert.Null(stored[1].SerialNumber);
    }

    [Fact]
    public async Task The_yealink_models_of_issue_15_import_by_the_names_people_and_phones_write()
    {
        await using var parc = await TestParc.CreateAsync();
        const string csv = """
            mac,model
            001565150001,T53
            001565150002,T53W
            001565150003,Yealink SIP-CP920
            001565150004,CP925
            001565150005,t30p
            001565150006,T30
            001565150007,Yealink T44U
            001565150008,SIP-T31G
            """;

        var result = await ImportAsync(parc, csv, dryRun: false);

        Assert.Equal(8, result.Count);
        var stored = await parc.NewDb().Equipment.OrderBy(e => e.Mac).Select(e => e.ModelId).ToListAsync();
        Assert.Equal(
            ["yealink-t53", "yealink-t53w", "yealink-cp920", "yealink-cp925", "yealink-t30p", "yealink-t30", "yealink-t44u", "yealink-t31g"],
            stored);
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_row_and_field_and_nothing_is_imported()
    {
        await using var parc = await TestParc.CreateAsync();
        await parc.AddEquipmentAsync(MacAddress.Parse("00:15:65:00:00:01"), "yealink-t46s", siteId: null);
        const string csv = """
            mac,model,serial,label
            00:15:65:00:00:02,T46S,,
            00:15:65:00:00:0Z,T46S,,
            00:15:65:00:00:02,T48S,,
            00:15:65:00:00:03,Cisco 7945,,
            00:15:65:00:00:01,T46S,,
            ,T46S,,
            """;

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(parc, csv, dryRun: false));

        var fields = error.Errors.Select(e => e.Field).ToList();
        Assert.Equal(["row 3: mac", "row 4: mac", "row 5: model", "row 6: mac", "row 7: mac"], fields);
        Assert.Contains("row 2", error.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("Cisco 7945", error.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal("00:15:65:00:00:01 is not available.", error.Errors[3].Message);
        Assert.Equal(1, await parc.NewDb().Equipment.CountAsync());
    }

    [Fact]
    public async Task Each_bad_row_carries_its_code_and_the_values_it_names()
    {
        await using var parc = await TestParc.CreateAsync();
        await parc.AddEquipmentAsync(MacAddress.Parse("00:15:65:00:00:01"), "yealink-t46s", siteId: null);
        const string csv = """
            mac,model
            00:15:65:00:00:02,T46S
            00:15:65:00:00:0Z,T46S
            00:15:65:00:00:02,T48S
            00:15:65:00:00:03,Cisco 7945
            00:15:65:00:00:01,T46S
            ,
            """;

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(parc, csv, dryRun: false));

        Assert.Equal(
            [
                ("row 3: mac", "mac.invalid"), ("row 4: mac", "mac.duplicate"), ("row 5: model", "model.unknown"),
                ("row 6: mac", "mac.taken"), ("row 7: mac", "mac.required"), ("row 7: model", "model.required"),
            ],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(("00:15:65:00:00:02", "2"), (error.Errors[1].Args["mac"], error.Errors[1].Args["row"]));
        Assert.Equal("00:15:65:00:00:01", error.Errors[3].Args["mac"]);
    }

    [Fact]
    public async Task A_dry_run_checks_everything_and_writes_nothing()
    {
        await using var parc = await TestParc.CreateAsync();
        var result = await ImportAsync(parc, "mac,model\n001565aa0009,T57W\n", dryRun: true);
        Assert.True(result.DryRun);
        Assert.Single(result.Rows);
        Assert.Equal(0, await parc.NewDb().Equipment.CountAsync());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("serial,label\nSN1,x\n", "mac, model")]
    public async Task A_file_without_the_needed_header_is_refused_on_row_1(string csv, string expected)
    {
        await using var parc = await TestParc.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(parc, csv, dryRun: false));
        Assert.Equal("row 1", error.Errors[0].Field);
        Assert.Contains(expected, error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_clients_admin_cannot_import_into_the_stock()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        var stranger = new Caller(Role.ClientAdmin, other, null, "admin@autre");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().ImportAsync(stranger, parc.ClientId, new StringReader("mac,model\n001565aa0009,T57W\n"), dryRun: false, default));

        Assert.Equal((RuleViolationKind.NotFound, "client.notFound"), (error.Kind, error.Errors[0].Code));
        Assert.Equal(0, await parc.NewDb().Equipment.CountAsync());
    }

    [Fact]
    public async Task Another_clients_MAC_is_named_only_as_not_available_in_the_words_an_own_MAC_gets()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        await parc.AddEquipmentAsync(MacAddress.Parse("00:15:65:00:00:01"), "yealink-t46s", siteId: null);
        await parc.AddEquipmentAsync(MacAddress.Parse("00:15:65:00:00:02"), "yealink-t46s", siteId: null, clientId: other);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(parc, "mac,model\n001565000001,T46S\n001565000002,T46S\n", dryRun: true));

        Assert.Equal([("mac.taken", "00:15:65:00:00:01 is not available."), ("mac.taken", "00:15:65:00:00:02 is not available.")],
            error.Errors.Select(e => (e.Code, e.Message)));
        var logged = Assert.Single(parc.Logs.Entries, l => l.Level == LogLevel.Warning);
        Assert.Equal($"Refused 1 MAC(s) held by another client as not available to {TestParc.Admin15Rp} of client {parc.ClientId}", logged.Message);
    }

    [Fact]
    public async Task A_file_naming_more_than_ten_MACs_of_other_clients_is_refused_whole_naming_none()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        var csv = new System.Text.StringBuilder("mac,model\n");
        for (var i = 1; i <= 11; i++)
        {
            var mac = MacAddress.Parse($"00:15:65:00:01:{i:X2}");
            await parc.AddEquipmentAsync(mac, "yealink-t46s", siteId: null, clientId: other);
            csv.Append(mac).Append(",T46S\n");
        }
        csv.Append("001565000200,T46S\n");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(parc, csv.ToString(), dryRun: true));

        var refused = Assert.Single(error.Errors);
        Assert.Equal(("file", "import.tooManyUnavailable", RuleViolationKind.Conflict), (refused.Field, refused.Code, error.Kind));
        Assert.DoesNotContain("00:15:65", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["max"], refused.Args.Keys);
        var logged = Assert.Single(parc.Logs.Entries, l => l.Level == LogLevel.Warning);
        Assert.Contains("Refused 11 MAC(s)", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("00:15:65", logged.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_clients_own_MACs_do_not_count_toward_the_bound_and_the_helpdesk_has_none()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        var own = new System.Text.StringBuilder("mac,model\n");
        var foreign = new System.Text.StringBuilder("mac,model\n");
        for (var i = 1; i <= 11; i++)
        {
            var mine = MacAddress.Parse($"00:15:65:00:02:{i:X2}");
            var theirs = MacAddress.Parse($"00:15:65:00:03:{i:X2}");
            await parc.AddEquipmentAsync(mine, "yealink-t46s", siteId: null);
            await parc.AddEquipmentAsync(theirs, "yealink-t46s", siteId: null, clientId: other);
            own.Append(mine).Append(",T46S\n");
            foreign.Append(theirs).Append(",T46S\n");
        }

        var ownError = await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(parc, own.ToString(), dryRun: true));
        var helpdeskError = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<EquipmentOperations>()
            .ImportAsync(TestParc.HelpdeskCaller, parc.ClientId, new StringReader(foreign.ToString()), dryRun: true, default));

        Assert.Equal(11, ownError.Errors.Count(e => e.Code == "mac.taken"));
        Assert.Equal(11, helpdeskError.Errors.Count(e => e.Code == "mac.taken"));
        Assert.DoesNotContain(parc.Logs.Entries, l => l.Level == LogLevel.Warning);
    }

    private static Task<ImportResult> ImportAsync(TestParc parc, string csv, bool dryRun) =>
        parc.Operation<EquipmentOperations>().ImportAsync(parc.AdminCaller, parc.ClientId, new StringReader(csv), dryRun, default);
}
