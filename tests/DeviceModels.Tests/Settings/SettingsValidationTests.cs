using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Settings;

namespace Sophia.DeviceModels.Tests.Settings;

public sealed class SettingsValidationTests
{
    private static readonly DeviceModel T46S = DeviceCatalog.Get("yealink-t46s");
    private static readonly DeviceModel Vvx450 = DeviceCatalog.Get("polycom-vvx450");
    private static readonly DeviceModel Vvx150 = DeviceCatalog.Get("polycom-vvx150");

    // The demo parc: Cédric Seldon's T46S.
    private static readonly DeviceSettings DemoT46S = new()
    {
        CallWaiting = true,
        CallWaitingTone = true,
        DateFormat = "DD/MM/YYYY",
        TimeFormat = TimeFormat.Hour24,
        ScreenOffMinutes = 30,
        Ringtone = "Ring3",
        LockCode = "2580",
    };

    [Fact]
    public void The_demo_t46s_settings_are_valid()
    {
        Assert.Empty(T46S.Validate(DemoT46S));
    }

    [Fact]
    public void Empty_settings_are_valid_on_every_model()
    {
        Assert.All(DeviceCatalog.All, model => Assert.Empty(model.Validate(new DeviceSettings())));
    }

    [Fact]
    public void A_date_format_the_model_lacks_names_the_field_and_the_accepted_formats()
    {
        var error = Assert.Single(Vvx450.Validate(DemoT46S with { ScreenOffMinutes = null, Ringtone = null }));
        Assert.Equal("dateFormat", error.Field);
        Assert.Contains("'DD/MM/YYYY'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Polycom VVX 450", error.Message, StringComparison.Ordinal);
        Assert.Contains("WWW MMM DD, WWW DD MMM, MMM DD WWW, DD MMM WWW", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MM/DD/YYYY")]
    [InlineData("dd/mm/yyyy")]
    [InlineData("DD MMM WWW")]
    [InlineData("")]
    public void Yealink_rejects_date_formats_outside_its_seven(string format)
    {
        var error = Assert.Single(T46S.Validate(new DeviceSettings { DateFormat = format }));
        Assert.Equal("dateFormat", error.Field);
        Assert.Contains("WWW MMM DD, DD-MMM-YY, YYYY-MM-DD, DD/MM/YYYY, MM/DD/YY, DD MMM YYYY, WWW DD MMM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_two_common_date_formats_are_valid_on_every_model_with_a_date_format()
    {
        foreach (var model in DeviceCatalog.All.Where(m => m.Supports(DeviceSetting.DateFormat)))
        {
            Assert.Empty(model.Validate(new DeviceSettings { DateFormat = DateFormats.WeekdayMonthDay }));
            Assert.Empty(model.Validate(new DeviceSettings { DateFormat = DateFormats.WeekdayDayMonth }));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(30)]
    public void Yealink_accepts_its_backlight_menu_values(int minutes)
    {
        Assert.Empty(T46S.Validate(new DeviceSettings { ScreenOffMinutes = minutes }));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(60)]
    [InlineData(-1)]
    public void Yealink_rejects_other_delays_and_lists_its_menu(int minutes)
    {
        var error = Assert.Single(T46S.Validate(new DeviceSettings { ScreenOffMinutes = minutes }));
        Assert.Equal("screenOffMinutes", error.Field);
        Assert.Contains($"{minutes} minutes", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 (never), 1, 2, 5, 10, 30", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(45, true)]
    [InlineData(600, true)]
    [InlineData(601, false)]
    [InlineData(-5, false)]
    public void Polycom_accepts_any_minute_up_to_ten_hours(int minutes, bool valid)
    {
        var errors = Vvx450.Validate(new DeviceSettings { ScreenOffMinutes = minutes });
        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal("screenOffMinutes", error.Field);
            Assert.Contains("0 (never) or 1 to 600", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_setting_the_model_lacks_is_reported_as_such()
    {
        var error = Assert.Single(Vvx150.Validate(new DeviceSettings { ScreenOffMinutes = 10 }));
        Assert.Equal("screenOffMinutes", error.Field);
        Assert.Contains("Polycom VVX 150 has no screen-off delay setting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ringtones_follow_each_vendors_list()
    {
        Assert.Empty(T46S.Validate(new DeviceSettings { Ringtone = "Ring8" }));
        Assert.Empty(Vvx450.Validate(new DeviceSettings { Ringtone = "Ring13" }));
        Assert.Empty(Vvx450.Validate(new DeviceSettings { Ringtone = "Silent" }));

        var yealink = Assert.Single(T46S.Validate(new DeviceSettings { Ringtone = "Ring9" }));
        Assert.Equal("ringtone", yealink.Field);
        Assert.Contains("Ring1, Ring2, Ring3, Ring4, Ring5, Ring6, Ring7, Ring8.", yealink.Message, StringComparison.Ordinal);

        var polycom = Assert.Single(Vvx450.Validate(new DeviceSettings { Ringtone = "ring3" }));
        Assert.Equal("ringtone", polycom.Field);
        Assert.Contains("Silent, Ring1,", polycom.Message, StringComparison.Ordinal);
        Assert.Contains("Ring13.", polycom.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yealink-t46s", "1", true)]
    [InlineData("yealink-t46s", "123456789012345", true)]
    [InlineData("yealink-t46s", "1234567890123456", false)]
    [InlineData("yealink-t46s", "", false)]
    [InlineData("polycom-vvx450", "1", false)]
    [InlineData("polycom-vvx450", "12", true)]
    [InlineData("polycom-vvx450", "12345678901234567890123456789012", true)]
    [InlineData("polycom-vvx450", "123456789012345678901234567890123", false)]
    public void Lock_code_lengths_follow_the_vendor(string id, string code, bool valid)
    {
        var errors = DeviceCatalog.Get(id).Validate(new DeviceSettings { LockCode = code });
        if (valid)
        {
            Assert.Empty(errors);
            return;
        }
        var error = Assert.Single(errors);
        Assert.Equal("lockCode", error.Field);
        var (min, max) = id.StartsWith("yealink", StringComparison.Ordinal) ? (1, 15) : (2, 32);
        Assert.Contains($"takes {min} to {max} digits", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12a4")]
    [InlineData("12 34")]
    [InlineData("-123")]
    [InlineData("١٢٣٤")]
    public void A_lock_code_with_non_digits_is_rejected_without_echoing_it(string code)
    {
        var error = Assert.Single(T46S.Validate(new DeviceSettings { LockCode = code }));
        Assert.Equal("lockCode", error.Field);
        Assert.Contains("digits only", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(code, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lock_code_of_the_wrong_length_is_not_echoed_either()
    {
        var error = Assert.Single(T46S.Validate(new DeviceSettings { LockCode = "9876543210987654321" }));
        Assert.DoesNotContain("9876543210987654321", error.Message, StringComparison.Ordinal);
        Assert.Contains("19 digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_time_format_is_rejected()
    {
        var error = Assert.Single(T46S.Validate(new DeviceSettings { TimeFormat = (TimeFormat)7 }));
        Assert.Equal("timeFormat", error.Field);
        Assert.Contains("Hour12, Hour24", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_wrong_field_is_reported_in_property_order()
    {
        var errors = T46S.Validate(new DeviceSettings
        {
            CallWaiting = false,
            DateFormat = "D,dM",
            ScreenOffMinutes = 7,
            Ringtone = "Beeble",
            LockCode = "abcd",
        });
        Assert.Equal(["dateFormat", "screenOffMinutes", "ringtone", "lockCode"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Settings_print_without_the_lock_code()
    {
        var text = DemoT46S.ToString();
        Assert.DoesNotContain("2580", text, StringComparison.Ordinal);
        Assert.Contains("DD/MM/YYYY", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_compare_by_value()
    {
        Assert.Equal(DemoT46S, DemoT46S with { });
        Assert.NotEqual(DemoT46S, DemoT46S with { LockCode = "0000" });
    }
}
