using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sophia.Model.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SophiaDb"/> on the configured provider (<c>Sophia:Database:Provider</c>).</summary>
    public static IServiceCollection AddSophiaData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<SophiaDb, PostgresSophiaDb>(o => o.UseNpgsql(options.ConnectionString));
                break;
            default:
                services.AddDbContext<SophiaDb, SqliteSophiaDb>(o => o.UseSqlite(SqliteConnectionString(options)));
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

    public static string SqliteConnectionString(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "sophia.db")};Cache=Shared;Pooling=True";
    }
}
