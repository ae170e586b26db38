using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sophia.Provisioning.Rendering;

public static class RenderingServiceCollectionExtensions
{
    /// <summary>
    /// Adds config rendering: <see cref="ProvisioningOptions"/> from <c>Sophia:Provisioning</c> (validated on start),
    /// the <see cref="TemplateStore"/> (loaded at start, its refusals logged), the
    /// <see cref="ProvisioningContextFactory"/> and <see cref="IConfigRenderer"/>, all singletons.
    /// </summary>
    public static IServiceCollection AddProvisioningRendering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvisioningOptions>()
            .Bind(configuration.GetSection(ProvisioningOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProvisioningOptions>, ProvisioningOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TemplateStore>();
        services.TryAddSingleton<ProvisioningContextFactory>();
        services.TryAddSingleton<ConfigRenderer>();
        services.TryAddSingleton<IConfigRenderer>(sp => sp.GetRequiredService<ConfigRenderer>());
        services.AddHostedService<TemplateStoreStartup>();
        return services;
    }
}

/// <summary>Loads the templates when the host starts, so a refused template shows in the log at boot, not at the first phone.</summary>
internal sealed class TemplateStoreStartup(TemplateStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
