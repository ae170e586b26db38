using System.Net;
using Microsoft.Data.Sqlite;
using Sophia.Model.Secrets;
using Sophia.Server.Hosting;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Hosting;

/// <summary>The host's <c>backup</c> and <c>restore</c> commands on the SQLite database, and the refusal of a newer schema.</summary>
public sealed class BackupTests
{
    private const string SeldonPhone = "/prov/001565988c06.cfg";
    private const string SeldonAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";

    [Fact]
    public async Task A_backup_taken_while_phones_fetch_restores_to_a_database_that_serves_the_same_file()
    {
        using var live = new SophiaFactory();
        var expected = await Fetch(live);
        var scratch = Directory.CreateTempSubdirectory("sophia-backup-").FullName;
        try
        {
            var backup = Path.Combine(scratch, "sophia-backup.db");
            // Phones keep fetching (each fetch writes its log) while the backup is taken: bounded, four at a time.
            using var started = new SemaphoreSlim(0);
            var phones = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < 25; i++)
                {
                    Assert.Equal(expected, await Fetch(live));
                    started.Release();
                }
            })).ToList();
            await started.WaitAsync();
            var (code, output, error) = Command("backup", backup, $"--Sophia:DataDirectory={live.DataDirectory}");
            await Task.WhenAll(phones);

            Assert.True(code == 0, error);
            Assert.Contains("master key", output, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(DataDirectory.FileMode, File.GetUnixFileMode(backup));
            }

            // Restored beside the same master key, the copy serves the phone what the live database served it.
            var restored = Directory.CreateDirectory(Path.Combine(scratch, "restored")).FullName;
            File.Copy(Path.Combine(live.DataDirectory, MasterKeys.KeyFileName), Path.Combine(restored, MasterKeys.KeyFileName));
            (code, _, error) = Command("restore", backup, $"--Sophia:DataDirectory={restored}");
            Assert.True(code == 0, error);
            using var fromBackup = new SophiaFactory();
            fromBackup.Settings["Sophia:DataDirectory"] = restored;
            fromBackup.Settings["Sophia:Demo"] = "false";
            Assert.Equal(expected, await Fetch(fromBackup));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task A_restore_onto_the_database_of_a_running_host_is_refused_and_leaves_it_untouched()
    {
        using var live = new SophiaFactory();
        var expected = await Fetch(live);
        var scratch = Directory.CreateTempSubdirectory("sophia-backup-").FullName;
        try
        {
            var backup = Path.Combine(scratch, "sophia-backup.db");
            Assert.Equal(0, Command("backup", backup, $"--Sophia:DataDirectory={live.DataDirectory}").Code);

            var (code, _, error) = Command("restore", backup, $"--Sophia:DataDirectory={live.DataDirectory}");

            Assert.Equal(1, code);
            Assert.Contains("in use", error, StringComparison.Ordinal);
            Assert.Equal(expected, await Fetch(live));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void A_backup_never_overwrites_a_file()
    {
        using var live = new SophiaFactory();
        using var client = live.CreateClient();
        var existing = Path.Combine(live.DataDirectory, "already-there.db");
        File.WriteAllText(existing, "keep me");

        var (code, _, error) = Command("backup", existing, $"--Sophia:DataDirectory={live.DataDirectory}");

        Assert.Equal(1, code);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(existing));
    }

    [Fact]
    public void A_database_migrated_by_a_newer_version_is_refused_at_start_with_the_unknown_migrations_named()
    {
        using var older = new SophiaFactory();
        using (older.CreateClient())
        {
        }
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(older.DataDirectory, "sophia.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0');";
            command.ExecuteNonQuery();
        }
        using var restarted = new SophiaFactory();
        restarted.Settings["Sophia:DataDirectory"] = older.DataDirectory;
        restarted.Settings["Sophia:Demo"] = "false";

        var refused = Assert.ThrowsAny<Exception>(() => restarted.CreateClient());

        Assert.Contains("29991231000000_FromTheFuture are unknown to this version", refused.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> Fetch(SophiaFactory host)
    {
        var phone = new DigestClient(host.CreateClient(), "15rp", "prov-demo", SeldonAgent);
        var response = await phone.GetAsync(SeldonPhone);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("cseldon", body, StringComparison.Ordinal);
        return body;
    }

    private static (int Code, string Output, string Error) Command(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = DatabaseCommands.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
