using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.Http;
using Sophia.Provisioning.Serving;

namespace Sophia.Provisioning.FetchLog;

/// <summary>
/// Records every provisioning request without slowing it: requests queue an event, and a background writer
/// saves them in batches, with the "unknown device seen" records. When the queue is full (the database is far
/// behind), new events are dropped and counted rather than making phones wait. Failed requests, which anyone can
/// send, are written up to <see cref="FetchLogOptions.FailuresPerSourcePerMinute"/> per source address; the rest
/// are counted and summarised in the log once a minute.
/// </summary>
public sealed partial class FetchLogWriter(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<FetchLogOptions> options, ProvisioningMetrics metrics, ILogger<FetchLogWriter> log)
    : BackgroundService
{
    public const int Capacity = 100_000;
    public const int BatchSize = 1_000;

    /// <summary>Longest User-Agent stored: real phones send under a hundred characters; the rest is an attacker's.</summary>
    public const int MaxUserAgentLength = 256;

    private static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);
    private readonly FailureLimiter failuresPerSource = new(time, options.Value.FailuresPerSourcePerMinute, SummaryInterval);
    private readonly object summaryLock = new();
    private Dictionary<string, long> notWritten = new(StringComparer.Ordinal);
    private DateTimeOffset summarySince = time.GetUtcNow();
    private long notWrittenTotal;

    private readonly Channel<Queued> queue = Channel.CreateBounded<Queued>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long dropped;
    private long queued;
    private long written;

    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Failed requests not written because their source was over its bound.</summary>
    public long NotWritten => Interlocked.Read(ref notWrittenTotal);
    public long Written => Interlocked.Read(ref written);

    /// <summary>Events queued and not yet taken by the writer.</summary>
    public long QueueDepth => queue.Reader.Count;

    /// <summary>
    /// Queues an event; <paramref name="unknownDevice"/> also records the MAC as an unknown device seen, and null
    /// (the request did not look the MAC up) leaves it to the writer to find out, for the whole batch at once.
    /// </summary>
    public void Record(FetchEvent fetch, bool? unknownDevice = false)
    {
        // Every request counts in the metrics, the failures the fetch log does not write included.
        metrics.Request(fetch);
        if (fetch.Status is not (200 or 204 or 304) && !AdmitFailure(fetch.SourceIp))
        {
            return;
        }
        if (fetch.UserAgent is { Length: > MaxUserAgentLength } agent)
        {
            fetch.UserAgent = agent[..MaxUserAgentLength];
        }
        if (unknownDevice is true)
        {
            MarkUnknown(fetch);
        }
        if (queue.Writer.TryWrite(new Queued(fetch, CheckMac: unknownDevice is null && fetch.Mac is not null)))
        {
            Interlocked.Increment(ref queued);
        }
        else
        {
            Interlocked.Increment(ref dropped);
        }
    }

    /// <summary>Counts a failed request of <paramref name="source"/>; false when the source is over its bound for this minute.</summary>
    private bool AdmitFailure(string source)
    {
        if (failuresPerSource.BlockedFor(source) is null)
        {
            failuresPerSource.RecordFailure(source);
            return true;
        }
        Interlocked.Increment(ref notWrittenTotal);
        Dictionary<string, long>? summary = null;
        DateTimeOffset since;
        lock (summaryLock)
        {
            notWritten[source] = notWritten.GetValueOrDefault(source) + 1;
            since = summarySince;
            if (time.GetUtcNow() - summarySince >= SummaryInterval)
            {
                (summary, notWritten) = (notWritten, new(StringComparer.Ordinal));
                summarySince = time.GetUtcNow();
            }
        }
        if (summary is not null)
        {
            var top = summary.MaxBy(s => s.Value);
            LogNotWritten(log, summary.Values.Sum(), summary.Count, since, top.Key, top.Value);
        }
        return false;
    }

    public const string UnknownNote = "unknown device";

    private static void MarkUnknown(FetchEvent fetch) =>
        fetch.Note = fetch.Note is null ? UnknownNote : $"{UnknownNote}; {fetch.Note}";

    private sealed record Queued(FetchEvent Event, bool CheckMac);

    /// <summary>Waits until everything queued so far is written (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        // Counted at queueing: a batch the writer has taken but not yet saved is still waited for.
        var target = Interlocked.Read(ref queued);
        while (Interlocked.Read(ref written) < target && !ct.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.Observe(this);
        var batch = new List<Queued>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < BatchSize && queue.Reader.TryRead(out var fetch))
                {
                    batch.Add(fetch);
                }
                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (queue.Reader.TryRead(out var fetch))
            {
                batch.Add(fetch);
            }
            await WriteAsync(batch, CancellationToken.None);
        }
    }

    private static readonly string[] Columns =
    [
        nameof(FetchEvent.At), nameof(FetchEvent.Protocol), nameof(FetchEvent.SourceIp), nameof(FetchEvent.UserAgent),
        nameof(FetchEvent.Mac), nameof(FetchEvent.File), nameof(FetchEvent.Status), nameof(FetchEvent.Bytes),
        nameof(FetchEvent.Version), nameof(FetchEvent.DurationMs), nameof(FetchEvent.Note), nameof(FetchEvent.Authentication),
    ];

    // One transaction and one prepared INSERT per batch: EF's tracked inserts cost more than the phone requests
    // they record during a boot storm.
    private async Task WriteAsync(List<Queued> queued, CancellationToken ct)
    {
        if (queued.Count == 0)
        {
            return;
        }
        var batch = queued.ConvertAll(q => q.Event);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            await MarkUnknownAsync(db, queued, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await RecordUnknownAsync(db, batch, ct))
            {
                await db.SaveChangesAsync(ct);
                await CapUnknownAsync(db, options.Value.MaxUnknownDevices, ct);
            }
            await using (var insert = StoreCommand.Insert<FetchEvent>(db, Columns))
            {
                foreach (var f in batch)
                {
                    await insert.ExecuteAsync([f.At, f.Protocol, f.SourceIp, f.UserAgent, f.Mac, f.File, f.Status, f.Bytes, f.Version, f.DurationMs, f.Note, f.Authentication], ct);
                }
            }
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
        {
            LogWriteFailed(log, e, batch.Count);
        }
        finally
        {
            Interlocked.Add(ref written, batch.Count);
        }
    }

    /// <summary>Notes, among the events whose MAC the request did not look up, those of a MAC in no stock.</summary>
    private static async Task MarkUnknownAsync(SophiaDb db, List<Queued> queued, CancellationToken ct)
    {
        var notLookedUp = queued.Where(q => q.CheckMac).Select(q => q.Event).ToList();
        if (notLookedUp.Count == 0)
        {
            return;
        }
        var macs = notLookedUp.Select(f => MacAddress.TryParse(f.Mac!, out var mac) ? mac : (MacAddress?)null)
            .OfType<MacAddress>().Distinct().ToList();
        var known = (await db.Equipment.AsNoTracking().Where(e => macs.Contains(e.Mac)).Select(e => e.Mac).ToListAsync(ct))
            .Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var fetch in notLookedUp.Where(f => !known.Contains(f.Mac!)))
        {
            MarkUnknown(fetch);
        }
    }

    /// <summary>Adds or updates the unknown devices the batch saw; false when it saw none.</summary>
    private static async Task<bool> RecordUnknownAsync(SophiaDb db, List<FetchEvent> batch, CancellationToken ct)
    {
        var unknown = batch.Where(f => f.Mac is not null && f.Note?.StartsWith(UnknownNote, StringComparison.Ordinal) == true)
            .GroupBy(f => f.Mac!).ToList();
        if (unknown.Count == 0)
        {
            return false;
        }
        var macs = unknown.Select(g => g.Key).ToList();
        var existing = await db.UnknownDevices.Where(d => macs.Contains(d.Mac)).ToDictionaryAsync(d => d.Mac, ct);
        foreach (var group in unknown)
        {
            var last = group.MaxBy(f => f.At)!;
            if (!existing.TryGetValue(group.Key, out var device))
            {
                device = new UnknownDevice { Mac = group.Key, FirstSeen = group.Min(f => f.At), LastIp = last.SourceIp };
                db.UnknownDevices.Add(device);
            }
            device.LastSeen = last.At;
            device.LastIp = last.SourceIp;
            device.LastUserAgent = last.UserAgent ?? device.LastUserAgent;
            device.Requests += group.Count();
            foreach (var fetch in group.OrderBy(f => f.At))
            {
                UnknownDeviceIdentity.Apply(device, fetch.UserAgent);
            }
            db.Entry(device).State = device.Id == 0 ? EntityState.Added : EntityState.Modified;
        }
        return true;
    }

    /// <summary>Drops the longest unseen unknown devices beyond <paramref name="cap"/>, so that made-up MACs cannot fill the table.</summary>
    private static async Task CapUnknownAsync(SophiaDb db, int cap, CancellationToken ct)
    {
        var excess = await db.UnknownDevices.CountAsync(ct) - cap;
        if (excess > 0)
        {
            var oldest = db.UnknownDevices.OrderBy(d => d.LastSeen).ThenBy(d => d.Id).Take(excess).Select(d => d.Id);
            await db.UnknownDevices.Where(d => oldest.Contains(d.Id)).ExecuteDeleteAsync(ct);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "{Count} failed provisioning requests from {Sources} source addresses since {Since:u} were not written to the fetch log (over Sophia:Provisioning:FetchLog:FailuresPerSourcePerMinute); most from {TopSource} ({TopCount})")]
    private static partial void LogNotWritten(ILogger logger, long count, int sources, DateTimeOffset since, string topSource, long topCount);

    [LoggerMessage(EventId = 3100, Level = LogLevel.Error, Message = "Could not write {Count} fetch log events")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
