using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Stock.Inventory;
using Sophia.Testing;

namespace Sophia.Stock.Tests.Inventory;

public sealed class EquipmentOperationsTests
{
    [Fact]
    public async Task New_equipment_lands_in_the_client_stock_with_the_catalog_model_however_it_is_named()
    {
        await using var parc = await TestParc.CreateAsync();
        var created = await Operations(parc).CreateAsync(parc.AdminCaller, parc.ClientId, new EquipmentInput("00-15-65-aa-bb-01", "SIP-T54W", "SN-1", "Accueil"), default);

        Assert.Equal(("00:15:65:AA:BB:01", "yealink-t54w", "Yealink T54W", EquipmentLocation.ClientStock, 1L),
            (created.Mac, created.Model, created.ModelName, created.Location, created.Version));
        var stock = await Operations(parc).ListClientStockAsync(parc.AdminCaller, parc.ClientId, PageRequest.First, default);
        Assert.Equal(["00:15:65:AA:BB:01"], stock.Items.Select(e => e.Mac));
    }

    [Fact]
    public async Task A_bad_MAC_and_an_unknown_model_are_reported_at_once_with_their_codes_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).CreateAsync(parc.AdminCaller, parc.ClientId, new EquipmentInput("00:15:65:98:8C:0G", "Yealink T99X", null, null), default));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal([("mac", "mac.invalid"), ("model", "model.unknown")], error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(("00:15:65:98:8C:0G", "Yealink T99X"), (error.Errors[0].Args["value"], error.Errors[1].Args["value"]));
        Assert.Equal(0, await parc.NewDb().Equipment.CountAsync());
    }

    [Fact]
    public async Task A_MAC_another_client_holds_is_a_conflict_saying_only_not_available_and_is_logged()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        await parc.AddEquipmentAsync(MacAddress.Parse("00:15:65:AA:BB:02"), "yealink-t46s", siteId: null, clientId: other);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).CreateAsync(parc.AdminCaller, parc.ClientId, new EquipmentInput("001565aabb02", "T46S", null, null), default));

        Assert.Equal((RuleViolationKind.Conflict, "mac", "mac.taken", "00:15:65:AA:BB:02"),
            (error.Kind, error.Errors[0].Field, error.Errors[0].Code, error.Errors[0].Args["mac"]));
        Assert.Equal("00:15:65:AA:BB:02 is not available.", error.Errors[0].Message);
        Assert.Equal(1, await parc.NewDb().Equipment.CountAsync());
        var logged = Assert.Single(parc.Logs.Entries, l => l.Level == LogLevel.Warning);
        Assert.Equal($"Refused 1 MAC(s) held by another client as not available to {TestParc.Admin15Rp} of client {parc.ClientId}", logged.Message);
    }

    [Fact]
    public async Task An_update_changes_model_serial_and_label_and_keeps_what_it_leaves_out()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var mac = TestParc.ClientStockT46U.ToString();
        await Operations(parc).UpdateAsync(parc.AdminCaller, mac, new EquipmentInput(null, null, "SN-46U", "Salle B"), null, default);

        var updated = await Operations(parc).UpdateAsync(parc.AdminCaller, mac, new EquipmentInput("00:15:65:AA:00:02", "T48U", null, null), null, default);

        Assert.Equal(("yealink-t48u", "SN-46U", "Salle B", 3L), (updated.Model, updated.SerialNumber, updated.Label, updated.Version));
    }

    [Fact]
    public async Task A_MAC_never_changes_and_a_refused_update_changes_nothing()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var mac = TestParc.ClientStockT46U.ToString();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).UpdateAsync(parc.AdminCaller, mac, new EquipmentInput("00:15:65:AA:00:03", "Cisco 7945", "SN-X", "X"), null, default));

        Assert.Equal([("mac", "mac.immutable"), ("model", "model.unknown")], error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("00:15:65:AA:00:02", error.Errors[0].Args["mac"]);
        var stored = await parc.NewDb().Equipment.SingleAsync(e => e.Mac == TestParc.ClientStockT46U);
        Assert.Equal(("yealink-t46u", null, 1L), (stored.ModelId, stored.SerialNumber, stored.Version));
    }

    [Fact]
    public async Task An_update_with_a_stale_version_changes_nothing()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var mac = TestParc.ClientStockT46U.ToString();
        var read = await Operations(parc).GetAsync(parc.AdminCaller, mac, default);
        await Operations(parc).UpdateAsync(parc.AdminCaller, mac, new EquipmentInput(null, null, null, "Accueil"), read.Version, default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).UpdateAsync(parc.AdminCaller, mac, new EquipmentInput(null, null, null, "Salle B"), read.Version, default));

        Assert.Equal((RuleViolationKind.Stale, "version.stale"), (error.Kind, error.Errors[0].Code));
        Assert.Equal("Accueil", (await Operations(parc).GetAsync(parc.AdminCaller, mac, default)).Label);
    }

    [Fact]
    public async Task Assigned_equipment_is_not_deleted_and_stock_equipment_is()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).DeleteAsync(parc.AdminCaller, TestParc.SeldonT46S.ToString(), null, default));
        Assert.Equal((RuleViolationKind.Conflict, "mac", "equipment.assigned"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));

        await Operations(parc).DeleteAsync(parc.AdminCaller, TestParc.MandarStockT54W.ToString(), null, default);

        var left = await parc.NewDb().Equipment.Select(e => e.Mac).ToListAsync();
        Assert.Contains(TestParc.SeldonT46S, left);
        Assert.DoesNotContain(TestParc.MandarStockT54W, left);
    }

    [Fact]
    public async Task A_site_lists_its_assigned_phones_or_its_stock_and_the_client_stock_holds_the_rest()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var operations = Operations(parc);

        var assigned = await operations.ListSiteAsync(parc.AdminCaller, parc.Mandar, assigned: true, PageRequest.First, default);
        var free = await operations.ListSiteAsync(parc.AdminCaller, parc.Mandar, assigned: false, PageRequest.First, default);
        var all = await operations.ListSiteAsync(parc.AdminCaller, parc.Mandar, assigned: null, PageRequest.First, default);
        var stock = await operations.ListClientStockAsync(parc.AdminCaller, parc.ClientId, PageRequest.First, default);

        Assert.Equal(["00:04:F2:A1:B2:C3", "00:15:65:98:8C:06"], assigned.Items.Select(e => e.Mac));
        Assert.Equal(["rlu@15rp.sewan.eu", "cseldon@15rp.sewan.eu"], assigned.Items.Select(e => e.UserLogin));
        Assert.Equal(["00:15:65:AA:00:01"], free.Items.Select(e => e.Mac));
        Assert.Equal(3, all.Total);
        Assert.Equal(["00:15:65:AA:00:02"], stock.Items.Select(e => e.Mac));
    }

    [Fact]
    public async Task An_export_has_the_import_columns_first_and_where_each_phone_is()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var rows = await Operations(parc).ExportSiteAsync(parc.AdminCaller, parc.Mandar, assigned: null, default);

        Assert.Equal(
            [
                new EquipmentCsvRow("00:04:F2:A1:B2:C3", "Polycom VVX 450", null, null, "Assigned", parc.Mandar, "rlu@15rp.sewan.eu"),
                new EquipmentCsvRow("00:15:65:98:8C:06", "Yealink T46S", null, null, "Assigned", parc.Mandar, "cseldon@15rp.sewan.eu"),
                new EquipmentCsvRow("00:15:65:AA:00:01", "Yealink T54W", null, null, "SiteStock", parc.Mandar, null),
            ],
            rows);
        var stock = await Operations(parc).ExportClientStockAsync(parc.AdminCaller, parc.ClientId, default);
        Assert.Equal(["00:15:65:AA:00:02"], stock.Select(r => r.Mac));
    }

    [Fact]
    public async Task Another_clients_admin_and_a_plain_user_find_no_such_equipment_nor_stock()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        var lu = await parc.Db.Users.SingleAsync(u => u.Id == parc.Lu);
        foreach (var stranger in new[] { new Caller(Role.ClientAdmin, other, null, "admin@autre"), TestParc.UserCaller(lu) })
        {
            var get = await Assert.ThrowsAsync<RuleViolationException>(() => Operations(parc).GetAsync(stranger, TestParc.LuVvx450.ToString(), default));
            Assert.Equal((RuleViolationKind.NotFound, "equipment.notFound"), (get.Kind, get.Errors[0].Code));
            var stock = await Assert.ThrowsAsync<RuleViolationException>(() =>
                Operations(parc).ListClientStockAsync(stranger, parc.ClientId, PageRequest.First, default));
            Assert.Equal((RuleViolationKind.NotFound, "client.notFound"), (stock.Kind, stock.Errors[0].Code));
        }
    }

    private static EquipmentOperations Operations(TestParc parc) => parc.Operation<EquipmentOperations>();
}
