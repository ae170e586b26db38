using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Secrets;
using Sophia.Parc.Demo;
using Sophia.Parc.Users;

namespace Sophia.Server.Hosting;

public static partial class DatabaseStartup
{
    /// <summary>Applies the migrations of the configured provider and, with <c>--demo</c> on an empty database, loads the demo parc.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            await MigrateOnceAsync(db, log);
            await db.UseWriteAheadLogAsync();
            RestrictSqliteFiles(db);
            LogMigrated(log, db.Database.ProviderName ?? "?");
            // Before serving: what an earlier version stored in clear is encrypted, or hashed for PINs.
            var encrypted = await scope.ServiceProvider.GetRequiredService<SecretStore>().SecureAsync(CancellationToken.None);
            var pins = await OutgoingPins.HashClearPinsAsync(db, scope.ServiceProvider.GetRequiredService<IPasswordHasher<object>>(), CancellationToken.None);
            if (pins > 0)
            {
                LogPinsHashed(log, pins);
            }
            if (encrypted + pins > 0)
            {
                await db.ScrubAsync();
            }
            if (app.Configuration.GetValue<bool>("Sophia:Demo"))
            {
                var loader = scope.ServiceProvider.GetRequiredService<DemoParc>();
                if (await loader.LoadIfEmptyAsync())
                {
                    LogDemoLoaded(log);
                }
                else
                {
                    LogDemoSkipped(log);
                }
            }
        }
        app.Services.GetRequiredService<Readiness>().MarkReady();
    }

    /// <summary>
    /// Migrates, on PostgreSQL under a session advisory lock that nodes starting together queue on: one applies the
    /// migrations, the others wait, then read the history again and find nothing to do. EF Core 10's own migration lock
    /// is not enough: two nodes on a fresh database were seen applying the same migration (a column added twice).
    /// </summary>
    private static async Task MigrateOnceAsync(SophiaDb db, ILogger log)
    {
        if (!db.Database.IsNpgsql())
        {
            await RefuseUnknownMigrationsAsync(db, log);
            await db.Database.MigrateAsync();
            return;
        }
        // The lock belongs to the session: the one connection is kept open for the lock, the migrations and the unlock.
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync(LockMigrations);
            try
            {
                await RefuseUnknownMigrationsAsync(db, log);
                await db.Database.MigrateAsync();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync(UnlockMigrations);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Sophia's advisory lock id for its migrations: any constant that no other application of the database uses.
    private const string LockMigrations = "SELECT pg_advisory_lock(7237117517545293)";
    private const string UnlockMigrations = "SELECT pg_advisory_unlock(7237117517545293)";

    /// <summary>
    /// A database that a newer version migrated holds migrations this build does not know: running on a schema it does
    /// not understand could lose what the newer version stores, so the host refuses to start and names them.
    /// </summary>
    private static async Task RefuseUnknownMigrationsAsync(SophiaDb db, ILogger log)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync()).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            var names = string.Join(", ", unknown);
            LogUnknownMigrations(log, names);
            throw new InvalidOperationException(
                $"The database was migrated by a newer version of Sophia: migrations {names} are unknown to this version, which refuses "
                + "to run on a schema it does not understand. Start the newer version again, or restore a backup taken before the upgrade.");
        }
    }

    /// <summary>A database made by an earlier version (or by hand) is made 0600 too, with its -wal and -shm.</summary>
    private static void RestrictSqliteFiles(SophiaDb db)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (file.Length > 0 && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            DataDirectory.RestrictFiles(file, file + "-wal", file + "-shm");
            // Kept for the process's life (released by the OS at exit): a restore onto this database is refused meanwhile.
            var path = Path.GetFullPath(file);
            if (!HostLocks.ContainsKey(path) && SqliteBackup.TryHold(path) is { } held)
            {
                HostLocks[path] = held;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IDisposable> HostLocks = new(StringComparer.Ordinal);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Critical, Message = "Start refused: the database carries migrations unknown to this version ({Migrations})")]
    private static partial void LogUnknownMigrations(ILogger logger, string migrations);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "{Count} outgoing PIN(s) stored in clear hashed")]
    private static partial void LogPinsHashed(ILogger logger, int count);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Demo parc loaded")]
    private static partial void LogDemoLoaded(ILogger logger);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "--demo ignored: the database already holds a parc")]
    private static partial void LogDemoSkipped(ILogger logger);
}
