using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Settings;

namespace Sophia.DeviceModels.Tests.Catalog;

/// <summary>Each model's numbers, checked against the vendor facts gathered in src/DeviceModels/README.md.</summary>
public sealed class ModelFactsTests
{
    [Theory]
    [InlineData("yealink-t31p", 2, 2, "y000000000123.cfg")]
    [InlineData("yealink-t33g", 4, 12, "y000000000124.cfg")]
    [InlineData("yealink-t43u", 12, 21, "y000000000107.cfg")]
    [InlineData("yealink-t46s", 16, 27, "y000000000066.cfg")]
    [InlineData("yealink-t46u", 16, 27, "y000000000108.cfg")]
    [InlineData("yealink-t48s", 16, 29, "y000000000065.cfg")]
    [InlineData("yealink-t48u", 16, 29, "y000000000109.cfg")]
    [InlineData("yealink-t53w", 12, 21, "y000000000095.cfg")]
    [InlineData("yealink-t54w", 16, 27, "y000000000096.cfg")]
    [InlineData("yealink-t57w", 16, 29, "y000000000097.cfg")]
    [InlineData("yealink-w60b", 8, 0, "y000000000077.cfg")]
    [InlineData("yealink-w70b", 10, 0, "y000000000146.cfg")]
    [InlineData("polycom-vvx150", 2, 2, "polycom-uc")]
    [InlineData("polycom-vvx250", 4, 4, "polycom-uc")]
    [InlineData("polycom-vvx350", 6, 6, "polycom-uc")]
    [InlineData("polycom-vvx450", 12, 12, "polycom-uc")]
    [InlineData("polycom-vvx501", 12, 12, "polycom-uc")]
    [InlineData("polycom-vvx601", 16, 16, "polycom-uc")]
    public void Accounts_line_keys_and_config_family_match_the_vendor(string id, int accounts, int lineKeys, string configFamily)
    {
        var model = DeviceCatalog.Get(id);
        Assert.Equal(accounts, model.MaxAccounts);
        Assert.Equal(lineKeys, model.LineKeyCount);
        Assert.Equal(configFamily, model.ConfigFamily);
    }

    [Theory]
    [InlineData("yealink-t31p", null, 0, 0)]
    [InlineData("yealink-t33g", null, 0, 0)]
    [InlineData("yealink-t43u", "EXP43", 3, 60)]
    [InlineData("yealink-t46s", "EXP40", 6, 40)]
    [InlineData("yealink-t46u", "EXP43", 3, 60)]
    [InlineData("yealink-t48s", "EXP40", 6, 40)]
    [InlineData("yealink-t48u", "EXP43", 3, 60)]
    [InlineData("yealink-t53w", "EXP50", 3, 60)]
    [InlineData("yealink-t54w", "EXP50", 3, 60)]
    [InlineData("yealink-t57w", "EXP50", 3, 60)]
    [InlineData("yealink-w60b", null, 0, 0)]
    [InlineData("yealink-w70b", null, 0, 0)]
    [InlineData("polycom-vvx150", null, 0, 0)]
    [InlineData("polycom-vvx250", null, 0, 0)]
    [InlineData("polycom-vvx350", null, 0, 0)]
    [InlineData("polycom-vvx450", "VVX EM50", 3, 66)]
    [InlineData("polycom-vvx501", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx601", "VVX Color Expansion Module", 3, 84)]
    public void Expansion_modules_match_the_vendor(string id, string? module, int maxModules, int keysPerModule)
    {
        var model = DeviceCatalog.Get(id);
        Assert.Equal(maxModules, model.MaxExpansionModules);
        Assert.Equal(keysPerModule, model.ExpansionKeysPerModule);
        if (module is null)
        {
            Assert.Empty(model.ExpansionModules);
        }
        else
        {
            var only = Assert.Single(model.ExpansionModules);
            Assert.Equal(module, only.Name);
            Assert.Equal(maxModules * keysPerModule, only.MaxKeys);
        }
    }

    [Fact]
    public void Yealink_common_files_follow_the_y_and_twelve_digits_pattern()
    {
        foreach (var model in DeviceCatalog.All.Where(m => m.Vendor == Vendor.Yealink))
        {
            Assert.Matches("^y[0-9]{12}\\.cfg$", model.ConfigFamily);
        }
    }

    [Fact]
    public void Each_yealink_model_has_its_own_common_file_and_every_vvx_shares_one_family()
    {
        var yealink = DeviceCatalog.All.Where(m => m.Vendor == Vendor.Yealink).ToList();
        Assert.Equal(yealink.Count, yealink.Select(m => m.ConfigFamily).Distinct().Count());
        Assert.Single(DeviceCatalog.All.Where(m => m.Vendor == Vendor.Polycom).Select(m => m.ConfigFamily).Distinct());
    }

    [Fact]
    public void Phonebook_limits_are_set_for_every_model()
    {
        Assert.All(DeviceCatalog.All.Where(m => m.Vendor == Vendor.Yealink), m => Assert.Equal(1000, m.PhonebookSizeLimit));
        Assert.All(DeviceCatalog.All.Where(m => m.Vendor == Vendor.Polycom), m => Assert.Equal(500, m.PhonebookSizeLimit));
    }

    [Fact]
    public void Line_keys_and_accounts_are_positive_and_line_keys_cover_the_accounts_on_yealink_desk_phones()
    {
        // A DECT base has no line key: its accounts are its handsets' (DectModelTests).
        foreach (var model in DeviceCatalog.All.Where(m => !m.IsDectBase))
        {
            Assert.InRange(model.MaxAccounts, 1, 16);
            Assert.InRange(model.LineKeyCount, 1, 29);
            if (model.Vendor == Vendor.Yealink)
            {
                Assert.True(model.LineKeyCount >= model.MaxAccounts, $"{model} cannot show a line key per account");
            }
        }
    }

    [Fact]
    public void Every_desk_phone_supports_every_setting_except_screen_off_on_the_vvx_150_and_a_dect_base_only_call_waiting()
    {
        foreach (var model in DeviceCatalog.All)
        {
            foreach (var setting in Enum.GetValues<DeviceSetting>())
            {
                var expected = model.IsDectBase
                    ? setting == DeviceSetting.CallWaiting
                    : !(model.Id == "polycom-vvx150" && setting == DeviceSetting.ScreenOffMinutes);
                Assert.Equal(expected, model.Supports(setting));
            }
        }
    }
}
