using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Sophia.Model.Accounts;
using Sophia.Parc.Accounts;
using Sophia.Server.Accounts;
using Sophia.Server.Console.Sessions;

namespace Sophia.Server.Jobs;

public static class JobsDashboard
{
    /// <summary>
    /// The Hangfire dashboard at <c>/hangfire</c>, for helpdesk accounts. It is open to the router (a browser brings a
    /// cookie, not a bearer token) and guarded by <see cref="HelpdeskDashboardAuthorization"/>.
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments(HangfireDashboardAccess.Path) && http.Request.Query.ContainsKey(HangfireDashboardAccess.QueryName),
            branch => branch.Run(HangfireDashboardAccess.ExchangeTokenAsync));
        app.MapHangfireDashboard(HangfireDashboardAccess.Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new HelpdeskDashboardAuthorization()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Sophia jobs",
            AppPath = "/",
        }, app.Services.GetRequiredService<JobStorage>()).AllowAnonymous();
        return app;
    }
}

/// <summary>
/// Who may open the Hangfire dashboard at <c>/hangfire</c>: helpdesk accounts only. API clients send their bearer
/// token; a browser, which cannot, opens <c>/hangfire?access_token=…</c> once: the token is checked, put in an
/// HttpOnly, SameSite=Strict cookie limited to <c>/hangfire</c>, and the browser is sent back to the dashboard
/// without the token in its address bar or history.
/// </summary>
public static class HangfireDashboardAccess
{
    public const string Path = "/hangfire";
    public const string CookieName = "sophia_hangfire";
    public const string QueryName = "access_token";

    /// <summary>Swaps <c>?access_token=</c> for the cookie; answers 401 for a token that is not a live helpdesk one.</summary>
    public static async Task ExchangeTokenAsync(HttpContext http)
    {
        var token = http.Request.Query[QueryName].ToString();
        var found = await FindAsync(http, token);
        if (found is null || found.Role != Role.Helpdesk)
        {
            http.Response.StatusCode = found is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            return;
        }
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Path,
        });
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Redirect(http.Request.PathBase + http.Request.Path);
    }

    /// <summary>
    /// The caller of the live token <paramref name="token"/>, or null. The cookie is a session cookie: the token's own
    /// expiry and revocation are checked here on every request, so the cookie needs none of its own.
    /// </summary>
    public static async Task<Caller?> FindAsync(HttpContext http, string? token) =>
        string.IsNullOrWhiteSpace(token) ? null
            : await http.RequestServices.GetRequiredService<AccountOperations>().CallerOfTokenAsync(token, http.RequestAborted);
}

/// <summary>
/// The dashboard's gate: the bearer token (already authenticated by the API's scheme), the console's session or the
/// dashboard cookie must belong to a helpdesk account. Hangfire answers 401 to an anonymous caller and 403 to anyone else refused.
/// </summary>
public sealed class HelpdeskDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return http.User.IsInRole(Roles.Helpdesk);
        }
        // A helpdesk agent signed in to the console follows its "Tâches planifiées" link with the session cookie.
        if (await http.AuthenticateAsync(ConsoleSessions.Scheme) is { Succeeded: true, Principal: { } console })
        {
            http.User = console;
            return console.IsInRole(Roles.Helpdesk);
        }
        var token = await HangfireDashboardAccess.FindAsync(http, http.Request.Cookies[HangfireDashboardAccess.CookieName]);
        if (token is null)
        {
            return false;
        }
        // Known caller from here on, so a refusal is 403, not 401.
        http.User = new ClaimsPrincipal(new ClaimsIdentity(token.Claims(), HangfireDashboardAccess.CookieName));
        return token.Role == Role.Helpdesk;
    }
}
