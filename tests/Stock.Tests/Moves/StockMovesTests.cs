using Sophia.DeviceModels.Identification;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Stock.Moves;
using Sophia.Testing;

namespace Sophia.Stock.Tests.Moves;

public sealed class StockMovesTests
{
    [Fact]
    public async Task Equipment_goes_down_to_a_site_is_assigned_and_going_up_unassigns_it()
    {
        await using var parc = await TestParc.CreateAsync();
        var user = await parc.AddUserAsync("Seldon", "Cédric", "cseldon");
        var phone = NewPhone(parc);
        await parc.Db.SaveChangesAsync();

        await StockMoves.MoveToSiteAsync(parc.Db, phone, parc.Mandar);
        StockMoves.Assign(phone, user);
        await parc.Db.SaveChangesAsync();
        Assert.Equal(EquipmentLocation.Assigned, phone.Location);

        StockMoves.MoveToClientStock(phone);
        await parc.Db.SaveChangesAsync();
        Assert.Equal(EquipmentLocation.ClientStock, phone.Location);
        Assert.Null(phone.UserId);
    }

    [Fact]
    public async Task Equipment_in_the_client_stock_cannot_be_assigned_directly()
    {
        await using var parc = await TestParc.CreateAsync();
        var user = await parc.AddUserAsync("Seldon", "Cédric", "cseldon");
        var phone = NewPhone(parc);
        await parc.Db.SaveChangesAsync();

        var error = Assert.Throws<RuleViolationException>(() => StockMoves.Assign(phone, user));
        Assert.Equal("userId", error.Errors[0].Field);
        Assert.Contains("bring it down", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Null(phone.UserId);
    }

    [Fact]
    public async Task Equipment_cannot_go_to_a_site_of_another_client()
    {
        await using var parc = await TestParc.CreateAsync();
        var (_, otherSite) = await parc.AddClientAsync("Autre", "autre.example");
        var phone = NewPhone(parc);
        await parc.Db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => StockMoves.MoveToSiteAsync(parc.Db, phone, otherSite));
        Assert.Equal(RuleViolationKind.NotFound, error.Kind);
        Assert.Null(phone.SiteId);
    }

    [Fact]
    public async Task Unassigning_puts_the_phone_back_in_its_site_stock()
    {
        await using var parc = await TestParc.CreateAsync();
        var user = await parc.AddUserAsync("Seldon", "Cédric", "cseldon");
        var phone = NewPhone(parc);
        phone.SiteId = parc.Mandar;
        await parc.Db.SaveChangesAsync();
        StockMoves.Assign(phone, user);
        await parc.Db.SaveChangesAsync();

        StockMoves.Unassign(phone);
        await parc.Db.SaveChangesAsync();

        Assert.Equal(EquipmentLocation.SiteStock, phone.Location);
        Assert.Equal(parc.Mandar, phone.SiteId);
    }

    private static Equipment NewPhone(TestParc parc)
    {
        var phone = new Equipment { Mac = MacAddress.Parse("00:15:65:98:8C:06"), ModelId = "yealink-t46s", ClientId = parc.ClientId };
        parc.Db.Equipment.Add(phone);
        return phone;
    }
}
