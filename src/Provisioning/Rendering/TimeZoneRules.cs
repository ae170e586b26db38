using System.Globalization;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// Turns an IANA zone into the rule phones apply yearly. The zone's actual transitions in the current year are
/// found through <see cref="TimeZoneInfo"/> and written as month / nth weekday / hour, which is how zones state their
/// rules ("last Sunday of March"). Reading the transitions rather than the adjustment rules themselves avoids the
/// per-year fixed-date rules .NET builds from tzdata on Linux, whose times of day are shifted.
/// </summary>
public static class TimeZoneRules
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The setting for <paramref name="zoneId"/> in the year of <paramref name="now"/>, with warnings.</summary>
    public static TimeZoneSetting Compute(string zoneId, DateTimeOffset now, ICollection<string> warnings)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var year = TimeZoneInfo.ConvertTime(now, zone).Year;
        var transitions = FindTransitions(zone, year);
        if (transitions.Count == 0)
        {
            return Create(zoneId, (int)zone.GetUtcOffset(now).TotalMinutes, null);
        }
        if (transitions.Count != 2 || transitions[0].Delta != -transitions[1].Delta)
        {
            warnings.Add($"Time zone {zoneId} changes its offset irregularly in {year}: phones get the offset in effect now, without daylight saving.");
            return Create(zoneId, (int)zone.GetUtcOffset(now).TotalMinutes, null);
        }
        var start = transitions.Single(t => t.Delta > TimeSpan.Zero);
        var end = transitions.Single(t => t.Delta < TimeSpan.Zero);
        var standard = end.After;
        var saving = start.Delta;
        var rule = new DstRule(
            Transition(start.Instant.ToOffset(standard), zoneId, warnings),
            Transition(end.Instant.ToOffset(standard + saving), zoneId, warnings),
            (int)saving.TotalMinutes);
        return Create(zoneId, (int)standard.TotalMinutes, rule);
    }

    private sealed record Change(DateTimeOffset Instant, TimeSpan Before, TimeSpan After)
    {
        public TimeSpan Delta => After - Before;
    }

    // Daily samples find the days whose offset changes; a binary search then finds the minute.
    private static List<Change> FindTransitions(TimeZoneInfo zone, int year)
    {
        var changes = new List<Change>();
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero) - Day;
        var until = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero) + Day;
        var previous = zone.GetUtcOffset(from);
        for (var day = from + Day; day <= until; day += Day)
        {
            var offset = zone.GetUtcOffset(day);
            if (offset == previous)
            {
                continue;
            }
            var low = day - Day;
            var high = day;
            while (high - low > TimeSpan.FromMinutes(1))
            {
                var middle = low + ((high - low) / 2);
                if (zone.GetUtcOffset(middle) == previous)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }
            var instant = new DateTimeOffset(high.Ticks - (high.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
            if (zone.GetUtcOffset(instant) != offset)
            {
                instant += TimeSpan.FromMinutes(1);
            }
            if (instant.ToOffset(offset).Year == year)
            {
                changes.Add(new Change(instant, previous, offset));
            }
            previous = offset;
        }
        return changes;
    }

    private static DstTransition Transition(DateTimeOffset wallClock, string zoneId, ICollection<string> warnings)
    {
        var daysInMonth = DateTime.DaysInMonth(wallClock.Year, wallClock.Month);
        var week = wallClock.Day + 7 > daysInMonth ? DstTransition.LastWeek : ((wallClock.Day - 1) / 7) + 1;
        if (wallClock.Minute != 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Time zone {zoneId} changes at {wallClock:HH:mm}; phones take whole hours and change at {wallClock:HH}:00."));
        }
        return new DstTransition(wallClock.Month, week, wallClock.DayOfWeek, wallClock.Hour, wallClock.Minute);
    }

    private static TimeZoneSetting Create(string zoneId, int offsetMinutes, DstRule? rule) =>
        new(zoneId, offsetMinutes, rule, Yealink(offsetMinutes, rule), Polycom(offsetMinutes, rule));

    private static YealinkTimeZone Yealink(int offsetMinutes, DstRule? rule)
    {
        var sign = offsetMinutes < 0 ? "-" : "+";
        var hours = Math.Abs(offsetMinutes) / 60;
        var minutes = Math.Abs(offsetMinutes) % 60;
        var offset = minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{hours}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{hours}:{minutes:D2}");
        if (rule is null)
        {
            return new YealinkTimeZone(offset, "0", null, null, null, null);
        }
        return new YealinkTimeZone(offset, "1", "1", YealinkWeekRule(rule.Start), YealinkWeekRule(rule.End), Invariant(rule.SavingMinutes));
    }

    // Month/WeekOfMonth/DayOfWeek/Hour, weekdays 1 Monday..7 Sunday.
    private static string YealinkWeekRule(DstTransition t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Month}/{t.Week}/{(((int)t.DayOfWeek + 6) % 7) + 1}/{t.Hour}");

    private static PolycomTimeZone Polycom(int offsetMinutes, DstRule? rule)
    {
        var gmtOffset = Invariant(offsetMinutes * 60);
        return rule is null
            ? new PolycomTimeZone(gmtOffset, "0", null, null, null)
            : new PolycomTimeZone(gmtOffset, "1", "0", PolycomEdge(rule.Start), PolycomEdge(rule.End));
    }

    // Weekdays 1 Sunday..7 Saturday; the nth weekday is given by the first date it can fall on (1, 8, 15, 22).
    private static PolycomDstEdge PolycomEdge(DstTransition t)
    {
        var last = t.Week == DstTransition.LastWeek;
        return new PolycomDstEdge(
            Invariant(t.Month),
            last ? null : Invariant(((t.Week - 1) * 7) + 1),
            Invariant((int)t.DayOfWeek + 1),
            last ? "1" : "0",
            Invariant(t.Hour));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
