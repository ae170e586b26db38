using Sophia.Registration.Diagnostics;

namespace Sophia.Server.Console.Helpdesk;

/// <summary>One stretch of time spent in one state, placed on the timeline (x and width in the drawing's units).</summary>
public sealed record TimelineSegment(string State, DateTimeOffset From, DateTimeOffset To, double X, double Width);

/// <summary>A change of state, placed where it happened, with the reason the tracker gave.</summary>
public sealed record TimelineMark(string From, string To, DateTimeOffset At, string Reason, double X);

/// <summary>
/// A phone's registration over time as the device page draws it: each state a coloured stretch from the oldest change
/// kept to now, each change a mark. Geometry only (what the SVG needs); the words are the page's.
/// </summary>
public sealed class RegistrationTimeline
{
    public const double Width = 1000;

    /// <summary>The narrowest a stretch is drawn, so that a state held for seconds in a month still shows.</summary>
    private const double MinWidth = 2;

    private RegistrationTimeline(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<TimelineSegment> segments, IReadOnlyList<TimelineMark> marks)
    {
        Start = start;
        End = end;
        Segments = segments;
        Marks = marks;
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }
    public IReadOnlyList<TimelineSegment> Segments { get; }
    public IReadOnlyList<TimelineMark> Marks { get; }

    /// <summary>Nothing to draw: the phone was never checked.</summary>
    public bool Empty => Segments.Count == 0;

    /// <param name="transitions">The recent changes, in any order (the status lists the newest first).</param>
    /// <param name="current">The state as it reads now: a record nobody refreshed reads as unknown from when it was last checked.</param>
    public static RegistrationTimeline From(IReadOnlyList<TransitionDto> transitions, RegistrationDto current, DateTimeOffset now)
    {
        var changes = transitions.OrderBy(t => t.At).ToList();
        var stretches = new List<(string State, DateTimeOffset From, DateTimeOffset To)>();
        for (var i = 0; i < changes.Count; i++)
        {
            var to = i + 1 < changes.Count ? changes[i + 1].At : now;
            stretches.Add((changes[i].To, changes[i].At, to));
        }
        if (stretches.Count == 0 && current.Since is { } since)
        {
            stretches.Add((current.State, since, now));
        }
        else if (stretches.Count > 0 && stretches[^1].State != current.State && current.Since is { } stale && stale > stretches[^1].From && stale < now)
        {
            // The last known state held until the last check; since then nobody knows.
            var last = stretches[^1];
            stretches[^1] = (last.State, last.From, stale);
            stretches.Add((current.State, stale, now));
        }
        if (stretches.Count == 0)
        {
            return new RegistrationTimeline(now, now, [], []);
        }

        var start = stretches[0].From;
        // A phone checked a moment ago still gets a drawing of some length: its state so far, across the whole width.
        var end = now > start ? now : start.AddSeconds(1);
        var span = (end - start).TotalSeconds;
        double X(DateTimeOffset at) => Math.Clamp((at - start).TotalSeconds / span * Width, 0, Width);
        var segments = stretches.Select(s =>
        {
            var to = s.To >= now ? end : s.To;
            return new TimelineSegment(s.State, s.From, s.To, X(s.From), Math.Max(MinWidth, X(to) - X(s.From)));
        }).ToList();
        var marks = changes.Select(c => new TimelineMark(c.From, c.To, c.At, c.Reason, X(c.At))).ToList();
        return new RegistrationTimeline(start, end, segments, marks);
    }
}
