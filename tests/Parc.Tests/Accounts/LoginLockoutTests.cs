using Microsoft.EntityFrameworkCore;
using Sophia.Parc.Accounts;
using Sophia.Parc.Demo;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Accounts;

/// <summary>Per-account lockout with back-off: five failures lock for a minute, each further one doubles it up to an hour.</summary>
public sealed class LoginLockoutTests
{
    [Theory]
    [InlineData(TestParc.Admin15Rp)]
    [InlineData("rlu@15rp.sewan.eu")]
    public async Task Five_failures_lock_the_account_a_minute_then_each_failure_doubles_it_and_a_success_resets_it(string login)
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        var wrong = new TokenRequest(login, "not-the-password");
        var right = new TokenRequest(login, DemoParc.DemoPassword);
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await accounts.LoginAsync(wrong, default));
        }
        Assert.NotNull(await accounts.LoginAsync(right, default));
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await accounts.LoginAsync(wrong, default));
        }

        // Locked: the right password reads like a wrong one, for a minute.
        Assert.Null(await accounts.LoginAsync(right, default));
        parc.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(await accounts.LoginAsync(wrong, default));
        parc.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(await accounts.LoginAsync(right, default));
        parc.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.NotNull(await accounts.LoginAsync(right, default));

        // Reset by the success: four failures are again free.
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await accounts.LoginAsync(wrong, default));
        }
        Assert.NotNull(await accounts.LoginAsync(right, default));
    }

    [Fact]
    public async Task The_back_off_stops_at_an_hour()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        for (var failures = 1; failures <= 14; failures++)
        {
            // Each attempt after the previous lock has ended, so that each one is checked and counted.
            parc.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
            Assert.Null(await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, "not-the-password"), default));
        }

        var account = await parc.Db.StaffAccounts.AsNoTracking().SingleAsync(a => a.Login == TestParc.Admin15Rp);
        Assert.Equal((14, parc.Clock.GetUtcNow() + TimeSpan.FromHours(1)), (account.FailedLogins, account.LockedUntil));
    }

    [Fact]
    public async Task One_accounts_lockout_leaves_the_others_alone()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        for (var i = 0; i < 6; i++)
        {
            await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, "not-the-password"), default);
        }

        Assert.NotNull(await accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword), default));
        Assert.NotNull(await accounts.LoginAsync(new TokenRequest("rlu@15rp.sewan.eu", DemoParc.DemoPassword), default));
        Assert.Null(await accounts.LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default));
    }
}
