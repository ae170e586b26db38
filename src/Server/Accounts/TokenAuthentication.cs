using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Sophia.Model.Accounts;
using Sophia.Parc.Accounts;

namespace Sophia.Server.Accounts;

/// <summary>
/// Bearer tokens issued by <c>POST /api/v1/auth/token</c>, looked up in the database on every request, so that every
/// node accepts them and a token revoked on one node (logout, password change) is refused on all at once.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountOperations accounts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var caller = await accounts.CallerOfTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(caller.Claims(), SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

public static class Roles
{
    public const string Helpdesk = nameof(Role.Helpdesk);
    public const string ClientAdmin = nameof(Role.ClientAdmin);
    public const string User = nameof(Role.User);
}
