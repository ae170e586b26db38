using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Parc.Demo;

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
            LogMigrated(log, db.Database.ProviderName ?? "?");
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

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Demo parc loaded")]
    private static partial void LogDemoLoaded(ILogger logger);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "--demo ignored: the database already holds a parc")]
    private static partial void LogDemoSkipped(ILogger logger);
}
