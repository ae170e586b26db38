using Microsoft.Data.Sqlite;
using Sophia.Model.Data;

namespace Sophia.Server.Hosting;

/// <summary>
/// <c>backup FILE</c> and <c>restore FILE</c>, commands of the host instead of <c>run</c>: what follows the file is read
/// like <c>run</c>'s settings (with appsettings.json and the environment), so that they find the same database.
/// </summary>
public static class DatabaseCommands
{
    public static bool IsCommand(string[] args) => args is ["backup" or "restore", ..];

    /// <summary>Runs the command; 0 on success, 1 when it failed, 2 when it cannot apply (usage, PostgreSQL).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var command = args[0];
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            error.WriteLine($"Usage: Sophia.Server {command} <file> [the settings given to run, e.g. --Sophia:DataDirectory=/var/lib/sophia]");
            return 2;
        }
        var configuration = WebApplication.CreateBuilder(SophiaArguments.Options(args[2..])).Configuration;
        var database = DataServiceCollectionExtensions.ReadOptions(configuration);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            error.WriteLine($"{command} is for the SQLite database; on PostgreSQL use pg_dump and pg_restore (README, \"Backups and upgrades\").");
            return 2;
        }
        // The connection string run would use, without creating the file when it is missing: nothing to back up then.
        var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetFullPath(database.DataDirectory), DataServiceCollectionExtensions.DatabaseFileName) }.ToString()
            : database.ConnectionString;
        try
        {
            if (command == "backup")
            {
                SqliteBackup.Backup(connectionString, args[1]);
                output.WriteLine($"Backup written to {Path.GetFullPath(args[1])} (mode 0600). Its secrets are encrypted: it is "
                    + "useless without the master key (secrets.key in the data directory, or Sophia:Secrets:MasterKey), which must be kept apart.");
            }
            else
            {
                SqliteBackup.Restore(args[1], connectionString);
                output.WriteLine($"{Path.GetFullPath(args[1])} restored to {new SqliteConnectionStringBuilder(connectionString).DataSource}. "
                    + "Start Sophia with the master key the backup was taken under.");
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or SqliteException or IOException)
        {
            error.WriteLine($"{command} failed: {e.Message}");
            return 1;
        }
    }
}
