using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;

namespace Sophia.Provisioning.Uploads;

/// <summary>Forgets what phones uploaded more than <see cref="UploadOptions.RetentionDays"/> ago.</summary>
public sealed partial class PhoneUploadRetentionJob(SophiaDb db, IOptions<UploadOptions> options, TimeProvider time, ILogger<PhoneUploadRetentionJob> logger)
{
    public const string RecurringId = "phone-upload-retention";

    /// <summary>Idempotent: a second run on another node finds nothing older than the cut-off.</summary>
    [AutomaticRetry(Attempts = 1)]
    [DisplayName("Prune what phones uploaded")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var deleted = await db.PhoneUploads.Where(u => u.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPruned(deleted, cutoff);
        }
        return deleted;
    }

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "Pruned {Count} phone uploads older than {Cutoff:u}")]
    private partial void LogPruned(int count, DateTimeOffset cutoff);
}

/// <summary>Puts the retention in Hangfire's schedule at start (one job whatever the number of nodes).</summary>
internal sealed class PhoneUploadSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PhoneUploadRetentionJob>(PhoneUploadRetentionJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly(43),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
