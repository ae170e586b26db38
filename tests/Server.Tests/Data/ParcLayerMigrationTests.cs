using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Sophia.Model.Data;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Data;

/// <summary>
/// The ParcLayer migration turns the free-text call-restriction profiles users had into their client's list of profiles,
/// each user pointing at the profile of the name they had; a database from before it loses nothing.
/// </summary>
public sealed class ParcLayerMigrationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Free_text_profiles_become_the_clients_list_on_SQLite()
    {
        var directory = Directory.CreateTempSubdirectory("sophia-migration-").FullName;
        try
        {
            await using var db = SophiaDbOptions.Sqlite($"Data Source={Path.Combine(directory, "sophia.db")}", TimeProvider.System);
            await CheckAsync(db, "20261127214331_Registration");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Free_text_profiles_become_the_clients_list_on_PostgreSQL()
    {
        var connection = await postgres.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<PostgresSophiaDb>().UseSophiaPostgres(connection, TimeProvider.System).Options;
        await using var db = new PostgresSophiaDb((DbContextOptions<PostgresSophiaDb>)options);
        await CheckAsync(db, "20261127214348_Registration");
    }

    private static async Task CheckAsync(SophiaDb db, string before)
    {
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(before);
        // Each provider stores a list of networks its own way: JSON text on SQLite, an array on PostgreSQL.
        var noNetworks = db.Database.IsSqlite() ? "'[]'" : "ARRAY[]::text[]";
        var setup = $"""
            INSERT INTO "Clients" ("OperatorId", "Name", "SipDomain", "ProvisioningUser", "ProvisioningPassword", "RegistrarHost", "RegistrarPort", "RegistrarTransport", "Version")
            VALUES (1, 'A', 'a.example', 'a', 'password-a', 'sip.a.example', 5060, 'Udp', 1), (1, 'B', 'b.example', 'b', 'password-b', 'sip.b.example', 5060, 'Udp', 1);
            INSERT INTO "Sites" ("ClientId", "Name", "TimeZone", "TftpAllowedNetworks", "Version")
            VALUES (1, 'S', 'Europe/Paris', {noNetworks}, 1), (2, 'S', 'Europe/Paris', {noNetworks}, 1);
            """;
        await db.Database.ExecuteSqlRawAsync(setup);
        foreach (var (client, login, profile) in new[] { (1, "u1@a.example", "International"), (1, "u2@a.example", "International"),
            (1, "u3@a.example", "Interne"), (1, "u4@a.example", null), (2, "u5@b.example", "International") })
        {
            var sipUser = login.Split('@')[0];
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Users" ("ClientId", "SiteId", "LastName", "Language", "Login", "AccountType", "Services", "SipUsername", "SipPassword", "CallRestrictionProfile", "Version")
                VALUES ({client}, {client}, 'N', 'fr', {login}, 'Individual', 1, {sipUser}, 'secret', {profile}, 1);
                """);
        }

        await migrator.MigrateAsync();

        var profiles = await db.CallRestrictionProfiles.AsNoTracking().OrderBy(p => p.ClientId).ThenBy(p => p.Name)
            .Select(p => new { p.ClientId, p.Name, p.Allowed }).ToListAsync();
        Assert.Equal([(1, "International"), (1, "Interne"), (2, "International")], profiles.Select(p => (p.ClientId, p.Name)));
        Assert.All(profiles, p => Assert.Equal(Sophia.Model.Parc.CallCategories.All, p.Allowed));
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Login)
            .Select(u => new { u.Login, Profile = u.CallRestrictionProfile == null ? null : u.CallRestrictionProfile.Name, ProfileClient = u.CallRestrictionProfile == null ? 0 : u.CallRestrictionProfile.ClientId })
            .ToListAsync();
        Assert.Equal(
            [("u1@a.example", "International", 1), ("u2@a.example", "International", 1), ("u3@a.example", "Interne", 1), ("u4@a.example", null, 0), ("u5@b.example", "International", 2)],
            users.Select(u => (u.Login, u.Profile, u.ProfileClient)));
    }
}
