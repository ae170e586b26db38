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

public sealed record TokenRequest(string? Login, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, string Role);

/// <summary>A code standing once for a session, until <paramref name="ExpiresAt"/>.</summary>
public sealed record SingleUseCode(string Code, DateTimeOffset ExpiresAt);

/// <summary>
/// Sessions of the API: a login and password exchanged for a bearer token, the token read back on each request, and
/// the token given up at logout. Tokens live in the database, so what one node issues or revokes holds on every node.
/// </summary>
public sealed partial class AccountOperations(
    SophiaDb db, IPasswordHasher<object> hasher, TimeProvider time, IOptions<AuthOptions> options, ILogger<AccountOperations> log)
{
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<object>().HashPassword(new object(), "not-a-password"));

    /// <summary>
    /// A new token for a staff account or a user with a console password; null when the login is unknown or the
    /// password wrong, which read the same (and take the same time) so that nobody learns which logins exist.
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
        var token = await AuthenticateAsync(login, request.Password!, ct);
        if (token is null)
        {
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

    private async Task<AccessToken?> AuthenticateAsync(string login, string password, CancellationToken ct)
    {
        var staff = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Login == login, ct);
        if (staff is not null)
        {
            return Verify(staff.PasswordHash, password)
                ? new AccessToken { TokenHash = [], Login = login, Role = staff.Role, ClientId = staff.ClientId, StaffAccountId = staff.Id }
                : null;
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Login == login, ct);
        if (user?.PasswordHash is null)
        {
            // Same work as a real check, so timing does not tell which logins exist.
            Verify(DummyHash.Value, password);
            return null;
        }
        return Verify(user.PasswordHash, password)
            ? new AccessToken { TokenHash = [], Login = login, Role = RoleOf(user.AccountType), ClientId = user.ClientId, UserId = user.Id }
            : null;
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
                Staff = db.StaffAccounts.Where(a => a.Id == t.StaffAccountId).Select(a => new { a.Role, a.ClientId }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.Token.ExpiresAt <= time.GetUtcNow())
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
        return account == (token.Role, token.ClientId)
            ? new Caller(token.Role, token.ClientId, token.UserId, token.Login, token.Id)
            : null;
    }

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
