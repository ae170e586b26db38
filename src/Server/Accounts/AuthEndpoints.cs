using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sophia.Model.Accounts;
using Sophia.Parc.Accounts;
using Sophia.Server.Api;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Accounts;

public static class AuthEndpoints
{
    public const string LoginPolicy = "login";

    /// <summary>The API's own policy: a caller signed in with a bearer token.</summary>
    public const string ApiPolicy = "api";

    public static IServiceCollection AddSophiaAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.LoginAttemptsPerMinute > 0 && o.TokenLifetime > TimeSpan.Zero && o.CodeLifetime > TimeSpan.Zero, "Sophia:Auth needs positive limits.")
            .ValidateOnStart();
        services.AddScoped<ExpiredTokensJob>();
        services.AddHostedService<ExpiredTokensSchedule>();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Roles.Helpdesk, p => p.RequireRole(Roles.Helpdesk))
            .AddPolicy(Roles.ClientAdmin, p => p.RequireRole(Roles.Helpdesk, Roles.ClientAdmin));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                // The window's own remaining time when the limiter knows it, so a client waits no longer than it must.
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.Headers.RetryAfter = seconds;
                // A person on the console's login form gets the form back, saying how long to wait, rather than a bare 429.
                if (context.HttpContext.Request.Path.Equals(Links.Login, StringComparison.OrdinalIgnoreCase))
                {
                    context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
                    context.HttpContext.Response.Headers.Location = $"{Links.Login}?wait={seconds}";
                }
                return ValueTask.CompletedTask;
            };
            // The console's login page is one endpoint for showing the form and sending it: only sending counts.
            limiter.AddPolicy(LoginPolicy, http =>
            {
                if (HttpMethods.IsGet(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("form");
                }
                var limit = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    public static void MapAuth(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/token", IssueToken)
            .AllowAnonymous()
            .RequireRateLimiting(LoginPolicy)
            .Problems(400)
            .WithSummary("Exchanges a login and password for a bearer token.");
        auth.MapDelete("/token", RevokeToken)
            .RequireAuthorization()
            .WithSummary("Logs out: the token this request carries stops working at once, on every node.");
    }

    /// <summary>
    /// A refusal says the same for an unknown login, a wrong password, a disabled or a locked account. Only after a
    /// right password does an account with TOTP hear that its code is missing (<c>totp.required</c>) or wrong (<c>totp.wrong</c>).
    /// </summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(TokenRequest request, AccountOperations accounts, CancellationToken ct)
    {
        try
        {
            return await accounts.LoginAsync(request, ct) is { } token
                ? TypedResults.Ok(token)
                : TypedResults.Problem(
                    title: "Unknown login or wrong password (an account is locked for a while after repeated failures).", statusCode: 401,
                    type: Problems.TypeBase + "unauthorized", extensions: new Dictionary<string, object?> { ["code"] = "login.refused" });
        }
        catch (SecondFactorException second)
        {
            return TypedResults.Problem(
                title: second.Code == SecondFactorException.Required ? "This account needs its TOTP code (field totp)." : "The TOTP code is wrong or already used.",
                statusCode: 401, type: Problems.TypeBase + "unauthorized", extensions: new Dictionary<string, object?> { ["code"] = second.Code, ["field"] = "totp" });
        }
    }

    private static async Task<NoContent> RevokeToken(Caller caller, AccountOperations accounts, CancellationToken ct)
    {
        await accounts.LogoutAsync(caller, ct);
        return TypedResults.NoContent();
    }
}
