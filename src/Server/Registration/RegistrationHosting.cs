using Hangfire;
using Sophia.Registration.Jobs;
using Sophia.Registration.Resync;

namespace Sophia.Server.Registration;

/// <summary>Registration tracking in the host: jobs on Hangfire, the API, and the dashboard for the helpdesk.</summary>
public static class RegistrationHosting
{
    public static IServiceCollection AddSophiaRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRegistrationTracking(configuration);
        services.AddSophiaJobs(configuration);
        services.AddSingleton<ProvisioningDrift>();
        services.AddSingleton<IProvisioningDrift>(sp => sp.GetRequiredService<ProvisioningDrift>());
        return services;
    }

    /// <summary>The registration and resync routes under <c>/api/v1</c>, and the Hangfire dashboard at <c>/hangfire</c>.</summary>
    public static WebApplication UseSophiaRegistration(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapRegistrationApi();
        api.MapResyncApi();

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
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }
}
