using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Settings;

namespace Sophia.DeviceModels.Tests.Settings;

public sealed class VendorValuesTests
{
    [Theory]
    [InlineData("WWW MMM DD", "0")]
    [InlineData("DD-MMM-YY", "1")]
    [InlineData("YYYY-MM-DD", "2")]
    [InlineData("DD/MM/YYYY", "3")]
    [InlineData("MM/DD/YY", "4")]
    [InlineData("DD MMM YYYY", "5")]
    [InlineData("WWW DD MMM", "6")]
    public void Yealink_date_formats_map_to_local_time_date_format_codes(string token, string code)
    {
        Assert.Equal(code, YealinkValues.DateFormat(token));
    }

    [Theory]
    [InlineData("WWW MMM DD", "D,Md")]
    [InlineData("WWW DD MMM", "D,dM")]
    [InlineData("MMM DD WWW", "Md,D")]
    [InlineData("DD MMM WWW", "dM,D")]
    public void Polycom_date_formats_map_to_field_orders_with_short_names(string token, string format)
    {
        Assert.Equal(new PolycomDateFormat(format, "0"), PolycomValues.DateFormat(token));
    }

    [Fact]
    public void Date_formats_a_vendor_lacks_are_refused()
    {
        Assert.Throws<ArgumentException>(() => YealinkValues.DateFormat("MMM DD WWW"));
        Assert.Throws<ArgumentException>(() => PolycomValues.DateFormat("DD/MM/YYYY"));
    }

    [Fact]
    public void Every_neutral_date_format_is_expressible_by_at_least_one_vendor()
    {
        var expressible = YealinkValues.DateFormatTokens.Union(PolycomValues.DateFormatTokens).Order();
        Assert.Equal(DateFormats.All.Order(), expressible);
        var common = YealinkValues.DateFormatTokens.Intersect(PolycomValues.DateFormatTokens).ToHashSet();
        Assert.True(common.SetEquals([DateFormats.WeekdayMonthDay, DateFormats.WeekdayDayMonth]));
    }

    [Fact]
    public void Time_formats_map_to_zero_for_12_hours_and_one_for_24()
    {
        Assert.Equal("0", YealinkValues.TimeFormat(TimeFormat.Hour12));
        Assert.Equal("1", YealinkValues.TimeFormat(TimeFormat.Hour24));
        Assert.Equal("0", PolycomValues.TimeFormat(TimeFormat.Hour12));
        Assert.Equal("1", PolycomValues.TimeFormat(TimeFormat.Hour24));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "60")]
    [InlineData(2, "120")]
    [InlineData(5, "300")]
    [InlineData(10, "600")]
    [InlineData(30, "1800")]
    public void Yealink_screen_off_minutes_map_to_backlight_seconds(int minutes, string seconds)
    {
        Assert.Equal(seconds, YealinkValues.BacklightTime(minutes));
    }

    [Fact]
    public void Yealink_never_writes_backlight_1_which_is_always_off_and_absent_from_the_T46S_and_T48S()
    {
        Assert.Equal("0", YealinkValues.BacklightTime(0));
        Assert.All(YealinkValues.ScreenOffChoices.Values, minutes => Assert.NotEqual("1", YealinkValues.BacklightTime(minutes)));
    }

    [Fact]
    public void Yealink_refuses_a_backlight_time_off_its_menu()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => YealinkValues.BacklightTime(20));
    }

    [Theory]
    [InlineData(0, "0", null, null)]
    [InlineData(1, "1", "1", "1")]
    [InlineData(10, "1", "10", "10")]
    [InlineData(30, "1", "30", "10")]
    [InlineData(600, "1", "600", "10")]
    public void Polycom_screen_off_minutes_map_to_power_saving_in_and_outside_office_hours(int minutes, string enable, string? timeout, string? offHours)
    {
        Assert.Equal(new PolycomPowerSaving(enable, timeout, offHours), PolycomValues.PowerSaving(minutes));
    }

    [Fact]
    public void Polycom_refuses_a_power_saving_timeout_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolycomValues.PowerSaving(601));
        Assert.Throws<ArgumentOutOfRangeException>(() => PolycomValues.PowerSaving(-1));
    }

    [Theory]
    [InlineData("Ring1", "Ring1.wav")]
    [InlineData("Ring3", "Ring3.wav")]
    [InlineData("Ring8", "Ring8.wav")]
    public void Yealink_ringtones_map_to_built_in_wav_files(string ringtone, string ringType)
    {
        Assert.Equal(ringType, YealinkValues.RingType(ringtone));
    }

    [Theory]
    [InlineData("Silent", "ringer1", "Silent Ring")]
    [InlineData("Ring1", "ringer2", "Low Trill")]
    [InlineData("Ring3", "ringer4", "Medium Trill")]
    [InlineData("Ring9", "ringer10", "Beeble")]
    [InlineData("Ring13", "ringer14", "Ring Splash")]
    public void Polycom_ringtones_map_to_ringer_numbers(string ringtone, string ringer, string name)
    {
        Assert.Equal(ringer, PolycomValues.Ringer(ringtone));
        Assert.Equal(name, PolycomValues.RingerNames[ringtone]);
    }

    [Theory]
    [InlineData("Ring0")]
    [InlineData("Ring9")]
    [InlineData("Ring01")]
    [InlineData("Silent")]
    [InlineData("Ring")]
    [InlineData("Ring-1")]
    public void Yealink_refuses_ringtones_it_lacks(string ringtone)
    {
        Assert.Throws<ArgumentException>(() => YealinkValues.RingType(ringtone));
    }

    [Theory]
    [InlineData("Ring14")]
    [InlineData("ringer3")]
    [InlineData("silent")]
    public void Polycom_refuses_ringtones_it_lacks(string ringtone)
    {
        Assert.Throws<ArgumentException>(() => PolycomValues.Ringer(ringtone));
    }

    [Fact]
    public void Call_waiting_maps_to_flags_and_the_polycom_ring_mode()
    {
        Assert.Equal("1", YealinkValues.Flag(true));
        Assert.Equal("0", YealinkValues.Flag(false));
        Assert.Equal("1", PolycomValues.Flag(true));
        Assert.Equal("beep", PolycomValues.CallWaitingRing(tone: true));
        Assert.Equal("silent", PolycomValues.CallWaitingRing(tone: false));
    }

    [Fact]
    public void Every_value_a_model_accepts_has_a_vendor_mapping()
    {
        foreach (var model in DeviceCatalog.All)
        {
            var options = model.Settings;
            foreach (var format in options.DateFormats)
            {
                _ = model.Vendor == Vendor.Yealink ? YealinkValues.DateFormat(format) : PolycomValues.DateFormat(format).Format;
            }
            foreach (var ringtone in options.Ringtones)
            {
                _ = model.Vendor == Vendor.Yealink ? YealinkValues.RingType(ringtone) : PolycomValues.Ringer(ringtone);
            }
            foreach (var minutes in Enumerable.Range(-1, 700).Where(options.ScreenOffMinutes.Contains))
            {
                _ = model.Vendor == Vendor.Yealink ? YealinkValues.BacklightTime(minutes) : PolycomValues.PowerSaving(minutes).Enable;
            }
            foreach (var format in options.TimeFormats)
            {
                Assert.Equal(YealinkValues.TimeFormat(format), PolycomValues.TimeFormat(format));
            }
        }
    }

    [Fact]
    public void Ringtone_names_parse_back_to_their_numbers()
    {
        Assert.Equal("Ring12", Ringtones.Ring(12));
        Assert.Equal(12, Ringtones.NumberOf("Ring12"));
        Assert.Null(Ringtones.NumberOf("Silent"));
        Assert.Null(Ringtones.NumberOf("Ring+1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ringtones.Ring(0));
    }

    [Fact]
    public void Screen_off_choices_describe_themselves()
    {
        Assert.Equal("0 (never), 1, 2, 5, 10, 30", YealinkValues.ScreenOffChoices.Describe());
        Assert.Null(YealinkValues.ScreenOffChoices.RangeMin);
        Assert.Equal("0 (never) or 1 to 600", PolycomValues.ScreenOffChoices.Describe());
        Assert.Equal(1, PolycomValues.ScreenOffChoices.RangeMin);
        Assert.Equal(600, PolycomValues.ScreenOffChoices.RangeMax);
        Assert.Equal("1 to 10", ScreenOffChoices.Range(1, 10).Describe());
    }
}
