using System.Text.Json;
using System.Text.Json.Serialization;
using Sophia.Model.Data;
using Sophia.Parc;
using Sophia.Provisioning;
using Sophia.Provisioning.Http;
using Sophia.Registration.Jobs;
using Sophia.Server.Accounts;
using Sophia.Server.Api;
using Sophia.Server.Audit;
using Sophia.Server.Console;
using Sophia.Server.Jobs;
using Sophia.Server.Parc;
using Sophia.Server.Provisioning;
using Sophia.Server.Registration;
using Sophia.Server.Search;
using Sophia.Server.Secrets;
using Sophia.Server.Stock;
using Sophia.Stock;
using Sophia.Telephony;

namespace Sophia.Server.Hosting;

/// <summary>The table of contents of the one Sophia process: what it is made of, and what it serves.</summary>
public static class SophiaHost
{
    public static WebApplicationBuilder AddSophia(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.AddSophiaLogging();
        builder.AddSophiaHttps();
        builder.AddSophiaMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSophiaData(configuration);
        services.AddAudit(configuration);
        services.AddSophiaAuth(configuration);
        services.AddParc();
        services.AddStock();
        services.AddTelephony();
        services.AddProvisioning(configuration);
        services.AddSophiaJobs(configuration);
        services.AddRegistrationTracking(configuration);
        services.AddConsole();
        services.AddProblemDetails();
        services.AddExceptionHandler<Problems>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        // A body that does not bind throws, so that Problems answers with what was wrong instead of a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton<Readiness>();
        services.AddSophiaHealth();
        services.AddSecretRedaction();
        return builder;
    }

    public static WebApplication UseSophia(this WebApplication app)
    {
        app.LogHttps();
        app.UseRequestCorrelation();
        app.UseSophiaMetricsPort();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsoleAssets();
        app.UseJsonBodyLimit();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseConsoleLanguage();
        app.UseAuthorization();
        app.UseTotpEnrolmentGate();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapSophiaHealth();
        app.MapSophiaMetrics();

        // Every route of the API needs a signed-in caller unless it says otherwise (only the login does); a route that
        // forgets to say who may call it is refused by the fallback policy rather than left open.
        // The API takes bearer tokens only: a console cookie that a browser sends by itself never opens it.
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthEndpoints.ApiPolicy).Problems(401);
        api.MapAuth();
        api.MapStaffAccounts();
        api.MapClients();
        api.MapSites();
        api.MapUsers();
        api.MapNumbers();
        api.MapCallRestrictions();
        api.MapFunctionKeys();
        api.MapContacts();
        api.MapEquipment();
        api.MapSearch();
        api.MapProvisioningApi();
        api.MapRegistrationApi();
        api.MapResyncApi();
        api.MapJobsApi();
        api.MapAudit();
        api.MapSecrets();
        app.MapProvisioning();
        app.MapJobsDashboard();
        app.MapConsole();
        return app;
    }
}

/// <summary>Set once the database is migrated (and the demo loaded); <c>/health/ready</c> can answer 200 from then on.</summary>
public sealed class Readiness
{
    private volatile bool ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}
