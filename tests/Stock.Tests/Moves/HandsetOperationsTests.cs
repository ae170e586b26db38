using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Audit;
using Sophia.Model.Rules;
using Sophia.Stock.Inventory;
using Sophia.Stock.Moves;
using Sophia.Testing;

namespace Sophia.Stock.Tests.Moves;

/// <summary>The handsets of a DECT base: handset 1 is the base's user, handsets 2..N each a user of the base's site.</summary>
public sealed class HandsetOperationsTests
{
    private static readonly MacAddress Base = MacAddress.Parse("80:5E:C0:70:0B:01");

    [Fact]
    public async Task Each_handset_takes_its_own_user_and_the_equipment_lists_them_all()
    {
        await using var parc = await TestParc.CreateAsync();
        var (first, second, third) = (await parc.AddUserAsync("Seldon", "Cédric", "cseldon"), await parc.AddUserAsync("Joly", "Nina", "njoly"),
            await parc.AddUserAsync("Lu", "Rémi", "rlu"));
        await parc.AddEquipmentAsync(Base, "yealink-w70b", parc.Mandar, first.Id);
        var operations = parc.Operation<EquipmentOperations>();

        await operations.AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 2, new AssignRequest(second.Id), null, default);
        var dto = await operations.AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 5, new AssignRequest(third.Id), null, default);

        Assert.Equal(10, dto.Handsets.Count);
        Assert.Equal([first.Id, second.Id, null, null, third.Id, null, null, null, null, null], dto.Handsets.Select(h => h.UserId));
        Assert.Equal(second.Login, dto.Handsets[1].UserLogin);
        Assert.Equal(first.Id, dto.UserId);
        Assert.Equal(dto.Handsets, (await parc.Operation<EquipmentOperations>().GetAsync(parc.AdminCaller, Base.ToString(), default)).Handsets);
    }

    [Fact]
    public async Task A_handset_change_moves_the_base_version_and_a_stale_one_is_refused()
    {
        await using var parc = await TestParc.CreateAsync();
        var user = await parc.AddUserAsync("Joly", "Nina", "njoly");
        var equipment = await parc.AddEquipmentAsync(Base, "yealink-w60b", parc.Mandar);
        var operations = parc.Operation<EquipmentOperations>();

        var dto = await operations.AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 3, new AssignRequest(user.Id), equipment.Version, default);
        Assert.True(dto.Version > equipment.Version);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().FreeHandsetAsync(parc.AdminCaller, Base.ToString(), 3, equipment.Version, default));
        Assert.Equal(RuleViolationKind.Stale, error.Kind);
        var freed = await parc.Operation<EquipmentOperations>().FreeHandsetAsync(parc.AdminCaller, Base.ToString(), 3, dto.Version, default);
        Assert.Null(freed.Handsets[2].UserId);
        Assert.True(freed.Version > dto.Version);
    }

    [Theory]
    [InlineData("yealink-t46s", 2, "handset.notDect")]
    [InlineData("yealink-w60b", 9, "handset.number")]
    [InlineData("yealink-w70b", 11, "handset.number")]
    [InlineData("yealink-w70b", 0, "handset.number")]
    public async Task A_desk_phone_or_a_handset_the_base_lacks_is_refused(string model, int number, string code)
    {
        await using var parc = await TestParc.CreateAsync();
        var user = await parc.AddUserAsync("Joly", "Nina", "njoly");
        await parc.AddEquipmentAsync(Base, model, parc.Mandar);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().AssignHandsetAsync(parc.AdminCaller, Base.ToString(), number, new AssignRequest(user.Id), null, default));

        Assert.Equal(code, error.Errors[0].Code);
        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
    }

    [Fact]
    public async Task A_base_in_the_client_stock_gives_no_handset()
    {
        await using var parc = await TestParc.CreateAsync();
        var user = await parc.AddUserAsync("Joly", "Nina", "njoly");
        await parc.AddEquipmentAsync(Base, "yealink-w70b", siteId: null);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 2, new AssignRequest(user.Id), null, default));

        Assert.Equal("handset.baseNotInSite", error.Errors[0].Code);
    }

    [Fact]
    public async Task A_user_of_another_site_is_refused_as_for_a_phone_and_one_of_another_client_is_not_found()
    {
        await using var parc = await TestParc.CreateAsync();
        var wagram = await parc.AddUserAsync("Joly", "Nina", "njoly", parc.Wagram);
        var (_, otherSite) = await parc.AddClientAsync("Autre", "autre.example");
        var stranger = await parc.AddUserAsync("Autre", null, "autre", otherSite);
        await parc.AddEquipmentAsync(Base, "yealink-w70b", parc.Mandar);

        var otherSiteError = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 2, new AssignRequest(wagram.Id), null, default));
        var strangerError = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 2, new AssignRequest(stranger.Id), null, default));

        Assert.Equal("equipment.otherSite", otherSiteError.Errors[0].Code);
        Assert.Equal(RuleViolationKind.NotFound, strangerError.Kind);
        Assert.Empty(await parc.Db.DectHandsets.ToListAsync());
    }

    [Fact]
    public async Task A_base_of_another_client_is_not_found()
    {
        await using var parc = await TestParc.CreateAsync();
        var user = await parc.AddUserAsync("Joly", "Nina", "njoly");
        var (_, otherSite) = await parc.AddClientAsync("Autre", "autre.example");
        await parc.AddEquipmentAsync(Base, "yealink-w70b", otherSite);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 2, new AssignRequest(user.Id), null, default));

        Assert.Equal(RuleViolationKind.NotFound, error.Kind);
        Assert.Empty(await parc.Db.DectHandsets.ToListAsync());
    }

    [Fact]
    public async Task A_user_has_one_handset_of_a_base()
    {
        await using var parc = await TestParc.CreateAsync();
        var user = await parc.AddUserAsync("Joly", "Nina", "njoly");
        await parc.AddEquipmentAsync(Base, "yealink-w70b", parc.Mandar, user.Id);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 4, new AssignRequest(user.Id), null, default));

        Assert.Equal("handset.userTaken", error.Errors[0].Code);
        Assert.Equal(RuleViolationKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task Unassigning_or_moving_the_base_frees_its_handsets_and_each_is_audited()
    {
        await using var parc = await TestParc.CreateAsync();
        var (first, second) = (await parc.AddUserAsync("Seldon", "Cédric", "cseldon"), await parc.AddUserAsync("Joly", "Nina", "njoly"));
        await parc.AddEquipmentAsync(Base, "yealink-w70b", parc.Mandar, first.Id);
        await parc.Operation<EquipmentOperations>().AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 2, new AssignRequest(second.Id), null, default);

        var unassigned = await parc.Operation<EquipmentOperations>().UnassignAsync(parc.AdminCaller, Base.ToString(), null, default);
        Assert.All(unassigned.Handsets, h => Assert.Null(h.UserId));

        await parc.Operation<EquipmentOperations>().AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 2, new AssignRequest(second.Id), null, default);
        var moved = await parc.Operation<EquipmentOperations>().MoveAsync(parc.AdminCaller, Base.ToString(), new MoveRequest(StockMoves.ToClient, null), null, default);
        Assert.All(moved.Handsets, h => Assert.Null(h.UserId));
        Assert.Empty(await parc.Db.DectHandsets.ToListAsync());

        var rows = await parc.Db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == nameof(Model.Stock.DectHandset)).ToListAsync();
        Assert.Equal(2, rows.Count(r => r.Action == AuditAction.Created));
        Assert.Equal(2, rows.Count(r => r.Action == AuditAction.Deleted));
        Assert.All(rows, r => Assert.Equal(parc.ClientId, r.ClientId));
    }

    [Fact]
    public async Task Freeing_handset_1_keeps_the_other_handsets_and_deleting_a_user_frees_theirs()
    {
        await using var parc = await TestParc.CreateAsync();
        var (first, second, third) = (await parc.AddUserAsync("Seldon", "Cédric", "cseldon"), await parc.AddUserAsync("Joly", "Nina", "njoly"),
            await parc.AddUserAsync("Lu", "Rémi", "rlu"));
        await parc.AddEquipmentAsync(Base, "yealink-w70b", parc.Mandar, first.Id);
        var operations = parc.Operation<EquipmentOperations>();
        await operations.AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 2, new AssignRequest(second.Id), null, default);
        await operations.AssignHandsetAsync(parc.AdminCaller, Base.ToString(), 3, new AssignRequest(third.Id), null, default);

        var dto = await operations.FreeHandsetAsync(parc.AdminCaller, Base.ToString(), 1, null, default);
        Assert.Equal([null, second.Id, third.Id], dto.Handsets.Take(3).Select(h => h.UserId));

        await parc.Operation<Parc.Users.UserOperations>().DeleteAsync(parc.AdminCaller, second.Id, null, default);
        var after = await parc.Operation<EquipmentOperations>().GetAsync(parc.AdminCaller, Base.ToString(), default);
        Assert.Equal([null, null, third.Id], after.Handsets.Take(3).Select(h => h.UserId));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<EquipmentOperations>().DeleteAsync(parc.AdminCaller, Base.ToString(), null, default));
        Assert.Equal("equipment.assigned", error.Errors[0].Code);
    }
}
