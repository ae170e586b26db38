using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sophia.Model.Audit;
using Sophia.Model.Secrets;

namespace Sophia.Model.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SophiaDb"/> on the configured provider (<c>Sophia:Database:Provider</c>), from a pool:
    /// every phone request takes a context, and building one from scratch cost more than the query it runs. Saves are
    /// dated by the host's <see cref="TimeProvider"/>; secret columns encrypted (<see cref="SecretsServiceCollectionExtensions.AddSophiaSecrets"/>).
    /// </summary>
    public static IServiceCollection AddSophiaData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSophiaSecrets(configuration, options);
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = options.ConnectionString!;
                services.AddDbContextPool<SophiaDb, PostgresSophiaDb>((sp, o) => o.UseSophiaPostgres(postgres, sp.GetRequiredService<TimeProvider>(), sp.GetService<IAuditActors>()).UseSophiaSecrets(sp.GetRequiredService<SecretCipher>()));
                break;
            default:
                var sqlite = SqliteConnectionString(options);
                services.AddDbContextPool<SophiaDb, SqliteSophiaDb>((sp, o) => o.UseSophiaSqlite(sqlite, sp.GetRequiredService<TimeProvider>(), sp.GetService<IAuditActors>()).UseSophiaSecrets(sp.GetRequiredService<SecretCipher>()));
                break;
        }
        return services;
    }

    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(options);
        options.DataDirectory = configuration["Sophia:DataDirectory"] is { Length: > 0 } dir ? dir : options.DataDirectory;
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Sophia:Database:ConnectionString is required when Sophia:Database:Provider is Postgres.");
        }
        return options;
    }

    public const string DatabaseFileName = "sophia.db";

    /// <summary>The SQLite file in the data directory, created (empty, 0600, in a 0700 directory) when missing.</summary>
    public static string SqliteConnectionString(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }
        var directory = DataDirectory.Create(options.DataDirectory);
        var file = Path.Combine(directory, DatabaseFileName);
        if (!File.Exists(file))
        {
            // Made empty (SQLite takes an empty file for a new database) so that it is 0600 from the start; SQLite gives
            // its -wal and -shm files the database file's mode.
            DataDirectory.WritePrivateFile(file, "");
        }
        // A private cache per connection: with write-ahead logging (see SqliteJournal) readers then never wait on the writer.
        return $"Data Source={file};Pooling=True";
    }
}
