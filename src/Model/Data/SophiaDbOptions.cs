using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Sophia.Model.Audit;
using Sophia.Model.Secrets;

namespace Sophia.Model.Data;

/// <summary>
/// The one way to configure a <see cref="SophiaDb"/>, for the host, the tests and the benchmarks alike: the provider,
/// lists in queries as one parameter, and the <see cref="SaveInterceptor"/> on the given clock.
/// </summary>
public static class SophiaDbOptions
{
    // A list in a query (ids.Contains(e.Id)) goes as one parameter (json_each on SQLite, an array on PostgreSQL).
    // EF Core 10's default, one parameter per element, fails past SQLite's 32,766 variables: a resync campaign over
    // a large client's phones would.
    private const ParameterTranslationMode OneParameter = ParameterTranslationMode.Parameter;

    public static DbContextOptionsBuilder UseSophiaSqlite(this DbContextOptionsBuilder builder, string connectionString, TimeProvider time, IAuditActors? actors = null) =>
        builder.UseSqlite(connectionString, Sqlite).UseSophia(time, actors);

    /// <summary>On an open connection, e.g. an in-memory database that lives as long as the connection.</summary>
    public static DbContextOptionsBuilder UseSophiaSqlite(this DbContextOptionsBuilder builder, DbConnection connection, TimeProvider time, IAuditActors? actors = null) =>
        builder.UseSqlite(connection, Sqlite).UseSophia(time, actors);

    public static DbContextOptionsBuilder UseSophiaPostgres(this DbContextOptionsBuilder builder, string connectionString, TimeProvider time, IAuditActors? actors = null) =>
        builder.UseNpgsql(connectionString, Postgres).UseSophia(time, actors);

    /// <summary>
    /// Secret columns encrypted with <paramref name="cipher"/>, as the host does. A context without (a test's or a tool's
    /// own database) reads and writes them as they are; the host encrypts what it finds in clear when it starts.
    /// </summary>
    public static DbContextOptionsBuilder UseSophiaSecrets(this DbContextOptionsBuilder builder, SecretCipher cipher)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new SecretsOptionsExtension(cipher));
        return builder;
    }

    // Without a host, every change is recorded as the system's.
    private static DbContextOptionsBuilder UseSophia(this DbContextOptionsBuilder builder, TimeProvider time, IAuditActors? actors) =>
        builder.AddInterceptors(new SaveInterceptor(time, actors ?? SystemAuditActors.Instance)).ReplaceService<IModelCacheKeyFactory, SecretsModelCacheKeyFactory>();

    /// <summary>A context on a SQLite database, for tests and tools that do without the host.</summary>
    public static SqliteSophiaDb Sqlite(string connectionString, TimeProvider time) =>
        new((DbContextOptions<SqliteSophiaDb>)new DbContextOptionsBuilder<SqliteSophiaDb>().UseSophiaSqlite(connectionString, time).Options);

    /// <inheritdoc cref="Sqlite(string, TimeProvider)"/>
    public static SqliteSophiaDb Sqlite(DbConnection connection, TimeProvider time) =>
        new((DbContextOptions<SqliteSophiaDb>)new DbContextOptionsBuilder<SqliteSophiaDb>().UseSophiaSqlite(connection, time).Options);

    private static void Sqlite(SqliteDbContextOptionsBuilder sqlite) => sqlite.UseParameterizedCollectionMode(OneParameter);

    private static void Postgres(NpgsqlDbContextOptionsBuilder postgres) => postgres.UseParameterizedCollectionMode(OneParameter);
}
