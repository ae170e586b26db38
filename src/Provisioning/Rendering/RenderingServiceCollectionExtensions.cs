using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sophia.Provisioning.Rendering;

public static class RenderingServiceCollectionExtensions
{
    /// <summary>
    /// Adds config rendering: <see cref="ProvisioningOptions"/> from <c>Sophia:Provisioning</c> (validated on start),
    /// the <see cref="TemplateStore"/> (loaded at start, its refusals logged, polled for other nodes' changes), the
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
        services.AddHostedService<TemplatePoll>();
        return services;
    }
}

/// <summary>Loads the templates when the host starts, so a refused template shows in the log at boot, not at the first phone.</summary>
internal sealed class TemplateStoreStartup(TemplateStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Asks the database every <see cref="ProvisioningOptions.TemplatePollSeconds"/> whether another node changed an
/// override, so that /prov requests never read the overrides themselves.
/// </summary>
internal sealed partial class TemplatePoll(TemplateStore store, IOptions<ProvisioningOptions> options, TimeProvider time, ILogger<TemplatePoll> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TemplatePollSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that does not answer for a moment: the templates in service keep serving.
                PollFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Could not check the template overrides for changes")]
    private static partial void PollFailed(ILogger logger, Exception exception);
}
