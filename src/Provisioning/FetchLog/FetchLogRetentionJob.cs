using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;

namespace Sophia.Provisioning.FetchLog;

/// <summary>Forgets fetch events and unknown devices older than <see cref="FetchLogOptions"/> says.</summary>
public sealed partial class FetchLogRetentionJob(SophiaDb db, IOptions<FetchLogOptions> options, TimeProvider time, ILogger<FetchLogRetentionJob> logger)
{
    public const string RecurringId = "fetch-log-retention";

    /// <summary>Idempotent: a second run on another node finds nothing older than the cut-offs.</summary>
    [AutomaticRetry(Attempts = 1)]
    [DisplayName("Prune the fetch log and unknown devices")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var events = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var devices = now - TimeSpan.FromDays(options.Value.UnknownDeviceRetentionDays);
        var deletedEvents = await db.FetchEvents.Where(f => f.At < events).ExecuteDeleteAsync(cancellationToken);
        var deletedDevices = await db.UnknownDevices.Where(d => d.LastSeen < devices).ExecuteDeleteAsync(cancellationToken);
        if (deletedEvents + deletedDevices > 0)
        {
            LogPruned(deletedEvents, events, deletedDevices, devices);
        }
        return deletedEvents + deletedDevices;
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information,
        Message = "Pruned {Events} fetch events older than {EventsCutoff:u} and {Devices} unknown devices unseen since {DevicesCutoff:u}")]
    private partial void LogPruned(int events, DateTimeOffset eventsCutoff, int devices, DateTimeOffset devicesCutoff);
}

/// <summary>
/// Puts the retention in Hangfire's schedule at start; several nodes registering the same id leave one job, run by
/// one node per occurrence.
/// </summary>
internal sealed class FetchLogSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<FetchLogRetentionJob>(FetchLogRetentionJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly(41),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
