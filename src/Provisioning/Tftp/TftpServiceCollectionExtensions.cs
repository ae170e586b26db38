using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sophia.Provisioning.Tftp;

public static class TftpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the TFTP server as a hosted service, its options from <c>Sophia:Tftp</c> (validated on start) and a
    /// no-op transfer observer unless one is registered. The caller registers the <see cref="ITftpFileProvider"/>.
    /// </summary>
    public static IServiceCollection AddTftp(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<TftpOptions>()
            .Bind(config.GetSection(TftpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TftpOptions>, TftpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITftpTransferObserver>(NullTftpTransferObserver.Instance);
        services.AddSingleton<TftpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<TftpServer>());
        return services;
    }
}
