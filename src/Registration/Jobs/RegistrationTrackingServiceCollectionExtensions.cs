using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sophia.Model.Provisioning;
using Sophia.Registration.Diagnostics;
using Sophia.Registration.Resync;

namespace Sophia.Registration.Jobs;

public static class RegistrationTrackingServiceCollectionExtensions
{
    /// <summary>
    /// Registration tracking on the database: the module's SIP and registrar pieces (<c>AddRegistration</c>), the
    /// reconciliation, resync and prune jobs, their recurring schedule, and the operations the API and the console call
    /// (a phone's status and check, the phone lists, a reconciliation and resyncs by hand). The host supplies Hangfire
    /// (storage and server); the provisioning module supplies the <see cref="IProvisioningDrift"/>.
    /// </summary>
    public static IServiceCollection AddRegistrationTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRegistration(configuration);
        services.AddOptions<RegistrationTrackingOptions>()
            .Bind(configuration.GetSection(RegistrationTrackingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegistrationTrackingOptions>>(new RuleValidator<RegistrationTrackingOptions>(o => o.Validate()));
        services.AddScoped<ReconcileJob>();
        services.AddScoped<ResyncPump>();
        services.AddScoped<ConfigChangeResyncJob>();
        services.AddScoped<PruneJob>();
        services.AddSingleton<PhoneResync>();
        services.AddHostedService<RegistrationSchedule>();
        services.AddScoped<PhoneStatusOperations>();
        services.AddScoped<PhoneListOperations>();
        services.AddScoped<ReconcileOperations>();
        services.AddScoped<ResyncOperations>();
        return services;
    }
}
