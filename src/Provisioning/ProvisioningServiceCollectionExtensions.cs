using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.Diagnostics;
using Sophia.Provisioning.Drift;
using Sophia.Provisioning.FetchLog;
using Sophia.Provisioning.Http;
using Sophia.Provisioning.Rendering;
using Sophia.Provisioning.Serving;
using Sophia.Provisioning.Templates;
using Sophia.Provisioning.Tftp;
using Sophia.Provisioning.Uploads;

namespace Sophia.Provisioning;

public static class ProvisioningServiceCollectionExtensions
{
    /// <summary>
    /// Rendering, the render cache, <c>/prov/</c> digest auth and limits, the fetch log (and its retention job, for the
    /// host's Hangfire), the TFTP server, what phones upload (and its retention job), the drift of
    /// phones' configs (also Registration's <see cref="IProvisioningDrift"/>) and the helpdesk's provisioning views.
    /// </summary>
    public static IServiceCollection AddProvisioning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProvisioningRendering(configuration);
        services.AddOptions<ProvisioningHttpOptions>().Bind(configuration.GetSection(ProvisioningHttpOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<ProvisioningMetrics>();
        services.TryAddSingleton<ProvisioningFiles>();
        services.TryAddSingleton<DigestAuthProvider>();
        services.TryAddSingleton<ProvisioningLimits>();
        services.TryAddSingleton(DeviceCertificateValidator.FromConfiguration(configuration));
        services.AddOptions<FetchLogOptions>().Bind(configuration.GetSection(FetchLogOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FetchLogWriter>();
        services.AddScoped<FetchLogRetentionJob>();
        services.AddHostedService<FetchLogSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<FetchLogWriter>());
        services.TryAddSingleton<TftpFiles>();
        services.TryAddSingleton<ITftpFileProvider>(sp => sp.GetRequiredService<TftpFiles>());
        services.TryAddSingleton<ITftpTransferObserver>(sp => sp.GetRequiredService<TftpFiles>());
        services.AddTftp(configuration);
        services.AddHostedService<TftpAllowListCheck>();
        services.TryAddSingleton<ProvisioningDrift>();
        services.TryAddSingleton<IProvisioningDrift>(sp => sp.GetRequiredService<ProvisioningDrift>());
        services.AddScoped<PhoneConfigOperations>();
        services.AddScoped<FleetOperations>();
        services.AddScoped<KeyLayoutOperations>();
        services.AddScoped<TemplateOperations>();
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PhoneUploadOperations>();
        services.AddScoped<PhoneUploadRetentionJob>();
        services.AddHostedService<PhoneUploadSchedule>();
        return services;
    }
}
