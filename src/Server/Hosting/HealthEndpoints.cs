using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sophia.Model.Data;
using Sophia.Registration.Registrar;

namespace Sophia.Server.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (nothing is checked, so a slow database never gets a node restarted).
/// <c>/health/ready</c>, and <c>/health</c> as before: the database is migrated and answers (503 otherwise), and the
/// registrars answer (a silent one is <c>degraded</c>, still 200: phones get their configs). Anonymous, so the body says
/// each check's status and a short reason, never an address or a secret.
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddSophiaHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5))
            .AddCheck<RegistrarHealthCheck>("registrars", HealthStatus.Degraded, [ReadyTag], TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapSophiaHealth(this IEndpointRouteBuilder app)
    {
        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
            ResponseWriter = (http, report) => WriteAsync(http, report, Readiness(http, report)),
        };
        var live = new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, report) => WriteAsync(http, report, "live"),
        };
        app.MapHealthChecks("/health/live", live).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        // Scripts and tests wait on /health for "ready": it stays, as readiness.
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        return app;
    }

    private static string Readiness(HttpContext http, HealthReport report) =>
        !http.RequestServices.GetRequiredService<Readiness>().IsReady ? "starting"
        : report.Status switch
        {
            HealthStatus.Healthy => "ready",
            HealthStatus.Degraded => "degraded",
            _ => "unavailable",
        };

    private static Task WriteAsync(HttpContext http, HealthReport report, string status)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new HealthBody(status, report.Entries.ToDictionary(
            e => e.Key,
            e => new HealthCheckBody(e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description)));
        return http.Response.WriteAsJsonAsync(body);
    }

    private sealed record HealthBody(string Status, IReadOnlyDictionary<string, HealthCheckBody> Checks);

    private sealed record HealthCheckBody(string Status, string? Reason);
}

/// <summary>The database is migrated (<see cref="Hosting.Readiness"/>) and answers a query on a table of ours.</summary>
public sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, Readiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("migrations not applied yet");
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            // A table, not "SELECT 1": an SQLite file deleted under the server would be re-created empty and answer that.
            _ = await db.Clients.AsNoTracking().Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            return HealthCheckResult.Healthy("answers");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The exception goes to the health check's own log line; the anonymous body gets its kind only.
            return HealthCheckResult.Unhealthy($"does not answer ({e.GetType().Name})", e);
        }
    }
}
