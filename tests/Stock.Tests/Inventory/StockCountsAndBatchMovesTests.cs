using Microsoft.EntityFrameworkCore;
using Sophia.Model.Rules;
using Sophia.Stock.Inventory;
using Sophia.Stock.Moves;
using Sophia.Testing;

namespace Sophia.Stock.Tests.Inventory;

/// <summary>The stock as the console draws it (counts per site and client stock) and the moves of several selected phones.</summary>
public sealed class StockCountsAndBatchMovesTests
{
    [Fact]
    public async Task The_demo_stock_counts_one_phone_in_the_client_stock_and_per_site_those_in_stock_and_assigned()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        await parc.AddEquipmentAsync(Sophia.DeviceModels.Identification.MacAddress.Parse("00:15:65:AA:BB:09"), "yealink-t46s", siteId: null, clientId: other);

        var counts = await Operations(parc).CountAsync(parc.AdminCaller, parc.ClientId, default);

        Assert.Equal(1, counts.ClientStock);
        Assert.Equal([("Mandar", 1, 2), ("Wagram", 1, 0)], counts.Sites.Select(s => (s.SiteName, s.InStock, s.Assigned)));
        Assert.Equal(5, counts.Total);
    }

    [Fact]
    public async Task Another_clients_stock_is_not_found_for_an_admin()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Operations(parc).CountAsync(parc.AdminCaller, other, default));

        Assert.Equal((RuleViolationKind.NotFound, "client.notFound"), (error.Kind, error.Errors[0].Code));
    }

    [Fact]
    public async Task Selected_phones_move_up_together_and_an_assigned_one_is_unassigned_on_the_way()
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var moved = await Operations(parc).MoveAllAsync(parc.AdminCaller,
            [new(TestParc.MandarStockT54W.ToString(), 1), new("00-04-f2-a1-b2-c3", null)], new MoveRequest(StockMoves.ToClient, null), default);

        Assert.All(moved, e => Assert.Equal((Sophia.Model.Stock.EquipmentLocation.ClientStock, null), (e.Location, e.UserId)));
        Assert.Equal(3, (await Operations(parc).CountAsync(parc.AdminCaller, parc.ClientId, default)).ClientStock);
    }

    [Fact]
    public async Task One_phone_changed_since_it_was_read_moves_none_of_the_selection()
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Operations(parc).MoveAllAsync(parc.AdminCaller,
            [new(TestParc.ClientStockT46U.ToString(), 1), new(TestParc.MandarStockT54W.ToString(), 7)], new MoveRequest(StockMoves.ToSite, parc.Wagram), default));

        Assert.Equal((RuleViolationKind.Stale, "version.stale"), (error.Kind, error.Errors[0].Code));
        var stored = await parc.NewDb().Equipment.Where(e => e.Mac == TestParc.ClientStockT46U || e.Mac == TestParc.MandarStockT54W).ToListAsync();
        Assert.Equal([null, parc.Mandar], stored.OrderBy(e => e.SiteId ?? 0).Select(e => e.SiteId));
    }

    private static EquipmentOperations Operations(TestParc parc) => parc.Operation<EquipmentOperations>();
}
