using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Model.Registration;

namespace Sophia.Registration.Jobs;

/// <summary>Forgets transitions and finished resync campaigns older than <see cref="RegistrationTrackingOptions.HistoryDays"/>.</summary>
public sealed partial class PruneJob(SophiaDb db, IOptions<RegistrationTrackingOptions> options, TimeProvider time, ILogger<PruneJob> logger)
{
    public const string RecurringId = "registration-prune";

    /// <summary>Idempotent: a second run on another node finds nothing older than the cut-off.</summary>
    [AutomaticRetry(Attempts = 1)]
    [DisplayName("Prune registration history")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.HistoryDays);
        var transitions = await db.RegistrationHistory.Where(h => h.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        var finished = db.ResyncCampaigns.Where(c => c.State != ResyncCampaignState.Running && c.FinishedAt < cutoff).Select(c => c.Id);
        await db.ResyncTargets.Where(t => finished.Contains(t.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        var campaigns = await db.ResyncCampaigns.Where(c => c.State != ResyncCampaignState.Running && c.FinishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (transitions + campaigns > 0)
        {
            LogPruned(transitions, campaigns, cutoff);
        }
        return transitions + campaigns;
    }

    [LoggerMessage(EventId = 5130, Level = LogLevel.Information, Message = "Pruned {Transitions} transitions and {Campaigns} resync campaigns older than {Cutoff:u}")]
    private partial void LogPruned(int transitions, int campaigns, DateTimeOffset cutoff);
}
