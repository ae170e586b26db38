using Sophia.Registration.Sip;

namespace Sophia.Registration.Jobs;

/// <summary>How registrations are tracked, section <c>Sophia:Registration</c>.</summary>
public sealed class RegistrationTrackingOptions
{
    public const string Section = "Sophia:Registration";

    /// <summary>Less than T1 would give up before the first retransmission: no chance for a phone over a slow link.</summary>
    private static readonly TimeSpan MinProbeTimeout = SipTimers.Default.T1;

    /// <summary>
    /// Seconds between two scheduled reconciliations: a divisor of a minute, of an hour (whole minutes) or of a day
    /// (whole hours); 0 schedules none (reconciliations run only when asked for).
    /// </summary>
    public int ReconcileSeconds { get; set; } = 60;

    /// <summary>Days a state transition (and a finished resync campaign) is kept.</summary>
    public int HistoryDays { get; set; } = 30;

    /// <summary>Devices read and written per database round trip.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// OPTIONS probes in flight at once in the sweep of phones no registrar serves. With <see cref="ProbeTimeout"/> it
    /// bounds a sweep: N phones that all stay silent take about N / ProbeConcurrency * ProbeTimeout (10,000 phones:
    /// 80 s with the defaults), and at most ProbeConcurrency / ProbeTimeout new probes start per second.
    /// </summary>
    public int ProbeConcurrency { get; set; } = 500;

    /// <summary>
    /// How long the sweep waits for a phone to answer OPTIONS before it counts as unreachable: shorter than Timer F
    /// (<c>Sophia:Registration:Sip:TransactionTimeout</c>, 32 s, still used by a single check), so that silent phones
    /// behind NAT do not hold a sweep for hours. Retransmissions follow T1/T2 within it; capped at Timer F.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(4);

    public ResyncOptions Resync { get; set; } = new();

    /// <summary>
    /// A state nobody refreshed for this long reads as unknown: three missed reconciliations, at least three minutes.
    /// </summary>
    public TimeSpan StaleAfter => TimeSpan.FromSeconds(Math.Max(3 * ReconcileSeconds, 180));

    /// <summary>The Hangfire schedule that fires the reconciliation (Hangfire cron accepts a seconds field); null for none.</summary>
    public string? ReconcileCron => ReconcileSeconds == 0 ? null
        : ReconcileSeconds < 60
        ? $"*/{ReconcileSeconds} * * * * *"
        : ReconcileSeconds < 3600 ? $"*/{ReconcileSeconds / 60} * * * *"
        : $"0 */{ReconcileSeconds / 3600} * * *";

    internal IEnumerable<string> Validate()
    {
        var fits = ReconcileSeconds switch
        {
            0 => true,
            < 1 => false,
            < 60 => 60 % ReconcileSeconds == 0,
            < 3600 => ReconcileSeconds % 60 == 0 && 60 % (ReconcileSeconds / 60) == 0,
            _ => ReconcileSeconds % 3600 == 0 && ReconcileSeconds / 3600 < 24 && 24 % (ReconcileSeconds / 3600) == 0,
        };
        if (!fits)
        {
            yield return $"{Section}:ReconcileSeconds {ReconcileSeconds} must divide a minute, an hour or a day (e.g. 30, 60, 300, 3600).";
        }
        if (HistoryDays < 1)
        {
            yield return $"{Section}:HistoryDays must be at least 1.";
        }
        if (BatchSize is < 1 or > 10_000)
        {
            yield return $"{Section}:BatchSize must be between 1 and 10000.";
        }
        if (ProbeConcurrency is < 1 or > 1000)
        {
            yield return $"{Section}:ProbeConcurrency must be between 1 and 1000.";
        }
        if (ProbeTimeout < MinProbeTimeout || ProbeTimeout > SipTimers.Default.TimerF)
        {
            yield return $"{Section}:ProbeTimeout {ProbeTimeout:c} must be between {MinProbeTimeout:c} and Timer F ({SipTimers.Default.TimerF:c}).";
        }
        foreach (var error in Resync.Validate())
        {
            yield return error;
        }
    }
}

/// <summary>How check-sync NOTIFYs are paced, section <c>Sophia:Registration:Resync</c>.</summary>
public sealed class ResyncOptions
{
    public const string Section = RegistrationTrackingOptions.Section + ":Resync";

    /// <summary>NOTIFYs sent per second, all campaigns together.</summary>
    public int PerSecond { get; set; } = 5;

    /// <summary>NOTIFYs sent to the phones of one site per minute: a site's link carries the config fetches that follow.</summary>
    public int PerSite { get; set; } = 20;

    /// <summary>
    /// Seconds a client's configuration must stay unchanged before its phones are resynced automatically, so that
    /// a burst of edits makes one resync, not one per edit.
    /// </summary>
    public int QuietSeconds { get; set; } = 120;

    /// <summary>Whether a change that alters a phone's rendered config resyncs it automatically.</summary>
    public bool Automatic { get; set; } = true;

    internal IEnumerable<string> Validate()
    {
        if (PerSecond is < 1 or > 1000)
        {
            yield return $"{Section}:PerSecond must be between 1 and 1000.";
        }
        if (PerSite < 1)
        {
            yield return $"{Section}:PerSite must be at least 1.";
        }
        if (QuietSeconds < 0)
        {
            yield return $"{Section}:QuietSeconds must not be negative.";
        }
    }
}
