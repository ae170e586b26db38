using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Sophia.Model.Accounts;
using Sophia.Parc.Accounts;

namespace Sophia.Server.Console.Sessions;

/// <summary>
/// The console's sessions: a login makes an access token, as the API's does, and the browser keeps it inside the
/// session cookie (encrypted by Data Protection, whose keys every node reads from the database). Each request checks
/// the token again, so a logout, a password or role change, or an expiry ends the session at once on every node.
/// </summary>
public static class ConsoleSessions
{
    public const string Scheme = "Console";
    public const string CookieName = "sophia_session";
    public const string SecretClaim = "sophia:session";
    public const string LanguageClaim = "sophia:language";

    /// <summary>Signs the browser in with a token just issued by <see cref="AccountOperations.LoginAsync"/>.</summary>
    public static async Task<bool> SignInAsync(HttpContext http, AccountOperations accounts, string secret, CancellationToken ct)
    {
        var caller = await accounts.CallerOfTokenAsync(secret, ct);
        if (caller is null)
        {
            return false;
        }
        var language = await accounts.PreferredLanguageAsync(caller, ct);
        await http.SignInAsync(Scheme, Principal(caller, secret, language));
        return true;
    }

    public static async Task SignOutAsync(HttpContext http, AccountOperations accounts, CancellationToken ct)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await accounts.LogoutAsync(Caller.From(http.User), ct);
        }
        await http.SignOutAsync(Scheme);
    }

    /// <summary>Every request of a session: the token must still be live, and the caller is read from it again.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var secret = context.Principal?.FindFirstValue(SecretClaim);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountOperations>();
        var caller = secret is null ? null : await accounts.CallerOfTokenAsync(secret, context.HttpContext.RequestAborted);
        if (caller is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }
        context.ReplacePrincipal(Principal(caller, secret!, context.Principal!.FindFirstValue(LanguageClaim)));
    }

    private static ClaimsPrincipal Principal(Caller caller, string secret, string? language)
    {
        var claims = caller.Claims().Append(new Claim(SecretClaim, secret));
        if (language is not null)
        {
            claims = claims.Append(new Claim(LanguageClaim, language));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }
}
