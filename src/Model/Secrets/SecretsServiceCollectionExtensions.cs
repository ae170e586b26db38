using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sophia.Model.Data;

namespace Sophia.Model.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Data Protection for the whole server (console cookies, antiforgery, secret columns): its key ring in the
    /// database, so that what one node protects opens on every other, each key wrapped by the master key
    /// (<see cref="SecretsOptions"/>), which is not. Refuses PostgreSQL without a configured master key.
    /// </summary>
    public static IServiceCollection AddSophiaSecrets(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var options = new SecretsOptions();
        configuration.GetSection(SecretsOptions.Section).Bind(options);
        if (database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.MasterKey) && string.IsNullOrWhiteSpace(options.MasterKeyFile))
        {
            throw new InvalidOperationException(MasterKeys.MissingOnPostgres);
        }
        services.AddSingleton(sp => MasterKeys.Load(options, database, sp.GetRequiredService<ILoggerFactory>().CreateLogger<MasterKeys>()));
        services.AddDataProtection().SetApplicationName("Sophia").PersistKeysToDbContext<SophiaDb>();
        services.AddOptions<KeyManagementOptions>().Configure<MasterKeys>((o, keys) => o.XmlEncryptor = new MasterKeyXmlEncryptor(keys));
        services.AddSingleton<SecretCipher>();
        services.AddScoped<SecretStore>();
        services.AddHostedService<SecretKeyRenewal>();
        return services;
    }
}
