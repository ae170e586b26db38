using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Provisioning;
using Sophia.Registration.Resync;

namespace Sophia.Registration.Jobs;

/// <summary>
/// Puts the module's recurring jobs in Hangfire's schedule at start. Hangfire keeps one schedule per storage, so
/// several nodes registering the same ids leave one job each, run by one node per occurrence.
/// </summary>
public sealed partial class RegistrationSchedule(
    IRecurringJobManager recurring, IOptions<RegistrationTrackingOptions> options, IProvisioningDrift drift, ILogger<RegistrationSchedule> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Resync.Automatic && drift.Unavailable is { } reason)
        {
            LogNoAutomaticResync(reason);
        }
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        if (options.Value.ReconcileCron is { } cron)
        {
            recurring.AddOrUpdate<ReconcileJob>(ReconcileJob.RecurringId, j => j.RunScheduledAsync(CancellationToken.None), cron, utc);
        }
        else
        {
            recurring.RemoveIfExists(ReconcileJob.RecurringId);
        }
        // Picks up campaigns whose pump died with its node, and the automatic resyncs.
        recurring.AddOrUpdate<ResyncPump>(ResyncPump.RecurringId, p => p.RunAsync(CancellationToken.None), Cron.Minutely(), utc);
        recurring.AddOrUpdate<ConfigChangeResyncJob>(ConfigChangeResyncJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely(), utc);
        recurring.AddOrUpdate<PruneJob>(PruneJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly(17), utc);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5140, Level = LogLevel.Warning, Message = "Phones will not be resynced automatically after config changes: {Reason}")]
    private partial void LogNoAutomaticResync(string reason);
}
