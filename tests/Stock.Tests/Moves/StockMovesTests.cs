using Sophia.DeviceModels.Identification;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Model.Tests;
using Sophia.Stock.Moves;

namespace Sophia.Stock.Tests.Moves;

public sealed class StockMovesTests
{
    [Fact]
    public async Task Equipment_goes_down_to_a_site_is_assigned_and_going_up_unassigns_it()
    {
        await using var test = await TestDb.CreateAsync();
        var user = test.AddUser("Seldon", "Cédric");
        var phone = NewPhone(test);
        await test.Db.SaveChangesAsync();

        await StockMoves.MoveToSiteAsync(test.Db, phone, test.Site.Id);
        StockMoves.Assign(phone, user);
        await test.Db.SaveChangesAsync();
        Assert.Equal(EquipmentLocation.Assigned, phone.Location);

        StockMoves.MoveToClientStock(phone);
        await test.Db.SaveChangesAsync();
        Assert.Equal(EquipmentLocation.ClientStock, phone.Location);
        Assert.Null(phone.UserId);
    }

    [Fact]
    public async Task Equipment_in_the_client_stock_cannot_be_assigned_directly()
    {
        await using var test = await TestDb.CreateAsync();
        var user = test.AddUser("Seldon", "Cédric");
        var phone = NewPhone(test);
        await test.Db.SaveChangesAsync();

        var error = Assert.Throws<RuleViolationException>(() => StockMoves.Assign(phone, user));
        Assert.Equal("userId", error.Errors[0].Field);
        Assert.Contains("bring it down", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Null(phone.UserId);
    }

    [Fact]
    public async Task Equipment_cannot_go_to_a_site_of_another_client()
    {
        await using var test = await TestDb.CreateAsync();
        var other = new Client { OperatorId = 1, Name = "Autre", SipDomain = "autre.example", ProvisioningUser = "a", ProvisioningPassword = "password", RegistrarHost = "sip.autre.example" };
        test.Db.Clients.Add(other);
        await test.Db.SaveChangesAsync();
        var otherSite = new Site { ClientId = other.Id, Name = "Ailleurs" };
        test.Db.Sites.Add(otherSite);
        var phone = NewPhone(test);
        await test.Db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => StockMoves.MoveToSiteAsync(test.Db, phone, otherSite.Id));
        Assert.Equal(RuleViolationKind.NotFound, error.Kind);
        Assert.Null(phone.SiteId);
    }

    [Fact]
    public async Task Unassigning_puts_the_phone_back_in_its_site_stock()
    {
        await using var test = await TestDb.CreateAsync();
        var user = test.AddUser("Seldon", "Cédric");
        var phone = NewPhone(test);
        phone.SiteId = test.Site.Id;
        await test.Db.SaveChangesAsync();
        StockMoves.Assign(phone, user);
        await test.Db.SaveChangesAsync();

        StockMoves.Unassign(phone);
        await test.Db.SaveChangesAsync();

        Assert.Equal(EquipmentLocation.SiteStock, phone.Location);
        Assert.Equal(test.Site.Id, phone.SiteId);
    }

    private static Equipment NewPhone(TestDb test)
    {
        var phone = new Equipment { Mac = MacAddress.Parse("00:15:65:98:8C:06"), ModelId = "yealink-t46s", ClientId = test.Client.Id };
        test.Db.Equipment.Add(phone);
        return phone;
    }
}
