using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Rules;
using Sophia.Parc.PhoneSettings;
using Sophia.Testing;

// Not Sophia.Parc.Tests.DeviceSettings like the folder: that namespace would hide the DeviceSettings type here.
namespace Sophia.Parc.Tests.PhoneSettings;

public sealed class DeviceSettingsOperationsTests
{
    private static readonly string SeldonPhone = TestParc.SeldonT46S.ToString();
    private static readonly string LuPhone = TestParc.LuVvx450.ToString();

    private static readonly DeviceSettings SeldonSettings = new()
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
    public async Task A_patch_changes_only_the_setting_it_names_and_moves_the_version()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var before = await Settings(parc).GetAsync(parc.AdminCaller, SeldonPhone, default);

        var saved = await Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone, Json("""{"lockCode":"1234"}"""), before.Version, default);

        Assert.Equal(SeldonSettings with { LockCode = "1234" }, saved.Settings);
        Assert.Equal(before.Version + 1, saved.Version);
        Assert.Equal(SeldonSettings with { LockCode = "1234" }, (await parc.NewDb().Equipment.SingleAsync(e => e.Mac == TestParc.SeldonT46S)).Settings);
    }

    [Fact]
    public async Task A_null_member_clears_its_setting_an_absent_one_is_kept_and_names_match_in_any_case()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var saved = await Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone,
            Json("""{"ringtone":null,"TimeFormat":"hour12","screenOffMinutes":0}"""), null, default);
        Assert.Equal(SeldonSettings with { Ringtone = null, TimeFormat = TimeFormat.Hour12, ScreenOffMinutes = 0 }, saved.Settings);
    }

    [Fact]
    public async Task An_empty_patch_changes_nothing()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var before = await Settings(parc).GetAsync(parc.AdminCaller, SeldonPhone, default);
        var saved = await Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone, Json("{}"), before.Version, default);
        Assert.Equal(before, saved);
    }

    [Fact]
    public async Task An_unknown_member_is_refused_naming_it_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var before = await Settings(parc).GetAsync(parc.AdminCaller, SeldonPhone, default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone, Json("""{"lockCode":"1234","volume":5}"""), null, default));

        var only = Assert.Single(error.Errors);
        Assert.Equal((RuleViolationKind.Invalid, "volume", "setting.unknown", "volume"), (error.Kind, only.Field, only.Code, only.Args["setting"]));
        Assert.Contains("lockCode", only.Args["accepted"], StringComparison.Ordinal);
        Assert.Equal(before, await Settings(parc).GetAsync(parc.AdminCaller, SeldonPhone, default));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_refused_naming_the_member_and_never_repeating_a_lock_code()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone,
            Json("""{"lockCode":97531,"callWaiting":"yes","timeFormat":"hour25","ringtone":"Ring4"}"""), null, default));

        Assert.Equal([("lockCode", "body.wrongType"), ("callWaiting", "body.wrongType"), ("timeFormat", "body.wrongType")],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(["a string", "true or false", "one of hour12, hour24"], error.Errors.Select(e => e.Args["expected"]));
        Assert.DoesNotContain("97531", error.Message, StringComparison.Ordinal);
        Assert.Equal("Ring3", (await Settings(parc).GetAsync(parc.AdminCaller, SeldonPhone, default)).Settings.Ringtone);
    }

    [Fact]
    public async Task The_merged_settings_are_checked_against_the_model_with_its_codes_and_arguments()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var date = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Settings(parc).PatchAsync(parc.AdminCaller, LuPhone, Json("""{"dateFormat":"DD/MM/YYYY","ringtone":"Ring2"}"""), null, default));
        var code = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone, Json("""{"lockCode":"12ab"}"""), null, default));

        var dateError = Assert.Single(date.Errors);
        Assert.Equal(("dateFormat", "dateFormat.notAccepted"), (dateError.Field, dateError.Code));
        Assert.Equal(("DD/MM/YYYY", "Polycom VVX 450"), (dateError.Args["value"], dateError.Args["model"]));
        Assert.Contains("WWW DD MMM", dateError.Args["accepted"], StringComparison.Ordinal);
        Assert.Equal(("lockCode", "lockCode.digits", "15"), (code.Errors[0].Field, code.Errors[0].Code, code.Errors[0].Args["max"]));
        Assert.DoesNotContain("12ab", code.Message, StringComparison.Ordinal);
        Assert.Null((await Settings(parc).GetAsync(parc.AdminCaller, LuPhone, default)).Settings.Ringtone);
    }

    [Fact]
    public async Task A_setting_the_model_does_not_have_is_refused()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var vvx150 = MacAddress.Parse("00:04:F2:00:01:50");
        await parc.AddEquipmentAsync(vvx150, "polycom-vvx150", parc.Mandar);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Settings(parc).PatchAsync(parc.AdminCaller, vvx150.ToString(), Json("""{"screenOffMinutes":5}"""), null, default));

        Assert.Equal(("screenOffMinutes", "setting.unsupported", "Polycom VVX 150"), (error.Errors[0].Field, error.Errors[0].Code, error.Errors[0].Args["model"]));
    }

    [Fact]
    public async Task A_patch_on_a_stale_version_changes_nothing()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var read = await Settings(parc).GetAsync(parc.AdminCaller, SeldonPhone, default);
        await Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone, Json("""{"ringtone":"Ring5"}"""), read.Version, default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone, Json("""{"ringtone":"Ring6"}"""), read.Version, default));

        Assert.Equal((RuleViolationKind.Stale, "version.stale"), (error.Kind, error.Errors[0].Code));
        Assert.Equal("Ring5", (await Settings(parc).GetAsync(parc.AdminCaller, SeldonPhone, default)).Settings.Ringtone);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData(null)]
    public async Task A_patch_that_is_not_an_object_is_refused(string? json)
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Settings(parc).PatchAsync(parc.AdminCaller, SeldonPhone, json is null ? null : Json(json), null, default));
        Assert.Equal(("body", "patch.notObject"), (error.Errors[0].Field, error.Errors[0].Code));
    }

    [Fact]
    public async Task A_replacement_clears_every_setting_it_leaves_out()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var saved = await Settings(parc).ReplaceAsync(parc.AdminCaller, SeldonPhone, new DeviceSettings { Ringtone = "Ring2" }, null, default);
        Assert.Equal(new DeviceSettings { Ringtone = "Ring2" }, saved.Settings);
    }

    [Fact]
    public async Task A_user_patches_their_own_phone_and_finds_no_other()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = TestParc.UserCaller(await parc.Db.Users.SingleAsync(u => u.Id == parc.Lu));

        var own = await Settings(parc).PatchAsync(lu, LuPhone, Json("""{"ringtone":"Ring2"}"""), null, default);
        var other = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Settings(parc).PatchAsync(lu, SeldonPhone, Json("""{"lockCode":"0000"}"""), null, default));

        Assert.Equal("Ring2", own.Settings.Ringtone);
        Assert.Equal((RuleViolationKind.NotFound, "equipment.notFound"), (other.Kind, other.Errors[0].Code));
        Assert.Equal("2580", (await Settings(parc).GetAsync(parc.AdminCaller, SeldonPhone, default)).Settings.LockCode);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static DeviceSettingsOperations Settings(TestParc parc) => parc.Operation<DeviceSettingsOperations>();
}
