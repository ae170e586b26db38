using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Provisioning;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Stock.Adoption;
using Sophia.Stock.Inventory;
using Sophia.Testing;

namespace Sophia.Stock.Tests.Adoption;

public sealed class AdoptionTests
{
    private static readonly MacAddress OutOfTheBox = MacAddress.Parse("24:9A:D8:00:00:77");

    [Fact]
    public async Task The_helpdesk_adopts_a_device_into_a_client_stock_with_the_model_its_User_Agent_named()
    {
        await using var parc = await TestParc.CreateAsync();
        await SeenAsync(parc, OutOfTheBox, "Yealink SIP-T54W 96.86.0.1 24:9a:d8:00:00:77");

        var adopted = await Operations(parc).AdoptAsync(TestParc.HelpdeskCaller, "249ad8000077", new AdoptRequest(parc.ClientId, null), default);

        Assert.Equal(("24:9A:D8:00:00:77", "yealink-t54w", parc.ClientId, EquipmentLocation.ClientStock), (adopted.Mac, adopted.Model, adopted.ClientId, adopted.Location));
        await using var db = parc.NewDb();
        Assert.True(await db.Equipment.AnyAsync(e => e.Mac == OutOfTheBox));
        Assert.False(await db.UnknownDevices.AnyAsync());
    }

    [Fact]
    public async Task A_model_in_the_request_wins_over_the_User_Agent()
    {
        await using var parc = await TestParc.CreateAsync();
        await SeenAsync(parc, OutOfTheBox, "Yealink SIP-T54W 96.86.0.1 24:9a:d8:00:00:77");
        var adopted = await Operations(parc).AdoptAsync(TestParc.HelpdeskCaller, "24-9a-d8-00-00-77", new AdoptRequest(parc.ClientId, "T57W"), default);
        Assert.Equal("yealink-t57w", adopted.Model);
    }

    [Fact]
    public async Task Without_a_client_or_a_model_nothing_is_adopted_and_every_missing_field_is_named()
    {
        await using var parc = await TestParc.CreateAsync();
        await SeenAsync(parc, OutOfTheBox, "curl/8.5.0");

        var missing = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).AdoptAsync(TestParc.HelpdeskCaller, OutOfTheBox.ToString(), new AdoptRequest(null, null), default));
        var unknown = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).AdoptAsync(TestParc.HelpdeskCaller, OutOfTheBox.ToString(), new AdoptRequest(9999, "Cisco 7945"), default));

        Assert.Equal([("clientId", "required"), ("model", "model.required")], missing.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal([("clientId", "client.notFound"), ("model", "model.unknown")], unknown.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(("9999", "Cisco 7945"), (unknown.Errors[0].Args["id"], unknown.Errors[1].Args["value"]));
        await using var db = parc.NewDb();
        Assert.Equal((0, 1), (await db.Equipment.CountAsync(), await db.UnknownDevices.CountAsync()));
    }

    [Fact]
    public async Task A_device_never_seen_is_not_found_and_one_already_in_stock_is_a_conflict()
    {
        await using var parc = await TestParc.CreateAsync();
        await SeenAsync(parc, OutOfTheBox, "Yealink SIP-T54W 96.86.0.1 24:9a:d8:00:00:77");
        await parc.AddEquipmentAsync(OutOfTheBox, "yealink-t54w", siteId: null);

        var unseen = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).AdoptAsync(TestParc.HelpdeskCaller, "00:15:65:00:00:99", new AdoptRequest(parc.ClientId, "T46S"), default));
        var taken = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).AdoptAsync(TestParc.HelpdeskCaller, OutOfTheBox.ToString(), new AdoptRequest(parc.ClientId, null), default));

        Assert.Equal((RuleViolationKind.NotFound, "mac", "unknownDevice.notFound"), (unseen.Kind, unseen.Errors[0].Field, unseen.Errors[0].Code));
        Assert.Equal((RuleViolationKind.Conflict, "mac", "mac.taken"), (taken.Kind, taken.Errors[0].Field, taken.Errors[0].Code));
        Assert.Equal(1, await parc.NewDb().UnknownDevices.CountAsync());
    }

    [Fact]
    public async Task Only_the_helpdesk_adopts()
    {
        await using var parc = await TestParc.CreateAsync();
        await SeenAsync(parc, OutOfTheBox, "Yealink SIP-T54W 96.86.0.1 24:9a:d8:00:00:77");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Operations(parc).AdoptAsync(parc.AdminCaller, OutOfTheBox.ToString(), new AdoptRequest(parc.ClientId, null), default));

        Assert.Equal((RuleViolationKind.Forbidden, "adoption.helpdeskOnly"), (error.Kind, error.Errors[0].Code));
        Assert.Equal(0, await parc.NewDb().Equipment.CountAsync());
    }

    private static async Task SeenAsync(TestParc parc, MacAddress mac, string userAgent)
    {
        await using var db = parc.NewDb();
        var at = parc.Clock.GetUtcNow();
        db.UnknownDevices.Add(new UnknownDevice { Mac = mac.ToString(), FirstSeen = at, LastSeen = at, LastIp = "192.0.2.10", LastUserAgent = userAgent, Requests = 1 });
        await db.SaveChangesAsync();
    }

    private static EquipmentOperations Operations(TestParc parc) => parc.Operation<EquipmentOperations>();
}
