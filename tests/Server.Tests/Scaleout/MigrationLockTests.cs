using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sophia.Model.Data;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Scaleout;

/// <summary>A new version started on several nodes at once: the migrations are applied once, by one of them.</summary>
public sealed class MigrationLockTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Two_nodes_starting_at_once_on_a_fresh_PostgreSQL_database_both_come_up_with_every_migration_applied_once()
    {
        var connection = await postgres.CreateDatabaseAsync();
        using var node1 = OnPostgres(connection);
        using var node2 = OnPostgres(connection);

        // Both hosts migrate in parallel threads: EF Core's migration lock makes one wait for the other.
        var clients = await Task.WhenAll(Task.Run(node1.CreateClient), Task.Run(node2.CreateClient));

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            client.Dispose();
        }
        await using var scope = node1.Services.CreateAsyncScope();
        var known = scope.ServiceProvider.GetRequiredService<SophiaDb>().Database.GetMigrations().ToList();
        await using var database = new NpgsqlConnection(connection);
        await database.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """, database);
        var applied = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }
        }
        Assert.Equal(known, applied);
    }

    private static SophiaFactory OnPostgres(string connection)
    {
        var factory = new SophiaFactory();
        factory.Settings["Sophia:Database:Provider"] = "Postgres";
        factory.Settings["Sophia:Database:ConnectionString"] = connection;
        factory.Settings["Sophia:Secrets:MasterKey"] = SophiaFactory.PostgresMasterKey;
        factory.Settings["Sophia:Demo"] = "false";
        return factory;
    }
}
