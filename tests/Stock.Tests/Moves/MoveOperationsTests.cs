using Microsoft.EntityFrameworkCore;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Stock.Inventory;
using Sophia.Stock.Moves;
using Sophia.Testing;

namespace Sophia.Stock.Tests.Moves;

/// <summary>Moves and assignments as a client admin or the helpdesk asks for them, through <see cref="EquipmentOperations"/>.</summary>
public sealed class MoveOperationsTests
{
    [Fact]
    public async Task Moving_assigned_equipment_up_to_the_client_stock_unassigns_it_and_down_again_it_is_assigned_anew()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var mac = TestParc.LuVvx450.ToString();

        var up = await Operations(parc).MoveAsync(parc.AdminCaller, mac, new MoveRequest("client", null), null, default);
        Assert.Equal((EquipmentLocation.ClientStock, null, null, null), (up.Location, up.SiteId, up.UserId, up.UserLogin));

        await Operations(parc).MoveAsync(parc.AdminCaller, mac, new MoveRequest("site", parc.Mandar), null, default);
        var assigned = await Operations(parc).AssignAsync(parc.AdminCaller, mac, new AssignRequest(parc.Lu), null, default);

        Assert.Equal((EquipmentLocation.Assigned, "rlu@15rp.sewan.eu"), (assigned.Location, assigned.UserLogin));
        var stored = await parc.NewDb().Equipment.SingleAsync(e => e.Mac == TestParc.LuVvx450);
        Assert.Equal((parc.Mandar, parc.Lu), (stored.SiteId, stored.UserId));
    }

    [Theory]
    [InlineData("attic", null, "to", "move.destination")]
    [InlineData(null, null, "to", "move.destination")]
    [InlineData("site", null, "siteId", "move.siteRequired")]
    public async Task A_move_to_nowhere_names_the_field_and_the_phone_stays(string? to, int? siteId, string field, string code)
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).MoveAsync(parc.AdminCaller, TestParc.MandarStockT54W.ToString(), new MoveRequest(to, siteId), null, default));

        Assert.Equal((RuleViolationKind.Invalid, field, code), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
        Assert.Equal(parc.Mandar, (await parc.NewDb().Equipment.SingleAsync(e => e.Mac == TestParc.MandarStockT54W)).SiteId);
    }

    [Fact]
    public async Task Even_the_helpdesk_cannot_move_a_phone_to_another_clients_site_or_user()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (_, otherSite) = await parc.AddClientAsync("Autre", "autre.example");
        var stranger = await parc.AddUserAsync("Martin", "Anne", "amartin", otherSite);

        var move = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).MoveAsync(TestParc.HelpdeskCaller, TestParc.ClientStockT46U.ToString(), new MoveRequest("site", otherSite), null, default));
        var assign = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).AssignAsync(TestParc.HelpdeskCaller, TestParc.MandarStockT54W.ToString(), new AssignRequest(stranger.Id), null, default));

        Assert.Equal((RuleViolationKind.NotFound, "siteId", "site.notFound"), (move.Kind, move.Errors[0].Field, move.Errors[0].Code));
        Assert.Equal((RuleViolationKind.NotFound, "userId", "user.notFound"), (assign.Kind, assign.Errors[0].Field, assign.Errors[0].Code));
        var stored = await parc.NewDb().Equipment.Where(e => e.Mac == TestParc.ClientStockT46U || e.Mac == TestParc.MandarStockT54W).ToListAsync();
        Assert.All(stored, e => Assert.Null(e.UserId));
        Assert.Single(stored, e => e.SiteId is null);
    }

    [Fact]
    public async Task A_phone_of_another_site_is_not_assigned_and_the_error_says_where_it_is()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).AssignAsync(parc.AdminCaller, TestParc.WagramStockVvx250.ToString(), new AssignRequest(parc.Picard), null, default));

        var only = Assert.Single(error.Errors);
        Assert.Equal(("userId", "equipment.otherSite"), (only.Field, only.Code));
        Assert.Equal(("00:04:F2:A1:B2:C4", parc.Mandar.ToString(), "njoly@15rp.sewan.eu"), (only.Args["mac"], only.Args["siteId"], only.Args["login"]));
        Assert.Null((await parc.NewDb().Equipment.SingleAsync(e => e.Mac == TestParc.WagramStockVvx250)).UserId);
    }

    [Fact]
    public async Task Assigning_needs_a_user()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).AssignAsync(parc.AdminCaller, TestParc.MandarStockT54W.ToString(), new AssignRequest(null), null, default));
        Assert.Equal(("userId", "required"), (error.Errors[0].Field, error.Errors[0].Code));
    }

    [Fact]
    public async Task Unassigning_keeps_the_phone_in_its_site_and_a_stale_move_changes_nothing()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var mac = TestParc.SeldonT46S.ToString();
        var read = await Operations(parc).GetAsync(parc.AdminCaller, mac, default);

        var unassigned = await Operations(parc).UnassignAsync(parc.AdminCaller, mac, read.Version, default);
        var stale = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).MoveAsync(parc.AdminCaller, mac, new MoveRequest("client", null), read.Version, default));

        Assert.Equal((EquipmentLocation.SiteStock, parc.Mandar, read.Version + 1), (unassigned.Location, unassigned.SiteId, unassigned.Version));
        Assert.Equal(RuleViolationKind.Stale, stale.Kind);
        Assert.Equal(parc.Mandar, (await parc.NewDb().Equipment.SingleAsync(e => e.Mac == TestParc.SeldonT46S)).SiteId);
    }

    private static EquipmentOperations Operations(TestParc parc) => parc.Operation<EquipmentOperations>();
}
