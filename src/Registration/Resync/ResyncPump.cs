using System.ComponentModel;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Model.Jobs;
using Sophia.Model.Registration;
using Sophia.Registration.Diagnostics;
using Sophia.Registration.Jobs;
using Sophia.Registration.Sip;

namespace Sophia.Registration.Resync;

/// <summary>One second of the pump: how many NOTIFYs it started, how many remain queued, and the sends in flight.</summary>
public sealed record PumpTick(int Started, int Queued, IReadOnlyList<Task> Sends);

/// <summary>
/// Sends the queued NOTIFYs of every running campaign, a few per second: at most
/// <see cref="ResyncOptions.PerSecond"/> started each second, all campaigns together, and at most
/// <see cref="ResyncOptions.PerSite"/> per site within any minute, so a mass resync is spread over time and a site's
/// link never carries all its phones' re-provisioning at once. Sends do not wait for each other: a phone that does not
/// answer (Timer F) does not slow the others. One pump runs at a time across all nodes (a database lease).
/// </summary>
public sealed partial class ResyncPump(
    SophiaDb db,
    ISipProbe sip,
    IServiceScopeFactory scopes,
    IOptions<RegistrationTrackingOptions> options,
    TimeProvider time,
    ILogger<ResyncPump> logger,
    RegistrationMetrics? metrics = null)
{
    public const string RecurringId = "registration-resync-pump";
    public const string LeaseName = "registration-resync-pump";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SiteWindow = TimeSpan.FromMinutes(1);

    /// <summary>A send claimed this long ago and never finished belonged to a node that died: it is queued again.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    private ResyncOptions Settings => options.Value.Resync;

    /// <summary>Pumps until nothing is queued; returns at once when another node is pumping.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Resync campaigns")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var lease = await JobLeases.TryAcquireAsync(db, LeaseName, JobLeases.NewHolder(), LeaseDuration, time, cancellationToken);
        if (lease is null)
        {
            return;
        }
        var inFlight = new List<Task>();
        try
        {
            while (await JobLeases.RenewAsync(db, lease, LeaseDuration, time, cancellationToken))
            {
                var tick = await TickAsync(cancellationToken);
                inFlight.AddRange(tick.Sends);
                inFlight.RemoveAll(t => t.IsCompleted);
                Measure(await ResyncCampaigns.CompleteFinishedAsync(db, time, cancellationToken));
                if (tick.Queued == 0 && inFlight.Count == 0)
                {
                    break;
                }
                await Task.Delay(Tick, time, cancellationToken);
            }
        }
        finally
        {
            await Task.WhenAll(inFlight);
            Measure(await ResyncCampaigns.CompleteFinishedAsync(db, time, CancellationToken.None));
            await JobLeases.ReleaseAsync(db, lease, completed: true, time, CancellationToken.None);
        }
    }

    private void Measure(IReadOnlyList<CompletedCampaign> completed)
    {
        foreach (var campaign in completed)
        {
            metrics?.CampaignCompleted(campaign.Duration, campaign.EveryPhoneAnswered);
        }
    }

    /// <summary>
    /// Claims the next targets that fit the caps and starts their NOTIFYs. Call once per second; each send records
    /// its outcome itself, in its own database scope.
    /// </summary>
    public async Task<PumpTick> TickAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var abandonedBefore = now - Abandoned;
        await db.ResyncTargets.Where(t => t.State == ResyncTargetState.Sending && t.SentAt < abandonedBefore)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.State, ResyncTargetState.Pending), cancellationToken);

        var windowStart = now - SiteWindow;
        var sentPerSite = (await db.ResyncTargets.AsNoTracking().Where(t => t.SentAt > windowStart)
                .GroupBy(t => t.SiteId).Select(g => new { Site = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Site ?? 0, g => g.Count);
        var fullSites = sentPerSite.Where(s => s.Value >= Settings.PerSite).Select(s => s.Key).ToList();

        var queued = db.ResyncTargets.AsNoTracking().Where(t => t.State == ResyncTargetState.Pending
            && db.ResyncCampaigns.Any(c => c.Id == t.CampaignId && c.State == ResyncCampaignState.Running));
        var candidates = await queued.Where(t => !fullSites.Contains(t.SiteId ?? 0))
            .OrderBy(t => t.Id).Take(Settings.PerSecond * 4).ToListAsync(cancellationToken);

        var chosen = new List<ResyncTarget>(Settings.PerSecond);
        foreach (var target in candidates)
        {
            var site = target.SiteId ?? 0;
            if (sentPerSite.GetValueOrDefault(site) >= Settings.PerSite)
            {
                continue;
            }
            sentPerSite[site] = sentPerSite.GetValueOrDefault(site) + 1;
            chosen.Add(target);
            if (chosen.Count == Settings.PerSecond)
            {
                break;
            }
        }
        var ids = chosen.Select(t => t.Id).ToList();
        if (ids.Count > 0)
        {
            await db.ResyncTargets.Where(t => ids.Contains(t.Id) && t.State == ResyncTargetState.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.State, ResyncTargetState.Sending).SetProperty(t => t.SentAt, now), cancellationToken);
        }
        var remaining = await queued.CountAsync(cancellationToken);
        if (ids.Count > 0)
        {
            LogTick(ids.Count, remaining);
        }
        return new PumpTick(chosen.Count, remaining, [.. chosen.Select(t => SendAsync(t, cancellationToken))]);
    }

    private async Task SendAsync(ResyncTarget target, CancellationToken cancellationToken)
    {
        // Off the caller's stack: the tick returns while NOTIFYs wait for their answers.
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        SipOutcome outcome;
        try
        {
            outcome = await PhoneResync.NotifyAsync(sip, new SipTarget(target.Contact!, target.Aor, target.Received), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: queue it again for the next pump rather than report an outcome nobody saw.
            await own.ResyncTargets.Where(t => t.Id == target.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.State, ResyncTargetState.Pending), CancellationToken.None);
            return;
        }
        var now = time.GetUtcNow();
        var state = PhoneResync.TargetState(outcome.Kind);
        var detail = outcome.ToString();
        await own.ResyncTargets.Where(t => t.Id == target.Id).ExecuteUpdateAsync(u => u
            .SetProperty(t => t.State, state).SetProperty(t => t.DoneAt, now)
            .SetProperty(t => t.StatusCode, outcome.StatusCode).SetProperty(t => t.Detail, detail), CancellationToken.None);
        var word = PhoneResync.Word(outcome.Kind);
        await own.RegistrationStatuses.Where(s => s.EquipmentId == target.EquipmentId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastResyncAt, now).SetProperty(s => s.LastResyncOutcome, word), CancellationToken.None);
        LogSent(target.CampaignId, target.EquipmentId, detail);
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Resync pump: {Started} NOTIFYs started, {Queued} still queued")]
    private partial void LogTick(int started, int queued);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Debug, Message = "Resync campaign {CampaignId}, equipment {EquipmentId}: {Outcome}")]
    private partial void LogSent(int campaignId, long equipmentId, string outcome);
}
