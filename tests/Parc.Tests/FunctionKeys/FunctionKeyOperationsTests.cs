using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.FunctionKeys;
using Sophia.Testing;

namespace Sophia.Parc.Tests.FunctionKeys;

public sealed class FunctionKeyOperationsTests
{
    [Fact]
    public async Task A_users_keys_come_in_their_order_with_the_supervised_login_and_the_users_version()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var list = await Keys(parc).ListAsync(parc.AdminCaller, parc.Seldon, default);

        Assert.Equal(["Noémie Picard", "Ricardo Lu", "Chloe"], list.Keys.Select(k => k.Label));
        Assert.Equal(["njoly@15rp.sewan.eu", "rlu@15rp.sewan.eu", null], list.Keys.Select(k => k.SupervisedLogin));
        Assert.Equal("0654897845", list.Keys[2].Number);
        Assert.Equal((await parc.NewDb().Users.SingleAsync(u => u.Id == parc.Seldon)).Version, list.Version);
    }

    [Fact]
    public async Task A_user_replaces_their_own_keys_and_their_version_moves_with_them()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = TestParc.UserCaller(await parc.Db.Users.SingleAsync(u => u.Id == parc.Lu));
        var before = await Keys(parc).ListAsync(lu, parc.Lu, default);

        var saved = await Keys(parc).ReplaceAsync(lu, parc.Lu,
        [
            new FunctionKeyInput(5, FunctionKeyKind.SpeedDial, null, " +33654897845 ", " Chloe "),
            new FunctionKeyInput(null, FunctionKeyKind.Supervision, parc.Seldon, null, "Cédric"),
        ], before.Version, default);

        Assert.Equal([(2, "Cédric", "cseldon@15rp.sewan.eu", null), (5, "Chloe", null, "+33654897845")],
            saved.Keys.Select(k => (k.Index, k.Label, k.SupervisedLogin, k.Number)));
        Assert.Equal(before.Version + 1, saved.Version);
        Assert.Equal(saved.Version, (await parc.NewDb().Users.SingleAsync(u => u.Id == parc.Lu)).Version);
    }

    [Fact]
    public async Task Every_bad_key_is_reported_at_once_with_its_code_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (_, otherSite) = await parc.AddClientAsync("Autre", "autre.example");
        var stranger = await parc.AddUserAsync("Martin", "Anne", "amartin", otherSite);
        var before = await Keys(parc).ListAsync(parc.AdminCaller, parc.Seldon, default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Keys(parc).ReplaceAsync(parc.AdminCaller, parc.Seldon,
        [
            new FunctionKeyInput(1, FunctionKeyKind.SpeedDial, null, "0654897845", "   "),
            new FunctionKeyInput(1, FunctionKeyKind.SpeedDial, null, "06 54", new string('x', 33)),
            new FunctionKeyInput(0, FunctionKeyKind.Supervision, parc.Seldon, null, "Moi"),
            new FunctionKeyInput(4, FunctionKeyKind.Supervision, stranger.Id, null, "Anne"),
            new FunctionKeyInput(5, FunctionKeyKind.Supervision, null, null, "Qui"),
            new FunctionKeyInput(6, null, null, null, "Quoi"),
        ], before.Version, default));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal(
            [
                ("keys[0].label", "label.required"),
                ("keys[1].index", "index.duplicate"), ("keys[1].label", "tooLong"), ("keys[1].number", "speedDial.notDialable"),
                ("keys[2].index", "index.range"), ("keys[2].supervisedUserId", "supervision.self"),
                ("keys[3].supervisedUserId", "supervision.otherClient"),
                ("keys[4].supervisedUserId", "supervision.required"),
                ("keys[5].kind", "kind.required"),
            ],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(("1", "06 54", "32", stranger.Id.ToString()),
            (error.Errors[1].Args["index"], error.Errors[3].Args["value"], error.Errors[2].Args["max"], error.Errors[6].Args["userId"]));
        var after = await Keys(parc).ListAsync(parc.AdminCaller, parc.Seldon, default);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task More_than_200_keys_are_refused()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var keys = Enumerable.Range(1, FunctionKeyOperations.MaxKeys + 1)
            .Select(i => new FunctionKeyInput(i, FunctionKeyKind.SpeedDial, null, "0654897845", $"Key {i}")).ToList();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Keys(parc).ReplaceAsync(parc.AdminCaller, parc.Lu, keys, null, default));

        Assert.Equal(("keys", "keys.tooMany", "201"), (error.Errors[0].Field, error.Errors[0].Code, error.Errors[0].Args["count"]));
        Assert.Empty((await Keys(parc).ListAsync(parc.AdminCaller, parc.Lu, default)).Keys);
    }

    [Fact]
    public async Task A_stale_version_leaves_the_keys()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var read = await Keys(parc).ListAsync(parc.AdminCaller, parc.Lu, default);
        await Keys(parc).ReplaceAsync(parc.AdminCaller, parc.Lu, [new FunctionKeyInput(1, FunctionKeyKind.SpeedDial, null, "0600000001", "Accueil")], read.Version, default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Keys(parc).ReplaceAsync(parc.AdminCaller, parc.Lu, [], read.Version, default));

        Assert.Equal((RuleViolationKind.Stale, "version.stale"), (error.Kind, error.Errors[0].Code));
        Assert.Equal(["Accueil"], (await Keys(parc).ListAsync(parc.AdminCaller, parc.Lu, default)).Keys.Select(k => k.Label));
    }

    [Fact]
    public async Task A_plain_user_finds_no_other_users_keys_and_another_clients_admin_no_keys_of_15RP()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (otherClient, _) = await parc.AddClientAsync("Autre", "autre.example");
        var lu = TestParc.UserCaller(await parc.Db.Users.SingleAsync(u => u.Id == parc.Lu));
        foreach (var stranger in new[] { lu, new Caller(Role.ClientAdmin, otherClient, null, "admin@autre") })
        {
            var read = await Assert.ThrowsAsync<RuleViolationException>(() => Keys(parc).ListAsync(stranger, parc.Seldon, default));
            var write = await Assert.ThrowsAsync<RuleViolationException>(() => Keys(parc).ReplaceAsync(stranger, parc.Seldon, [], null, default));
            Assert.All(new[] { read, write }, e => Assert.Equal((RuleViolationKind.NotFound, "user.notFound"), (e.Kind, e.Errors[0].Code)));
        }
        Assert.Equal(3, (await Keys(parc).ListAsync(parc.AdminCaller, parc.Seldon, default)).Keys.Count);
    }

    private static FunctionKeyOperations Keys(TestParc parc) => parc.Operation<FunctionKeyOperations>();
}
