using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sophia.Model.Accounts;
using Sophia.Model.Data;

namespace Sophia.Server.Accounts;

/// <summary>
/// Bearer tokens issued by <c>POST /api/v1/auth/token</c>: 32 random bytes, of which the database keeps only
/// the SHA-256, so every node accepts them and a leaked database gives no usable token.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SophiaDb db,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = TokenHash(header["Bearer ".Length..].Trim());
        var now = time.GetUtcNow();
        var token = await db.AccessTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (token is null || token.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("The token is unknown or expired.");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, token.Login),
            new(ClaimTypes.Role, token.Role.ToString()),
        };
        if (token.ClientId is { } clientId)
        {
            claims.Add(new Claim(Caller.ClientClaim, clientId.ToString(CultureInfo.InvariantCulture)));
        }
        if (token.UserId is { } userId)
        {
            claims.Add(new Claim(Caller.UserClaim, userId.ToString(CultureInfo.InvariantCulture)));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    public static byte[] TokenHash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public static class Roles
{
    public const string Helpdesk = nameof(Role.Helpdesk);
    public const string ClientAdmin = nameof(Role.ClientAdmin);
    public const string User = nameof(Role.User);
}
