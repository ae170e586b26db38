using System.Globalization;
using OpenTelemetry.Metrics;
using Sophia.Parc.Accounts;
using Sophia.Provisioning.Serving;
using Sophia.Registration.Diagnostics;
using Sophia.Server.Accounts;

namespace Sophia.Server.Hosting;

/// <summary>
/// <c>GET /metrics</c> in Prometheus' text format: Sophia's own meters only (no ASP.NET or runtime meter, whose labels
/// carry addresses and ports). It answers a helpdesk bearer token on any port; with <c>Sophia:Metrics:Port</c>, it also
/// answers anyone on that port, an HTTP listener added beside <c>--urls</c> on each of its hosts, for a Prometheus kept on
/// a network of its own (a token lasts <c>Sophia:Auth:TokenLifetime</c>, a scrape configuration for ever).
/// </summary>
public static class MetricsHosting
{
    public const string Section = "Sophia:Metrics";
    public const string Path = "/metrics";
    private const string Policy = "metrics";

    public static WebApplicationBuilder AddSophiaMetrics(this WebApplicationBuilder builder)
    {
        var port = MetricsPort(builder.Configuration[$"{Section}:Port"]);
        if (port is { } metricsPort)
        {
            var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } set ? set : "http://localhost:5000";
            var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var hosts = addresses.Select(HttpsHosting.HostOf).Distinct().ToList();
            addresses.AddRange(hosts.Select(host => $"http://{host}:{metricsPort}"));
            builder.WebHost.UseUrls([.. addresses]);
        }
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ProvisioningMetrics.MeterName, RegistrationMetrics.MeterName, LoginMetrics.MeterName)
            .AddPrometheusExporter());
        // The local port is the connection's, not the Host header's, which any client writes as it likes.
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
            .RequireAssertion(context => context.User.IsInRole(Roles.Helpdesk)
                || (port is { } open && context.Resource is HttpContext http && http.Connection.LocalPort == open)));
        return builder;
    }

    /// <summary>On <c>Sophia:Metrics:Port</c>, <c>/metrics</c> and nothing else: the console, the API and <c>/prov</c> answer 404 there.</summary>
    public static IApplicationBuilder UseSophiaMetricsPort(this IApplicationBuilder app)
    {
        if (MetricsPort(app.ApplicationServices.GetRequiredService<IConfiguration>()[$"{Section}:Port"]) is not { } port)
        {
            return app;
        }
        return app.Use((http, next) =>
        {
            if (http.Connection.LocalPort == port && !http.Request.Path.Equals(Path, StringComparison.Ordinal))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(http);
        });
    }

    public static IEndpointRouteBuilder MapSophiaMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(Policy);
        return app;
    }

    private static int? MetricsPort(string? text)
    {
        if (text is not { Length: > 0 })
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new InvalidOperationException($"{Section}:Port: '{text}' is not a TCP port (1 to 65535).");
    }
}
