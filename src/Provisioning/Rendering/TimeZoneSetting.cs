namespace Sophia.Provisioning.Rendering;

/// <summary>
/// A site's time zone as phones take it: a standard offset and, where the zone observes it, a daylight-saving
/// <em>rule</em> ("last Sunday of March at 02:00") that the phone applies every year, never this year's fixed dates.
/// </summary>
/// <param name="Id">The IANA id, e.g. <c>Europe/Paris</c>.</param>
/// <param name="UtcOffsetMinutes">Standard (winter) offset from UTC.</param>
/// <param name="Dst">The rule, or null for a zone without daylight saving.</param>
public sealed record TimeZoneSetting(string Id, int UtcOffsetMinutes, DstRule? Dst, YealinkTimeZone Yealink, PolycomTimeZone Polycom);

/// <summary>Daylight saving: when it starts and ends, and by how much clocks move.</summary>
public sealed record DstRule(DstTransition Start, DstTransition End, int SavingMinutes);

/// <summary>
/// One yearly transition in local wall-clock time: the start in standard time, the end in daylight time
/// (Europe/Paris: 3, last Sunday, 02:00 and 10, last Sunday, 03:00).
/// </summary>
/// <param name="Week">1 to 4 for the first to fourth such weekday of the month, 5 for the last one.</param>
public sealed record DstTransition(int Month, int Week, DayOfWeek DayOfWeek, int Hour, int Minute)
{
    public const int LastWeek = 5;
}

/// <summary>The time-zone keys of a Yealink <c>&lt;mac&gt;.cfg</c>.</summary>
/// <param name="TimeZone"><c>local_time.time_zone</c>: <c>+1</c>, <c>-5</c>, <c>+5:30</c>.</param>
/// <param name="SummerTime"><c>local_time.summer_time</c>: 1 with a rule (given here, not the firmware's AutoDST table), else 0.</param>
/// <param name="DstTimeType"><c>local_time.dst_time_type</c>: 1, by week.</param>
/// <param name="StartTime"><c>local_time.start_time</c>: month/week (5 = last)/weekday (1 Monday..7 Sunday)/hour.</param>
/// <param name="EndTime"><c>local_time.end_time</c>, same form.</param>
/// <param name="OffsetTime"><c>local_time.offset_time</c>: minutes the clock moves.</param>
public sealed record YealinkTimeZone(string TimeZone, string SummerTime, string? DstTimeType, string? StartTime, string? EndTime, string? OffsetTime);

/// <summary>The <c>tcpIpApp.sntp.*</c> time-zone keys of a Polycom file.</summary>
/// <param name="GmtOffset"><c>tcpIpApp.sntp.gmtOffset</c>, seconds.</param>
/// <param name="DaylightSavingsEnable"><c>tcpIpApp.sntp.daylightSavings.enable</c>: 0/1.</param>
/// <param name="FixedDayEnable"><c>tcpIpApp.sntp.daylightSavings.fixedDayEnable</c>: 0, month + weekday rule.</param>
public sealed record PolycomTimeZone(string GmtOffset, string DaylightSavingsEnable, string? FixedDayEnable, PolycomDstEdge? Start, PolycomDstEdge? Stop);

/// <summary>One <c>tcpIpApp.sntp.daylightSavings.start.*</c> or <c>.stop.*</c> group.</summary>
/// <param name="Date"><c>.date</c>: 1, 8, 15 or 22 for the first to fourth weekday; null when <see cref="LastInMonth"/> is 1.</param>
/// <param name="DayOfWeek"><c>.dayOfWeek</c>: 1 Sunday..7 Saturday.</param>
/// <param name="LastInMonth"><c>.dayOfWeek.lastInMonth</c>: 1 for the last such weekday.</param>
/// <param name="Time"><c>.time</c>: hour 0..23.</param>
public sealed record PolycomDstEdge(string Month, string? Date, string DayOfWeek, string LastInMonth, string Time);
