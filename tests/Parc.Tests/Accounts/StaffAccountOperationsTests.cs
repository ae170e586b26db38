using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Parc.Demo;
using Sophia.Parc.Users;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Accounts;

/// <summary>Staff accounts managed in the product, each caller in their lane, and the password policy wherever a password is set.</summary>
public sealed class StaffAccountOperationsTests
{
    private const string Strong = "Tramway-Bleu-Vingt-Sept";

    [Fact]
    public async Task The_helpdesk_creates_lists_disables_enables_and_resets_staff_accounts()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var staff = parc.Operation<StaffAccountOperations>();

        var created = await staff.CreateAsync(TestParc.HelpdeskCaller, new StaffAccountInput(" Support2@NLGS.admin ", Role.Helpdesk, null, Strong), default);
        var admin = await staff.CreateAsync(TestParc.HelpdeskCaller, new StaffAccountInput("admin2@15rp.sewan.eu", Role.ClientAdmin, parc.ClientId, null), default);

        Assert.Equal(("support2@nlgs.admin", "Helpdesk", null), (created.Account.Login, created.Account.Role, created.GeneratedPassword));
        Assert.Equal(20, admin.GeneratedPassword!.Length);
        Assert.NotNull(await parc.Operation<AccountOperations>().LoginAsync(new TokenRequest("admin2@15rp.sewan.eu", admin.GeneratedPassword), default));
        Assert.Equal(
            ["admin2@15rp.sewan.eu", "admin@15rp.sewan.eu", "support2@nlgs.admin", "support@nlgs.admin"],
            (await staff.ListAsync(TestParc.HelpdeskCaller, default)).Select(a => a.Login));

        Assert.True((await staff.SetDisabledAsync(TestParc.HelpdeskCaller, created.Account.Id, disabled: true, default)).Disabled);
        Assert.Null(await parc.Operation<AccountOperations>().LoginAsync(new TokenRequest("support2@nlgs.admin", Strong), default));
        await staff.SetDisabledAsync(TestParc.HelpdeskCaller, created.Account.Id, disabled: false, default);
        Assert.NotNull(await parc.Operation<AccountOperations>().LoginAsync(new TokenRequest("support2@nlgs.admin", Strong), default));

        var reset = await staff.ResetPasswordAsync(TestParc.HelpdeskCaller, created.Account.Id, new PasswordResetInput(null), default);
        Assert.Null(await parc.Operation<AccountOperations>().LoginAsync(new TokenRequest("support2@nlgs.admin", Strong), default));
        Assert.NotNull(await parc.Operation<AccountOperations>().LoginAsync(new TokenRequest("support2@nlgs.admin", reset.GeneratedPassword!), default));
    }

    [Fact]
    public async Task A_client_admin_sees_and_touches_only_their_clients_client_admin_accounts()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var staff = parc.Operation<StaffAccountOperations>();
        var (otherClient, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var theirs = await staff.CreateAsync(TestParc.HelpdeskCaller, new StaffAccountInput("admin@autre.example.net", Role.ClientAdmin, otherClient, Strong), default);
        var helpdesk = await parc.Db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Login == TestParc.Helpdesk);
        var colleague = await staff.CreateAsync(parc.AdminCaller, new StaffAccountInput("second@15rp.sewan.eu", null, null, Strong), default);

        Assert.Equal(("ClientAdmin", parc.ClientId), (colleague.Account.Role, colleague.Account.ClientId));
        Assert.Equal(["admin@15rp.sewan.eu", "second@15rp.sewan.eu"], (await staff.ListAsync(parc.AdminCaller, default)).Select(a => a.Login));
        foreach (var id in new[] { theirs.Account.Id, helpdesk.Id })
        {
            Assert.Equal(RuleViolationKind.NotFound, (await Assert.ThrowsAsync<RuleViolationException>(() => staff.GetAsync(parc.AdminCaller, id, default))).Kind);
            await Assert.ThrowsAsync<RuleViolationException>(() => staff.SetDisabledAsync(parc.AdminCaller, id, disabled: true, default));
            var reset = await Assert.ThrowsAsync<RuleViolationException>(() => staff.ResetPasswordAsync(parc.AdminCaller, id, new PasswordResetInput(Strong + "!"), default));
            Assert.Equal("account.notFound", reset.Errors[0].Code);
        }
        var elsewhere = await Assert.ThrowsAsync<RuleViolationException>(() =>
            staff.CreateAsync(parc.AdminCaller, new StaffAccountInput("intrus@autre.example.net", Role.ClientAdmin, otherClient, Strong), default));
        Assert.Equal("client.notFound", elsewhere.Errors[0].Code);
        var promotion = await Assert.ThrowsAsync<RuleViolationException>(() =>
            staff.CreateAsync(parc.AdminCaller, new StaffAccountInput("chef@15rp.sewan.eu", Role.Helpdesk, null, Strong), default));
        Assert.Equal("account.roleNotAllowed", promotion.Errors[0].Code);
        Assert.False((await parc.Db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Id == theirs.Account.Id)).Disabled);
        Assert.False(await parc.Db.StaffAccounts.AnyAsync(a => a.Login == "intrus@autre.example.net" || a.Login == "chef@15rp.sewan.eu"));
    }

    [Fact]
    public async Task Nobody_disables_their_own_account_and_a_plain_user_manages_none()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var staff = parc.Operation<StaffAccountOperations>();
        var own = await parc.Db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Login == TestParc.Admin15Rp);
        var helpdesk = await parc.Db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Login == TestParc.Helpdesk);

        var self = await Assert.ThrowsAsync<RuleViolationException>(() => staff.SetDisabledAsync(parc.AdminCaller, own.Id, disabled: true, default));
        var helpdeskSelf = await Assert.ThrowsAsync<RuleViolationException>(() => staff.SetDisabledAsync(TestParc.HelpdeskCaller, helpdesk.Id, disabled: true, default));
        var user = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);
        var plain = await Assert.ThrowsAsync<RuleViolationException>(() => staff.ListAsync(TestParc.UserCaller(user), default));

        Assert.Equal(["account.disableSelf", "account.disableSelf"], new[] { self, helpdeskSelf }.Select(e => e.Errors[0].Code));
        Assert.Equal(RuleViolationKind.Forbidden, plain.Kind);
        Assert.False(await parc.Db.StaffAccounts.AnyAsync(a => a.Disabled));
    }

    [Fact]
    public async Task A_disabled_accounts_token_is_refused_at_once()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        var issued = await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default);
        var account = await parc.Db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Login == TestParc.Admin15Rp);
        Assert.NotNull(await accounts.CallerOfTokenAsync(issued!.Token, default));

        // Even a disabling made some other way than the operation (which also deletes the tokens) holds at once.
        await parc.Db.StaffAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Disabled, true));

        Assert.Null(await accounts.CallerOfTokenAsync(issued.Token, default));
    }

    [Theory]
    [InlineData("court-2026", "password.tooShort")]
    [InlineData("mon-admin@15rp.sewan.eu!", "password.containsLogin")]
    [InlineData("xx-ADMIN-partout-xx", "password.containsLogin")]
    [InlineData("Password123456", "password.common")]
    [InlineData("azertyuiop123", "password.common")]
    public async Task The_policy_refuses_short_login_bearing_and_common_passwords_with_its_codes(string password, string code)
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var account = await parc.Db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Login == TestParc.Admin15Rp);

        var reset = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<StaffAccountOperations>().ResetPasswordAsync(TestParc.HelpdeskCaller, account.Id, new PasswordResetInput(password), default));
        var created = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<StaffAccountOperations>().CreateAsync(TestParc.HelpdeskCaller, new StaffAccountInput("admin@15rp.example", Role.Helpdesk, null, password), default));

        Assert.Equal([("password", code)], reset.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal([("password", code)], created.Errors.Select(e => (e.Field, e.Code)));
        Assert.NotNull(await parc.Operation<AccountOperations>().LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default));
    }

    [Fact]
    public async Task A_users_console_password_set_by_an_admin_or_by_themself_follows_the_policy()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var users = parc.Operation<UserOperations>();
        var lu = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Lu);

        var byAdmin = await Assert.ThrowsAsync<RuleViolationException>(() => users.UpdateAsync(parc.AdminCaller, parc.Lu,
            Input(password: "qwertyuiop123"), null, default));
        var bySelf = await Assert.ThrowsAsync<RuleViolationException>(() => users.UpdateAsync(TestParc.UserCaller(lu), parc.Lu,
            Input(password: "RLU@15rp.sewan.eu-Vingt-Sept") with { CurrentPassword = DemoParc.DemoPassword }, null, default));
        var created = await Assert.ThrowsAsync<RuleViolationException>(() => users.CreateAsync(parc.AdminCaller, parc.Mandar,
            Input(password: "motdepasse123", lastName: "Neuf"), default));

        Assert.Equal(["password.common", "password.containsLogin", "password.common"], new[] { byAdmin, bySelf, created }.Select(e => e.Errors.Single().Code));
    }

    private static UserInput Input(string? password = null, string? lastName = null) =>
        new(null, lastName, null, null, null, null, null, null, null, password, null, null, null, null, null);
}
