using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Rules;

namespace Sophia.Parc.Accounts;

/// <summary>A staff account as the API shows it: never its password hash nor its TOTP secret.</summary>
public sealed record StaffAccountDto(int Id, string Login, string Role, int? ClientId, bool Disabled, bool TotpEnabled, DateTimeOffset? LockedUntil)
{
    public static StaffAccountDto From(StaffAccount a) =>
        new(a.Id, a.Login, a.Role.ToString(), a.ClientId, a.Disabled, a.TotpEnabled, a.LockedUntil);
}

/// <summary>A new staff account; without a password, one is generated and given back once.</summary>
public sealed record StaffAccountInput(string? Login, Role? Role, int? ClientId, string? Password);

/// <summary>A new password for an account; without one, one is generated and given back once.</summary>
public sealed record PasswordResetInput(string? Password);

/// <summary>The account, and the password generated for it when the caller gave none (the only time anyone sees it).</summary>
public sealed record StaffAccountCreated(StaffAccountDto Account, string? GeneratedPassword);

public sealed record PasswordReset(string? GeneratedPassword);

/// <summary>A TOTP enrolment begun: the secret, shown this once, as an authenticator app reads it.</summary>
public sealed record TotpEnrolment(string Secret, string Uri);

public sealed record TotpConfirmation(string? Code);

/// <summary>
/// The helpdesk and client-admin accounts, each in its lane: the helpdesk manages every staff account; a client admin
/// only the client-admin accounts of their own client (another client's, or a helpdesk account, reads as not found);
/// nobody disables their own. A disabled account's sessions end at once; so do an account's when its password is reset.
/// And a helpdesk account's own TOTP enrolment.
/// </summary>
public sealed partial class StaffAccountOperations(SophiaDb db, IPasswordHasher<object> hasher, TimeProvider time, ILogger<StaffAccountOperations> log)
{
    public async Task<IReadOnlyList<StaffAccountDto>> ListAsync(Caller caller, CancellationToken ct)
    {
        RequireManager(caller);
        return (await Lane(caller).AsNoTracking().OrderBy(a => a.Login).ToListAsync(ct)).Select(StaffAccountDto.From).ToList();
    }

    public async Task<StaffAccountDto> GetAsync(Caller caller, int accountId, CancellationToken ct) =>
        StaffAccountDto.From(await VisibleAsync(caller, accountId, ct));

    public async Task<StaffAccountCreated> CreateAsync(Caller caller, StaffAccountInput input, CancellationToken ct)
    {
        RequireManager(caller);
        var errors = new List<FieldError>();
        var login = input.Login?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(login))
        {
            errors.Add(CommonErrors.Required("login", "support2@operator.example"));
        }
        else if (login.Length > TextLimits.Email || login.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(FieldError.Create("login", "account.loginInvalid", "A login is one word of at most {max} characters.", ("max", TextLimits.Email)));
        }
        var role = input.Role ?? (caller.IsHelpdesk ? null : Role.ClientAdmin);
        int? clientId = null;
        switch (role)
        {
            case null:
                errors.Add(CommonErrors.Required("role", nameof(Role.ClientAdmin)));
                break;
            case Role.Helpdesk when caller.IsHelpdesk:
                break;
            case Role.ClientAdmin:
                clientId = caller.IsHelpdesk ? input.ClientId : input.ClientId ?? caller.ClientId;
                if (clientId is null)
                {
                    errors.Add(CommonErrors.Required("clientId"));
                }
                break;
            default:
                errors.Add(FieldError.Create("role", "account.roleNotAllowed", "A staff account is Helpdesk or ClientAdmin; only the helpdesk makes Helpdesk ones."));
                break;
        }
        RuleViolationException.ThrowIfAny(errors);
        if (clientId is { } id)
        {
            await Visible.ClientAsync(db, caller, id, ct);
        }
        var password = input.Password ?? Generated();
        PasswordPolicy.Enforce("password", password, login);
        if (await db.StaffAccounts.AnyAsync(a => a.Login == login, ct) || await db.Users.AnyAsync(u => u.Login == login, ct))
        {
            throw new RuleViolationException(FieldError.Create("login", "login.taken", "Login {login} is already taken.", ("login", login!)), RuleViolationKind.Conflict);
        }
        var account = new StaffAccount { Login = login!, PasswordHash = hasher.HashPassword(new object(), password), Role = role!.Value, ClientId = clientId };
        db.StaffAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        LogCreated(log, caller.Login, account.Login, account.Role);
        return new StaffAccountCreated(StaffAccountDto.From(account), input.Password is null ? password : null);
    }

    /// <summary>Disables (or enables again) the account; disabling ends its sessions at once, enabling lifts a lockout too.</summary>
    public async Task<StaffAccountDto> SetDisabledAsync(Caller caller, int accountId, bool disabled, CancellationToken ct)
    {
        var account = await VisibleAsync(caller, accountId, ct);
        if (disabled && IsSelf(caller, account))
        {
            throw new RuleViolationException(FieldError.Create("accountId", "account.disableSelf", "You cannot disable your own account."), RuleViolationKind.Conflict);
        }
        account.Disabled = disabled;
        if (disabled)
        {
            db.AccessTokens.RemoveRange(await db.AccessTokens.Where(t => t.StaffAccountId == account.Id).ToListAsync(ct));
        }
        else
        {
            account.FailedLogins = 0;
            account.LockedUntil = null;
        }
        await db.SaveChangesAsync(ct);
        LogDisabled(log, caller.Login, account.Login, disabled);
        return StaffAccountDto.From(account);
    }

    /// <summary>A new password for the account (given, or generated and given back once); its sessions end and a lockout is lifted.</summary>
    public async Task<PasswordReset> ResetPasswordAsync(Caller caller, int accountId, PasswordResetInput input, CancellationToken ct)
    {
        var account = await VisibleAsync(caller, accountId, ct);
        var password = input.Password ?? Generated();
        PasswordPolicy.Enforce("password", password, account.Login);
        account.PasswordHash = hasher.HashPassword(new object(), password);
        account.FailedLogins = 0;
        account.LockedUntil = null;
        var kept = IsSelf(caller, account) ? caller.TokenId : null;
        db.AccessTokens.RemoveRange(await db.AccessTokens.Where(t => t.StaffAccountId == account.Id && t.Id != kept).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        LogPasswordReset(log, caller.Login, account.Login);
        return new PasswordReset(input.Password is null ? password : null);
    }

    /// <summary>
    /// Begins the caller's own TOTP enrolment (helpdesk accounts): a new secret, shown this once; logins do not ask
    /// for codes until <see cref="ConfirmTotpAsync"/> has seen a first valid one, so a mistyped secret locks nobody out.
    /// </summary>
    public async Task<TotpEnrolment> BeginTotpAsync(Caller caller, CancellationToken ct)
    {
        var account = await OwnHelpdeskAccountAsync(caller, ct);
        if (account.TotpEnabled)
        {
            throw new RuleViolationException(FieldError.Create("totp", "totp.alreadyEnabled", "This account already uses TOTP."), RuleViolationKind.Conflict);
        }
        account.TotpSecret = TotpCodes.NewSecret();
        account.TotpLastStep = null;
        await db.SaveChangesAsync(ct);
        return new TotpEnrolment(account.TotpSecret, TotpCodes.Uri(account.TotpSecret, account.Login));
    }

    /// <summary>Ends the enrolment with a first valid code: from now on every login of the account needs one.</summary>
    public async Task<StaffAccountDto> ConfirmTotpAsync(Caller caller, TotpConfirmation input, CancellationToken ct)
    {
        var account = await OwnHelpdeskAccountAsync(caller, ct);
        if (account.TotpEnabled || account.TotpSecret is null)
        {
            throw new RuleViolationException(FieldError.Create("code", "totp.notEnrolling", "Begin an enrolment first: there is no pending TOTP secret."), RuleViolationKind.Conflict);
        }
        if (TotpCodes.MatchingStep(account.TotpSecret, input.Code, time.GetUtcNow()) is not { } step)
        {
            throw new RuleViolationException(FieldError.Create("code", SecondFactorException.Wrong, "The code is not the current one of the authenticator."));
        }
        account.TotpEnabled = true;
        account.TotpLastStep = step;
        await db.SaveChangesAsync(ct);
        LogTotpEnabled(log, account.Login);
        return StaffAccountDto.From(account);
    }

    /// <summary>Whether the caller's own (helpdesk) account logs in with TOTP.</summary>
    public async Task<bool> OwnTotpEnabledAsync(Caller caller, CancellationToken ct) =>
        (await OwnHelpdeskAccountAsync(caller, ct)).TotpEnabled;

    private static void RequireManager(Caller caller)
    {
        if (caller.Role is not (Role.Helpdesk or Role.ClientAdmin))
        {
            throw new RuleViolationException(FieldError.Create("accountId", "account.forbidden", "Only the helpdesk and client admins manage staff accounts."), RuleViolationKind.Forbidden);
        }
    }

    /// <summary>The accounts the caller manages: all for the helpdesk, their client's client-admin accounts for a client admin.</summary>
    private IQueryable<StaffAccount> Lane(Caller caller) => caller.IsHelpdesk
        ? db.StaffAccounts
        : db.StaffAccounts.Where(a => a.Role == Role.ClientAdmin && a.ClientId != null && a.ClientId == caller.ClientId);

    private async Task<StaffAccount> VisibleAsync(Caller caller, int accountId, CancellationToken ct)
    {
        RequireManager(caller);
        return await Lane(caller).FirstOrDefaultAsync(a => a.Id == accountId, ct) ?? throw CommonErrors.NotFound("accountId", "account", accountId);
    }

    private async Task<StaffAccount> OwnHelpdeskAccountAsync(Caller caller, CancellationToken ct)
    {
        var account = caller.IsStaff && caller.IsHelpdesk ? await db.StaffAccounts.FirstOrDefaultAsync(a => a.Login == caller.Login, ct) : null;
        return account ?? throw new RuleViolationException(
            FieldError.Create("totp", "totp.helpdeskOnly", "TOTP is for helpdesk accounts."), RuleViolationKind.Forbidden);
    }

    private static bool IsSelf(Caller caller, StaffAccount account) => caller.IsStaff && caller.Login == account.Login;

    /// <summary>A password nobody chose: 20 characters from 62, about 119 bits; long enough for the policy, never common.</summary>
    private static string Generated() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 20);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "{Caller} created the {Role} account {Login}")]
    private static partial void LogCreated(ILogger logger, string caller, string login, Role role);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "{Caller} set the account {Login} disabled={Disabled}")]
    private static partial void LogDisabled(ILogger logger, string caller, string login, bool disabled);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "{Caller} reset the password of the account {Login}")]
    private static partial void LogPasswordReset(ILogger logger, string caller, string login);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "TOTP enabled for the account {Login}")]
    private static partial void LogTotpEnabled(ILogger logger, string login);
}
