using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>IANA zones to the yearly rules phones take.</summary>
public sealed class TimeZoneRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Paris_is_plus_one_with_daylight_saving_from_the_last_Sunday_of_March_to_the_last_Sunday_of_October()
    {
        var warnings = new List<string>();
        var paris = TimeZoneRules.Compute("Europe/Paris", Now, warnings);

        Assert.Empty(warnings);
        Assert.Equal(60, paris.UtcOffsetMinutes);
        Assert.Equal(new DstRule(new DstTransition(3, 5, DayOfWeek.Sunday, 2, 0), new DstTransition(10, 5, DayOfWeek.Sunday, 3, 0), 60), paris.Dst);
        Assert.Equal(new YealinkTimeZone("+1", "1", "1", "3/5/7/2", "10/5/7/3", "60"), paris.Yealink);
        Assert.Equal(
            new PolycomTimeZone("3600", "1", "0", new PolycomDstEdge("3", null, "1", "1", "2"), new PolycomDstEdge("10", null, "1", "1", "3")),
            paris.Polycom);
    }

    [Fact]
    public void New_York_changes_on_the_second_Sunday_of_March_and_the_first_Sunday_of_November()
    {
        var newYork = TimeZoneRules.Compute("America/New_York", Now, []);

        Assert.Equal(new YealinkTimeZone("-5", "1", "1", "3/2/7/2", "11/1/7/2", "60"), newYork.Yealink);
        Assert.Equal(new PolycomDstEdge("3", "8", "1", "0", "2"), newYork.Polycom.Start);
        Assert.Equal(new PolycomDstEdge("11", "1", "1", "0", "2"), newYork.Polycom.Stop);
        Assert.Equal("-18000", newYork.Polycom.GmtOffset);
    }

    [Fact]
    public void Sydney_starts_in_October_and_ends_in_April()
    {
        var sydney = TimeZoneRules.Compute("Australia/Sydney", Now, []);

        Assert.Equal(600, sydney.UtcOffsetMinutes);
        Assert.Equal("10/1/7/2", sydney.Yealink.StartTime);
        Assert.Equal("4/1/7/3", sydney.Yealink.EndTime);
    }

    [Fact]
    public void A_zone_without_daylight_saving_gets_its_offset_only_half_hours_included()
    {
        var kolkata = TimeZoneRules.Compute("Asia/Kolkata", Now, []);

        Assert.Null(kolkata.Dst);
        Assert.Equal(new YealinkTimeZone("+5:30", "0", null, null, null, null), kolkata.Yealink);
        Assert.Equal(new PolycomTimeZone("19800", "0", null, null, null), kolkata.Polycom);
    }
}
