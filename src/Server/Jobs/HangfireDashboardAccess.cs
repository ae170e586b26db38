using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Parc.Accounts;
using Sophia.Server.Accounts;
using Sophia.Server.Api;
using Sophia.Server.Console.Sessions;

namespace Sophia.Server.Jobs;

/// <summary>A single-use code for the dashboard, and the address that spends it.</summary>
public sealed record DashboardCodeResponse(string Code, DateTimeOffset ExpiresAt, string Url);

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
            branch => branch.Run(HangfireDashboardAccess.ExchangeCodeAsync));
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

    /// <summary><c>POST /api/v1/jobs/dashboard-code</c>: what a helpdesk API client opens the dashboard in a browser with.</summary>
    public static void MapJobsApi(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/jobs").WithTags("Jobs").RequireAuthorization(Roles.Helpdesk).Problems(403)
            .MapPost("/dashboard-code", IssueDashboardCode)
            .WithSummary("A single-use code, valid for a minute, that opens the Hangfire dashboard in a browser at /hangfire?code=….");
    }

    private static async Task<Ok<DashboardCodeResponse>> IssueDashboardCode(Caller caller, AccountOperations accounts, CancellationToken ct)
    {
        var code = await accounts.IssueCodeAsync(caller, ct);
        return TypedResults.Ok(new DashboardCodeResponse(code.Code, code.ExpiresAt, $"{HangfireDashboardAccess.Path}?{HangfireDashboardAccess.QueryName}={code.Code}"));
    }
}

/// <summary>
/// Who may open the Hangfire dashboard at <c>/hangfire</c>: helpdesk accounts only. API clients send their bearer
/// token; the console's session opens it; a browser without either opens <c>/hangfire?code=…</c> once, with a
/// single-use code from <c>POST /api/v1/jobs/dashboard-code</c>: the code is spent, the session it stood for is put in
/// an HttpOnly, SameSite=Strict cookie limited to <c>/hangfire</c> (by id, encrypted by Data Protection: never the
/// token itself), and the browser is sent back to the dashboard without the code in its address bar. A bearer token
/// never travels in an address, where logs and history would keep it.
/// </summary>
public static class HangfireDashboardAccess
{
    public const string Path = "/hangfire";
    public const string CookieName = "sophia_hangfire";
    public const string QueryName = "code";
    private const string Purpose = "Sophia.Jobs.Dashboard.Session";

    /// <summary>Swaps <c>?code=</c> for the cookie; answers 401 for a code that is unknown, used or expired, 403 for one not of the helpdesk.</summary>
    public static async Task ExchangeCodeAsync(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var code = http.Request.Query[QueryName].ToString();
        var caller = string.IsNullOrWhiteSpace(code) ? null
            : await http.RequestServices.GetRequiredService<AccountOperations>().RedeemCodeAsync(code, http.RequestAborted);
        if (caller?.TokenId is not { } tokenId || caller.Role != Role.Helpdesk)
        {
            http.Response.StatusCode = caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            return;
        }
        http.Response.Cookies.Append(CookieName, Protector(http).Protect(tokenId.ToString(CultureInfo.InvariantCulture)), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Path,
        });
        http.Response.Redirect(http.Request.PathBase + http.Request.Path);
    }

    /// <summary>
    /// The caller of the session the dashboard cookie names, or null. The cookie is a session cookie: the token's own
    /// expiry and revocation are checked here on every request, so the cookie needs none of its own.
    /// </summary>
    public static async Task<Caller?> FindAsync(HttpContext http, string? cookie)
    {
        if (string.IsNullOrWhiteSpace(cookie))
        {
            return null;
        }
        string tokenId;
        try
        {
            tokenId = Protector(http).Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            // Forged, or protected by a key no longer in the ring: no session.
            return null;
        }
        return int.TryParse(tokenId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await http.RequestServices.GetRequiredService<AccountOperations>().CallerOfTokenIdAsync(id, http.RequestAborted)
            : null;
    }

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
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
        var session = await HangfireDashboardAccess.FindAsync(http, http.Request.Cookies[HangfireDashboardAccess.CookieName]);
        if (session is null)
        {
            return false;
        }
        // Known caller from here on, so a refusal is 403, not 401.
        http.User = new ClaimsPrincipal(new ClaimsIdentity(session.Claims(), HangfireDashboardAccess.CookieName));
        return session.Role == Role.Helpdesk;
    }
}
