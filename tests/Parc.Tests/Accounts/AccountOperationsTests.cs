using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Parc.Demo;
using Sophia.Parc.Users;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Accounts;

public sealed class AccountOperationsTests
{
    [Fact]
    public async Task A_login_gives_a_token_that_names_the_caller_until_they_log_out()
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var issued = await parc.Operation<AccountOperations>().LoginAsync(new TokenRequest(" RLU@15rp.sewan.eu ", DemoParc.DemoPassword), default);

        Assert.NotNull(issued);
        Assert.Equal(("User", parc.Clock.GetUtcNow().AddHours(8)), (issued.Role, issued.ExpiresAt));
        var stored = await parc.Db.AccessTokens.AsNoTracking().SingleAsync();
        Assert.Equal(TokenSecrets.Hash(issued.Token), stored.TokenHash);
        var caller = await parc.Operation<AccountOperations>().CallerOfTokenAsync(issued.Token, default);
        Assert.Equal(new Caller(Role.User, parc.ClientId, parc.Lu, "rlu@15rp.sewan.eu", stored.Id), caller);

        await parc.Operation<AccountOperations>().LogoutAsync(caller!, default);

        Assert.Null(await parc.Operation<AccountOperations>().CallerOfTokenAsync(issued.Token, default));
        Assert.False(await parc.Db.AccessTokens.AnyAsync());
    }

    [Fact]
    public async Task Expired_tokens_are_forgotten_and_live_ones_kept()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        var old = await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default);
        parc.Clock.Advance(TimeSpan.FromHours(6));
        var recent = await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default);
        parc.Clock.Advance(TimeSpan.FromHours(3));

        var purged = await accounts.PurgeExpiredAsync(parc.Clock.GetUtcNow(), default);

        Assert.Equal(1, purged);
        var left = await parc.Db.AccessTokens.AsNoTracking().SingleAsync();
        Assert.Equal(TokenSecrets.Hash(recent!.Token), left.TokenHash);
        Assert.NotEqual(TokenSecrets.Hash(old!.Token), left.TokenHash);
    }

    [Fact]
    public async Task A_logout_ends_only_the_callers_own_token()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        var first = await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default);
        var second = await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default);

        await accounts.LogoutAsync((await accounts.CallerOfTokenAsync(first!.Token, default))!, default);

        Assert.Null(await accounts.CallerOfTokenAsync(first.Token, default));
        Assert.Equal(Role.ClientAdmin, (await accounts.CallerOfTokenAsync(second!.Token, default))?.Role);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_login_and_a_user_without_a_console_password_all_get_nothing()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var imported = await parc.Operation<UserOperations>().CreateAsync(parc.AdminCaller, parc.Mandar,
            new UserInput(null, "Martin", "Jean", null, null, null, null, null, null, null, null, null, null, null, null), default);
        var attempts = new[]
        {
            new TokenRequest(TestParc.Admin15Rp, "wrong-password"),
            new TokenRequest("rlu@15rp.sewan.eu", "wrong-password"),
            new TokenRequest("nobody@15rp.sewan.eu", DemoParc.DemoPassword),
            new TokenRequest(imported.Login, "any-password"),
        };
        foreach (var attempt in attempts)
        {
            Assert.Null(await parc.Operation<AccountOperations>().LoginAsync(attempt, default));
        }
        Assert.False(await parc.Db.AccessTokens.AnyAsync());
    }

    [Fact]
    public async Task A_login_without_login_or_password_names_each_missing_field()
    {
        await using var parc = await TestParc.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<AccountOperations>().LoginAsync(new TokenRequest("  ", null), default));
        Assert.Equal([("login", "required"), ("password", "required")], error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("admin@15rp.sewan.eu", error.Errors[0].Args["example"]);
    }

    [Fact]
    public async Task An_expired_token_names_nobody()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var issued = await parc.Operation<AccountOperations>().LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword), default);
        parc.Clock.Advance(TimeSpan.FromHours(8));
        Assert.Null(await parc.Operation<AccountOperations>().CallerOfTokenAsync(issued!.Token, default));
    }

    [Fact]
    public async Task A_token_names_nobody_once_its_account_no_longer_has_the_role_it_was_issued_for()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        await parc.Db.Users.Where(u => u.Id == parc.Picard).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccountType, AccountType.Admin));
        var picard = await accounts.LoginAsync(new TokenRequest("njoly@15rp.sewan.eu", DemoParc.DemoPassword), default);
        var admin = await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default);
        Assert.Equal(("ClientAdmin", "ClientAdmin"), (picard?.Role, admin?.Role));

        // Changed behind the operations' back (a bulk statement, a script, a future import): the tokens still follow.
        await parc.Db.Users.Where(u => u.Id == parc.Picard).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccountType, AccountType.Individual));
        await parc.Db.StaffAccounts.Where(a => a.Login == TestParc.Admin15Rp).ExecuteUpdateAsync(s => s.SetProperty(a => a.ClientId, (int?)null));

        Assert.Null(await accounts.CallerOfTokenAsync(picard!.Token, default));
        Assert.Null(await accounts.CallerOfTokenAsync(admin!.Token, default));
    }

    [Fact]
    public async Task A_single_use_code_stands_for_its_session_once_for_a_minute_and_never_as_a_bearer_token()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        var issued = await accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword), default);
        var session = (await accounts.CallerOfTokenAsync(issued!.Token, default))!;

        var code = await accounts.IssueCodeAsync(session, default);

        Assert.Equal(parc.Clock.GetUtcNow().AddSeconds(60), code.ExpiresAt);
        Assert.Null(await accounts.CallerOfTokenAsync(code.Code, default));
        Assert.Equal(session, await accounts.RedeemCodeAsync(code.Code, default));
        Assert.Null(await accounts.RedeemCodeAsync(code.Code, default));

        var late = await accounts.IssueCodeAsync(session, default);
        parc.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(await accounts.RedeemCodeAsync(late.Code, default));

        var orphan = await accounts.IssueCodeAsync(session, default);
        var forged = $"{session.TokenId + 1}{orphan.Code[orphan.Code.IndexOf('.', StringComparison.Ordinal)..]}";
        Assert.Null(await accounts.RedeemCodeAsync(forged, default));
        await accounts.LogoutAsync(session, default);
        Assert.Null(await accounts.RedeemCodeAsync(orphan.Code, default));
    }
}
