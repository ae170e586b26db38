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
            await db.Database.MigrateAsync();
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
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "{Count} outgoing PIN(s) stored in clear hashed")]
    private static partial void LogPinsHashed(ILogger logger, int count);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Demo parc loaded")]
    private static partial void LogDemoLoaded(ILogger logger);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "--demo ignored: the database already holds a parc")]
    private static partial void LogDemoSkipped(ILogger logger);
}
