using System.Collections.Concurrent;

namespace Sophia.Provisioning.Http;

/// <summary>
/// Counts failed provisioning requests per key (source address, MAC) in fixed windows; a key over its limit is
/// blocked until its window ends. A phone's normal first request (a digest challenge) is not a failure.
/// </summary>
public sealed class FailureLimiter(TimeProvider time, int limit, TimeSpan window)
{
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);
    private long lastSweep;

    /// <summary>How long <paramref name="key"/> is still blocked, or null when it is not.</summary>
    public TimeSpan? BlockedFor(string key)
    {
        if (!windows.TryGetValue(key, out var current))
        {
            return null;
        }
        var remaining = current.Start + window - time.GetUtcNow();
        return current.Count >= limit && remaining > TimeSpan.Zero ? remaining : null;
    }

    public void RecordFailure(string key)
    {
        Sweep();
        var now = time.GetUtcNow();
        windows.AddOrUpdate(key, _ => new Window(now, 1), (_, w) => now - w.Start >= window ? new Window(now, 1) : w with { Count = w.Count + 1 });
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref lastSweep);
        if (now.ToUnixTimeMilliseconds() - last < window.TotalMilliseconds || Interlocked.CompareExchange(ref lastSweep, now.ToUnixTimeMilliseconds(), last) != last)
        {
            return;
        }
        foreach (var (key, w) in windows)
        {
            if (now - w.Start >= window)
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
