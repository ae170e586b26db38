using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;

namespace Sophia.Parc.Accounts;

/// <summary>A login and password; <paramref name="Totp"/> the current code of an account with a second factor.</summary>
public sealed record TokenRequest(string? Login, string? Password, string? Totp = null);

/// <summary>
/// The password was right but the account's second factor is missing (<c>totp.required</c>) or wrong
/// (<c>totp.wrong</c>): the caller asks for the code and tries again.
/// </summary>
public sealed class SecondFactorException(string code) : Exception($"The account needs its TOTP code ({code}).")
{
    public const string Required = "totp.required";
    public const string Wrong = "totp.wrong";

    public string Code { get; } = code;
}

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, string Role);

/// <summary>A code standing once for a session, until <paramref name="ExpiresAt"/>.</summary>
public sealed record SingleUseCode(string Code, DateTimeOffset ExpiresAt);

/// <summary>
/// Sessions of the API: a login and password exchanged for a bearer token, the token read back on each request, and
/// the token given up at logout. Tokens live in the database, so what one node issues or revokes holds on every node.
/// </summary>
public sealed partial class AccountOperations(
    SophiaDb db, IPasswordHasher<object> hasher, TimeProvider time, IOptions<AuthOptions> options, ILogger<AccountOperations> log,
    LoginMetrics? metrics = null)
{
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<object>().HashPassword(new object(), "not-a-password"));

    /// <summary>
    /// Forgets the tokens and single-use codes that expired before <paramref name="before"/>: an expired one already
    /// names nobody, so this only keeps the table from growing with every login. Idempotent across nodes.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset before, CancellationToken ct) =>
        await db.AccessTokens.Where(t => t.ExpiresAt < before).ExecuteDeleteAsync(ct);

    /// <summary>
    /// A new token for a staff account or a user with a console password; null when the login is unknown, the password
    /// wrong, the account disabled or locked, which all read the same (and take the same time) so that nobody learns
    /// which logins exist, nor, while an account is locked, whether a password was right. An account with a second
    /// factor throws <see cref="SecondFactorException"/> after a right password without its right code.
    /// </summary>
    public async Task<TokenResponse?> LoginAsync(TokenRequest request, CancellationToken ct)
    {
        var missing = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Login))
        {
            missing.Add(CommonErrors.Required("login", "admin@15rp.sewan.eu"));
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            missing.Add(CommonErrors.Required("password"));
        }
        RuleViolationException.ThrowIfAny(missing);
        var login = request.Login!.Trim().ToLowerInvariant();
        var token = await AuthenticateAsync(login, request.Password!, request.Totp, ct);
        if (token is null)
        {
            metrics?.Failed("credentials");
            LogLoginFailed(log, login);
            return null;
        }
        var secret = TokenSecrets.New();
        token.TokenHash = TokenSecrets.Hash(secret);
        token.ExpiresAt = time.GetUtcNow() + options.Value.TokenLifetime;
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        LogLoginSucceeded(log, login, token.Role);
        return new TokenResponse(secret, token.ExpiresAt, token.Role.ToString());
    }

    /// <summary>Who a bearer token belongs to, read from the database on every request; null when unknown, expired or revoked.</summary>
    public async Task<Caller?> CallerOfTokenAsync(string secret, CancellationToken ct)
    {
        var hash = TokenSecrets.Hash(secret);
        return await CallerOfAsync(db.AccessTokens.Where(t => t.TokenHash == hash), ct);
    }

    /// <summary>The caller of the live token <paramref name="tokenId"/>, for a cookie that names a session by its id.</summary>
    public Task<Caller?> CallerOfTokenIdAsync(int tokenId, CancellationToken ct) =>
        CallerOfAsync(db.AccessTokens.Where(t => t.Id == tokenId), ct);

    /// <summary>
    /// A code that stands for the caller's session once, for <see cref="AuthOptions.CodeLifetime"/> (never past the
    /// session's own end): what a browser brings in its address (<c>/hangfire?code=</c>) instead of the bearer token,
    /// which would stay in logs and history. It is kept in the tokens' table, hashed under its own prefix so that it
    /// never works as a bearer token, and is shared by every node like the tokens.
    /// </summary>
    public async Task<SingleUseCode> IssueCodeAsync(Caller caller, CancellationToken ct)
    {
        var session = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == caller.TokenId, ct)
            ?? throw new InvalidOperationException("A single-use code is issued for a session with a token.");
        // The session's id rides in the code, which the stored hash covers whole: it cannot be changed for another.
        var code = string.Create(CultureInfo.InvariantCulture, $"{session.Id}.{TokenSecrets.New()}");
        var expires = time.GetUtcNow() + options.Value.CodeLifetime;
        db.AccessTokens.Add(new AccessToken
        {
            TokenHash = CodeHash(code),
            Role = session.Role,
            ClientId = session.ClientId,
            UserId = session.UserId,
            StaffAccountId = session.StaffAccountId,
            Login = session.Login,
            ExpiresAt = expires < session.ExpiresAt ? expires : session.ExpiresAt,
        });
        await db.SaveChangesAsync(ct);
        LogCodeIssued(log, caller.Login);
        return new SingleUseCode(code, expires < session.ExpiresAt ? expires : session.ExpiresAt);
    }

    /// <summary>
    /// The session a code stands for, and the code used up; null when the code is unknown, already used, expired, or
    /// its session ended since. Of two requests (on any nodes) redeeming one code, only the one that deletes it gets the session.
    /// </summary>
    public async Task<Caller?> RedeemCodeAsync(string code, CancellationToken ct)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        if (dot < 1 || !int.TryParse(code.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var sessionId))
        {
            return null;
        }
        var hash = CodeHash(code);
        var stored = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (stored is null || await db.AccessTokens.Where(t => t.Id == stored.Id).ExecuteDeleteAsync(ct) != 1 || stored.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }
        return await CallerOfTokenIdAsync(sessionId, ct);
    }

    /// <summary>The language a user chose for the phones and the console; null for staff accounts, who choose per browser.</summary>
    public async Task<string?> PreferredLanguageAsync(Caller caller, CancellationToken ct) =>
        caller.UserId is { } userId ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync(ct) : null;

    /// <summary>Revokes the token the caller came with: the next request with it gets 401, on whichever node.</summary>
    public async Task LogoutAsync(Caller caller, CancellationToken ct)
    {
        if (caller.TokenId is { } tokenId)
        {
            await db.AccessTokens.Where(t => t.Id == tokenId).ExecuteDeleteAsync(ct);
            LogLoggedOut(log, caller.Login);
        }
    }

    private async Task<AccessToken?> AuthenticateAsync(string login, string password, string? totp, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var staff = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Login == login, ct);
        if (staff is not null)
        {
            if (staff.LockedUntil > now)
            {
                // Locked: the password is not looked at, yet the answer takes the same time as if it were.
                Verify(DummyHash.Value, password);
                return null;
            }
            if (!Verify(staff.PasswordHash, password))
            {
                await FailedAsync(db.StaffAccounts.Where(a => a.Id == staff.Id), now, ct);
                return null;
            }
            if (staff.Disabled)
            {
                return null;
            }
            if (staff.TotpEnabled)
            {
                await CheckSecondFactorAsync(staff, totp, now, ct);
            }
            if (staff.FailedLogins > 0 || staff.LockedUntil is not null)
            {
                await db.StaffAccounts.Where(a => a.Id == staff.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedLogins, 0).SetProperty(a => a.LockedUntil, (DateTimeOffset?)null), ct);
            }
            return new AccessToken { TokenHash = [], Login = login, Role = staff.Role, ClientId = staff.ClientId, StaffAccountId = staff.Id };
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Login == login, ct);
        if (user?.PasswordHash is null || user.LockedUntil > now)
        {
            // Same work as a real check, so timing does not tell which logins exist.
            Verify(DummyHash.Value, password);
            return null;
        }
        if (!Verify(user.PasswordHash, password))
        {
            // A bulk update: the user's version (what an admin's edit was read at) does not move for a failed login.
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLogins, u => u.FailedLogins + 1), ct);
            var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FailedLogins).FirstAsync(ct);
            if (LoginLockout.After(failures) is { } lockout && lockout > TimeSpan.Zero)
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, now + lockout), ct);
                LogLocked(log, login, failures, lockout);
            }
            return null;
        }
        if (user.FailedLogins > 0 || user.LockedUntil is not null)
        {
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLogins, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), ct);
        }
        return new AccessToken { TokenHash = [], Login = login, Role = RoleOf(user.AccountType), ClientId = user.ClientId, UserId = user.Id };
    }

    /// <summary>
    /// One more failure in a row for the staff account <paramref name="account"/>, counted by the database itself so that
    /// failures on several nodes add up; from the fifth on, the account is locked (<see cref="LoginLockout"/>).
    /// </summary>
    private async Task FailedAsync(IQueryable<StaffAccount> account, DateTimeOffset now, CancellationToken ct)
    {
        await account.ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedLogins, a => a.FailedLogins + 1), ct);
        var found = await account.Select(a => new { a.Login, a.FailedLogins }).FirstAsync(ct);
        if (LoginLockout.After(found.FailedLogins) is { } lockout && lockout > TimeSpan.Zero)
        {
            await account.ExecuteUpdateAsync(s => s.SetProperty(a => a.LockedUntil, now + lockout), ct);
            LogLocked(log, found.Login, found.FailedLogins, lockout);
        }
    }

    /// <summary>
    /// The code of an account with TOTP: missing, it is asked for; wrong or already used, it counts as a failed login (a
    /// code is short, so guessing it is held back like guessing a password). The step of an accepted code is recorded
    /// by a conditional update, so that of two logins with one code (on any nodes) only one gets in.
    /// </summary>
    private async Task CheckSecondFactorAsync(StaffAccount staff, string? totp, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(totp))
        {
            throw new SecondFactorException(SecondFactorException.Required);
        }
        var step = TotpCodes.MatchingStep(staff.TotpSecret!, totp, now);
        var used = step is { } accepted && await db.StaffAccounts
            .Where(a => a.Id == staff.Id && (a.TotpLastStep == null || a.TotpLastStep < accepted))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TotpLastStep, accepted), ct) == 1;
        if (!used)
        {
            await FailedAsync(db.StaffAccounts.Where(a => a.Id == staff.Id), now, ct);
            metrics?.Failed("second_factor");
            throw new SecondFactorException(SecondFactorException.Wrong);
        }
    }

    /// <summary>The role a user's account type gives their sessions; a change of it revokes them (see <c>UserOperations</c>).</summary>
    public static Role RoleOf(AccountType accountType) => accountType == AccountType.Admin ? Role.ClientAdmin : Role.User;

    /// <summary>
    /// The caller of the one live token <paramref name="tokens"/> selects; null when there is none, or when its account no
    /// longer has the role and client it was issued for. Every change of those revokes the account's tokens
    /// (<c>UserOperations.UpdateAsync</c>); the check here holds even for a change made some other way.
    /// </summary>
    private async Task<Caller?> CallerOfAsync(IQueryable<AccessToken> tokens, CancellationToken ct)
    {
        var found = await tokens.AsNoTracking()
            .Select(t => new
            {
                Token = t,
                User = db.Users.Where(u => u.Id == t.UserId).Select(u => new { u.AccountType, u.ClientId }).FirstOrDefault(),
                Staff = db.StaffAccounts.Where(a => a.Id == t.StaffAccountId).Select(a => new { a.Role, a.ClientId, a.Disabled, a.TotpEnabled }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.Token.ExpiresAt <= time.GetUtcNow() || found.Staff is { Disabled: true })
        {
            return null;
        }
        var token = found.Token;
        (Role Role, int? ClientId)? account = found switch
        {
            { User: { } user } => (RoleOf(user.AccountType), user.ClientId),
            { Staff: { } staff } => (staff.Role, staff.ClientId),
            _ => null,
        };
        // Read on every request, so that switching the requirement on holds at once for the sessions already open.
        var enrolmentOnly = found.Staff is { Role: Role.Helpdesk, TotpEnabled: false } && options.Value.RequireTotpForHelpdesk;
        return account == (token.Role, token.ClientId)
            ? new Caller(token.Role, token.ClientId, token.UserId, token.Login, token.Id, enrolmentOnly)
            : null;
    }

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Account {Login} locked for {Lockout} after {Failures} failed logins in a row")]
    private static partial void LogLocked(ILogger logger, string login, int failures, TimeSpan lockout);

    private static byte[] CodeHash(string code) => TokenSecrets.Hash("single-use-code:" + code);

    private bool Verify(string hash, string password) =>
        hasher.VerifyHashedPassword(new object(), hash, password) != PasswordVerificationResult.Failed;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Login failed for {Login}")]
    private static partial void LogLoginFailed(ILogger logger, string login);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Login of {Login} as {Role}")]
    private static partial void LogLoginSucceeded(ILogger logger, string login, Role role);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Logout of {Login}: its token is revoked")]
    private static partial void LogLoggedOut(ILogger logger, string login);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Single-use code issued for a session of {Login}")]
    private static partial void LogCodeIssued(ILogger logger, string login);
}
