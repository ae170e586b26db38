using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Parc.Demo;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Accounts;

/// <summary>The optional TOTP second factor of helpdesk accounts: enrolment, login with a code, replay, and the requirement by configuration.</summary>
public sealed class TotpTests
{
    [Fact]
    public async Task An_enrolled_helpdesk_logs_in_with_a_code_after_its_password_and_no_code_serves_twice()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var staff = parc.Operation<StaffAccountOperations>();
        var accounts = parc.Operation<AccountOperations>();
        var caller = await CallerAsync(parc, accounts);

        var enrolment = await staff.BeginTotpAsync(caller, default);
        Assert.StartsWith("otpauth://totp/Sophia:support%40nlgs.admin?secret=" + enrolment.Secret + "&issuer=Sophia", enrolment.Uri, StringComparison.Ordinal);
        // Not yet confirmed: logins do not ask for a code, so a secret typed wrong locks nobody out.
        Assert.NotNull(await accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword), default));
        var wrong = await Assert.ThrowsAsync<RuleViolationException>(() => staff.ConfirmTotpAsync(caller, new TotpConfirmation("000000"), default));
        Assert.Equal("totp.wrong", wrong.Errors[0].Code);
        Assert.True((await staff.ConfirmTotpAsync(caller, new TotpConfirmation(TotpCodes.Code(enrolment.Secret, parc.Clock.GetUtcNow())), default)).TotpEnabled);

        var missing = await Assert.ThrowsAsync<SecondFactorException>(() => accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword), default));
        Assert.Equal(SecondFactorException.Required, missing.Code);
        // The confirmation's code is used up.
        var replayedEnrolmentCode = await Assert.ThrowsAsync<SecondFactorException>(() => accounts.LoginAsync(
            new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword, TotpCodes.Code(enrolment.Secret, parc.Clock.GetUtcNow())), default));
        Assert.Equal(SecondFactorException.Wrong, replayedEnrolmentCode.Code);

        parc.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = TotpCodes.Code(enrolment.Secret, parc.Clock.GetUtcNow());
        Assert.NotNull(await accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword, code), default));
        var replay = await Assert.ThrowsAsync<SecondFactorException>(() => accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword, code), default));
        Assert.Equal(SecondFactorException.Wrong, replay.Code);

        // One step either side of now is accepted (a phone's clock a little off); two steps is not.
        parc.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.NotNull(await accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword,
            TotpCodes.Code(enrolment.Secret, parc.Clock.GetUtcNow() + TimeSpan.FromSeconds(30))), default));
        parc.Clock.Advance(TimeSpan.FromSeconds(120));
        await Assert.ThrowsAsync<SecondFactorException>(() => accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword,
            TotpCodes.Code(enrolment.Secret, parc.Clock.GetUtcNow() - TimeSpan.FromSeconds(60))), default));

        // A wrong password never reaches the code question.
        Assert.Null(await accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, "not-the-password"), default));
    }

    [Fact]
    public async Task Wrong_codes_count_toward_the_lockout()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var accounts = parc.Operation<AccountOperations>();
        var secret = await EnrolAsync(parc, accounts);
        parc.Clock.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<SecondFactorException>(() => accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword, "123456"), default));
        }

        Assert.Null(await accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword, TotpCodes.Code(secret, parc.Clock.GetUtcNow())), default));
    }

    [Fact]
    public async Task When_configuration_requires_TOTP_an_unenrolled_helpdesk_session_is_for_enrolment_only_until_it_enrols()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var required = new AccountOperations(parc.Db, new PasswordHasher<object>(), parc.Clock,
            Options.Create(new AuthOptions { RequireTotpForHelpdesk = true }), NullLogger<AccountOperations>.Instance);
        var helpdesk = await required.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword), default);
        var admin = await required.LoginAsync(new TokenRequest(TestParc.Admin15Rp, DemoParc.DemoPassword), default);

        var caller = await required.CallerOfTokenAsync(helpdesk!.Token, default);
        Assert.True(caller!.TotpEnrolmentOnly);
        Assert.False((await required.CallerOfTokenAsync(admin!.Token, default))!.TotpEnrolmentOnly);

        var staff = parc.Operation<StaffAccountOperations>();
        var enrolment = await staff.BeginTotpAsync(caller, default);
        await staff.ConfirmTotpAsync(caller, new TotpConfirmation(TotpCodes.Code(enrolment.Secret, parc.Clock.GetUtcNow())), default);

        Assert.False((await required.CallerOfTokenAsync(helpdesk.Token, default))!.TotpEnrolmentOnly);
    }

    private static async Task<Sophia.Model.Accounts.Caller> CallerAsync(TestParc parc, AccountOperations accounts)
    {
        var issued = await accounts.LoginAsync(new TokenRequest(TestParc.Helpdesk, DemoParc.DemoPassword), default);
        return (await accounts.CallerOfTokenAsync(issued!.Token, default))!;
    }

    private static async Task<string> EnrolAsync(TestParc parc, AccountOperations accounts)
    {
        var caller = await CallerAsync(parc, accounts);
        var staff = parc.Operation<StaffAccountOperations>();
        var enrolment = await staff.BeginTotpAsync(caller, default);
        await staff.ConfirmTotpAsync(caller, new TotpConfirmation(TotpCodes.Code(enrolment.Secret, parc.Clock.GetUtcNow())), default);
        Assert.True(await parc.Db.StaffAccounts.AsNoTracking().AnyAsync(a => a.Login == TestParc.Helpdesk && a.TotpEnabled));
        return enrolment.Secret;
    }
}
