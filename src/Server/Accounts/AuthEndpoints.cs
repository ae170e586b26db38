using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Server.Api;

namespace Sophia.Server.Accounts;

public sealed record TokenRequest(string? Login, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, string Role);

public sealed class AuthOptions
{
    public const string Section = "Sophia:Auth";

    /// <summary>Login attempts accepted per source address and minute; more get 429.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

public static partial class AuthEndpoints
{
    public const string LoginPolicy = "login";

    public static IServiceCollection AddSophiaAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.LoginAttemptsPerMinute > 0 && o.TokenLifetime > TimeSpan.Zero, "Sophia:Auth needs positive limits.")
            .ValidateOnStart();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.Helpdesk, p => p.RequireRole(Roles.Helpdesk))
            .AddPolicy(Roles.ClientAdmin, p => p.RequireRole(Roles.Helpdesk, Roles.ClientAdmin));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                // The window's own remaining time when the limiter knows it, so a client waits no longer than it must.
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(LoginPolicy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    public static void MapAuth(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/token", IssueToken)
            .AllowAnonymous()
            .RequireRateLimiting(LoginPolicy)
            .WithTags("Auth")
            .WithSummary("Exchanges a login and password for a bearer token.");
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, SophiaDb db, IPasswordHasher<object> hasher, TimeProvider time,
        Microsoft.Extensions.Options.IOptions<AuthOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(AuthEndpoints));
        var missing = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Login))
        {
            missing.Add(new FieldError("login", "login is required (for example admin@15rp.sewan.eu)."));
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            missing.Add(new FieldError("password", "password is required."));
        }
        if (missing.Count > 0)
        {
            throw new RuleViolationException(missing);
        }
        var login = request.Login!.Trim().ToLowerInvariant();
        var token = await Authenticate(db, hasher, login, request.Password!, ct);
        if (token is null)
        {
            LogLoginFailed(log, login);
            return TypedResults.Problem(title: "Unknown login or wrong password.", statusCode: 401, type: Problems.TypeBase + "unauthorized");
        }
        var secret = TokenAuthenticationHandler.NewToken();
        token.TokenHash = TokenAuthenticationHandler.TokenHash(secret);
        token.ExpiresAt = time.GetUtcNow() + options.Value.TokenLifetime;
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        LogLoginSucceeded(log, login, token.Role);
        return TypedResults.Ok(new TokenResponse(secret, token.ExpiresAt, token.Role.ToString()));
    }

    private static async Task<AccessToken?> Authenticate(SophiaDb db, IPasswordHasher<object> hasher, string login, string password, CancellationToken ct)
    {
        var staff = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Login == login, ct);
        if (staff is not null)
        {
            return Verify(hasher, staff.PasswordHash, password)
                ? new AccessToken { TokenHash = [], Login = login, Role = staff.Role, ClientId = staff.ClientId, StaffAccountId = staff.Id }
                : null;
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Login == login, ct);
        if (user?.PasswordHash is null)
        {
            // Same work as a real check, so timing does not tell which logins exist.
            Verify(hasher, DummyHash.Value, password);
            return null;
        }
        return Verify(hasher, user.PasswordHash, password)
            ? new AccessToken
            {
                TokenHash = [],
                Login = login,
                Role = user.AccountType == AccountType.Admin ? Role.ClientAdmin : Role.User,
                ClientId = user.ClientId,
                UserId = user.Id,
            }
            : null;
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<object>().HashPassword(new object(), "not-a-password"));

    private static bool Verify(IPasswordHasher<object> hasher, string hash, string password) =>
        hasher.VerifyHashedPassword(new object(), hash, password) != PasswordVerificationResult.Failed;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Login failed for {Login}")]
    private static partial void LogLoginFailed(ILogger logger, string login);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Login of {Login} as {Role}")]
    private static partial void LogLoginSucceeded(ILogger logger, string login, Role role);
}
