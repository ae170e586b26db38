using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;

namespace Sophia.DeviceModels.Tests.Catalog;

/// <summary>The Yealink DECT bases: one MAC, several handsets, each on its own account.</summary>
public sealed class DectModelTests
{
    [Theory]
    [InlineData("yealink-w60b", 8)]
    [InlineData("yealink-w70b", 10)]
    public void A_dect_base_has_one_account_per_handset_and_no_line_key(string id, int handsets)
    {
        var model = DeviceCatalog.Get(id);

        Assert.True(model.IsDectBase);
        Assert.Equal(handsets, model.Handsets);
        Assert.Equal(handsets, model.MaxAccounts);
        Assert.Equal(0, model.LineKeyCount);
        Assert.Empty(model.ExpansionModules);
    }

    [Fact]
    public void Every_desk_phone_has_one_handset()
    {
        Assert.All(DeviceCatalog.All.Where(m => m.Name is not ("W60B" or "W70B")), m =>
        {
            Assert.Equal(1, m.Handsets);
            Assert.False(m.IsDectBase);
        });
    }

    [Theory]
    [InlineData("yealink-w60b")]
    [InlineData("yealink-w70b")]
    public void A_dect_base_claims_no_lock_code_nor_backlight_setting(string id)
    {
        var model = DeviceCatalog.Get(id);

        Assert.True(model.Supports(DeviceSetting.CallWaiting));
        Assert.False(model.Supports(DeviceSetting.LockCode));
        Assert.False(model.Supports(DeviceSetting.ScreenOffMinutes));
        var errors = model.Validate(new DeviceSettings { LockCode = "1234", ScreenOffMinutes = 5 });
        Assert.Equal(["lockCode", "screenOffMinutes"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal("setting.unsupported", e.Code));
    }

    [Theory]
    [InlineData("Yealink W60B 77.81.0.35 80:5e:c0:09:ab:dc", "yealink-w60b", "77.81.0.35", "805ec009abdc")]
    [InlineData("W60B 77.81.0.35 80:5e:c0:09:ab:dc", "yealink-w60b", "77.81.0.35", "805ec009abdc")]
    [InlineData("Yealink W70B 146.87.0.15 80:5e:c0:70:0b:01", "yealink-w70b", "146.87.0.15", "805ec0700b01")]
    [InlineData("yealink W70B 146.87.0.15 805ec0700b01", "yealink-w70b", "146.87.0.15", "805ec0700b01")]
    public void A_dect_base_is_read_from_its_user_agent(string userAgent, string modelId, string firmware, string mac)
    {
        Assert.True(UserAgentParser.TryParse(userAgent, out var identity));

        Assert.Equal(Vendor.Yealink, identity.Vendor);
        Assert.Equal(DeviceCatalog.Get(modelId), identity.Model);
        Assert.Equal(firmware, identity.Firmware);
        Assert.Equal(MacAddress.Parse(mac), identity.Mac);
    }
}
