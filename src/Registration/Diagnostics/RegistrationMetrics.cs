using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;

namespace Sophia.Registration.Diagnostics;

/// <summary>
/// What registration tracking measures (meter <see cref="MeterName"/>): phones per client and registration state,
/// reconciliation and resync-campaign durations by outcome. The client label is its id (a few hundred values at most);
/// no label names a phone, a user or a number.
/// </summary>
public sealed class RegistrationMetrics
{
    public const string MeterName = "Sophia.Registration";

    /// <summary>How long one count of the phones per state serves scrapes: a scrape every few seconds is one query a while.</summary>
    public static readonly TimeSpan StatesCacheLifetime = TimeSpan.FromSeconds(15);

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider time;
    private readonly Histogram<double> reconcileDuration;
    private readonly Histogram<double> campaignDuration;
    private readonly Lock statesLock = new();
    private (DateTimeOffset At, Measurement<long>[] Counts)? states;

    public RegistrationMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        this.scopes = scopes;
        this.time = time;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("sophia.registration.phones", States, "{phone}",
            "Tracked phones by client id and registration state (the same on every node: the database's)");
        reconcileDuration = meter.CreateHistogram<double>("sophia.registration.reconcile.duration", "s",
            "Reconciliation runs, by outcome (ok, failed: a registrar could not be read, lease_lost)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900] });
        campaignDuration = meter.CreateHistogram<double>("sophia.registration.resync.campaign.duration", "s",
            "Resync campaigns from creation to completion, by outcome (answered: every phone sent to answered; partial)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 7200] });
    }

    public void Reconciled(TimeSpan elapsed, string outcome) =>
        reconcileDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void CampaignCompleted(TimeSpan elapsed, bool everyPhoneAnswered) =>
        campaignDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", everyPhoneAnswered ? "answered" : "partial"));

    private Measurement<long>[] States()
    {
        lock (statesLock)
        {
            if (states is { } cached && time.GetUtcNow() - cached.At < StatesCacheLifetime)
            {
                return cached.Counts;
            }
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            // The scrape is synchronous; one grouped query, cached above.
            var counts = db.RegistrationStatuses.AsNoTracking()
                .GroupBy(s => new { s.Equipment!.ClientId, s.State })
                .Select(g => new { g.Key.ClientId, g.Key.State, Count = g.Count() })
                .ToList()
                .Select(c => new Measurement<long>(c.Count,
                    new KeyValuePair<string, object?>("client", c.ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, object?>("state", c.State)))
                .ToArray();
            states = (time.GetUtcNow(), counts);
            return counts;
        }
    }
}
