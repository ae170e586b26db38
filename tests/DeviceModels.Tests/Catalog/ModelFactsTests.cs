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
    [InlineData("yealink-t30", 1, 0, "y000000000127.cfg")]
    [InlineData("yealink-t30p", 1, 0, "y000000000127.cfg")]
    [InlineData("yealink-t31g", 2, 2, "y000000000123.cfg")]
    [InlineData("yealink-t33p", 4, 12, "y000000000124.cfg")]
    [InlineData("yealink-t34w", 4, 12, "y000000000171.cfg")]
    [InlineData("yealink-t42u", 12, 15, "y000000000116.cfg")]
    [InlineData("yealink-t44u", 12, 21, "y000000000173.cfg")]
    [InlineData("yealink-t44w", 12, 21, "y000000000174.cfg")]
    [InlineData("yealink-t53", 12, 21, "y000000000095.cfg")]
    [InlineData("yealink-cp920", 1, 0, "y000000000078.cfg")]
    [InlineData("yealink-cp925", 1, 0, "y000000000148.cfg")]
    [InlineData("yealink-w60b", 8, 0, "y000000000077.cfg")]
    [InlineData("yealink-w70b", 10, 0, "y000000000146.cfg")]
    [InlineData("polycom-vvx150", 2, 2, "polycom-uc")]
    [InlineData("polycom-vvx250", 4, 4, "polycom-uc")]
    [InlineData("polycom-vvx350", 6, 6, "polycom-uc")]
    [InlineData("polycom-vvx450", 12, 12, "polycom-uc")]
    [InlineData("polycom-vvx501", 12, 12, "polycom-uc")]
    [InlineData("polycom-vvx601", 16, 16, "polycom-uc")]
    [InlineData("polycom-vvx101", 1, 2, "polycom-uc")]
    [InlineData("polycom-vvx201", 2, 2, "polycom-uc")]
    [InlineData("polycom-vvx300", 6, 6, "polycom-uc")]
    [InlineData("polycom-vvx310", 6, 6, "polycom-uc")]
    [InlineData("polycom-vvx400", 12, 12, "polycom-uc")]
    [InlineData("polycom-vvx410", 12, 12, "polycom-uc")]
    [InlineData("polycom-vvx500", 12, 12, "polycom-uc")]
    [InlineData("polycom-vvx600", 16, 16, "polycom-uc")]
    [InlineData("polycom-vvx1500", 6, 6, "polycom-uc")]
    [InlineData("polycom-edge-e100", 2, 2, "polycom-uc")]
    [InlineData("polycom-edge-e220", 4, 4, "polycom-uc")]
    [InlineData("polycom-edge-e300", 8, 8, "polycom-uc")]
    [InlineData("polycom-edge-e320", 8, 8, "polycom-uc")]
    [InlineData("polycom-edge-e350", 8, 8, "polycom-uc")]
    [InlineData("polycom-edge-e400", 12, 12, "polycom-uc")]
    [InlineData("polycom-edge-e450", 12, 12, "polycom-uc")]
    [InlineData("polycom-edge-e500", 16, 16, "polycom-uc")]
    [InlineData("polycom-edge-e550", 16, 16, "polycom-uc")]
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
    [InlineData("yealink-t30", null, 0, 0)]
    [InlineData("yealink-t30p", null, 0, 0)]
    [InlineData("yealink-t31g", null, 0, 0)]
    [InlineData("yealink-t33p", null, 0, 0)]
    [InlineData("yealink-t34w", null, 0, 0)]
    [InlineData("yealink-t42u", null, 0, 0)]
    [InlineData("yealink-t44u", null, 0, 0)]
    [InlineData("yealink-t44w", null, 0, 0)]
    [InlineData("yealink-t53", "EXP50", 3, 60)]
    [InlineData("yealink-cp920", null, 0, 0)]
    [InlineData("yealink-cp925", null, 0, 0)]
    [InlineData("yealink-w60b", null, 0, 0)]
    [InlineData("yealink-w70b", null, 0, 0)]
    [InlineData("polycom-vvx150", null, 0, 0)]
    [InlineData("polycom-vvx250", null, 0, 0)]
    [InlineData("polycom-vvx350", null, 0, 0)]
    [InlineData("polycom-vvx450", "VVX EM50", 3, 66)]
    [InlineData("polycom-vvx501", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx601", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx101", null, 0, 0)]
    [InlineData("polycom-vvx201", null, 0, 0)]
    [InlineData("polycom-vvx300", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx310", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx400", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx410", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx500", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx600", "VVX Color Expansion Module", 3, 84)]
    [InlineData("polycom-vvx1500", null, 0, 0)]
    [InlineData("polycom-edge-e100", null, 0, 0)]
    [InlineData("polycom-edge-e220", null, 0, 0)]
    [InlineData("polycom-edge-e300", null, 0, 0)]
    [InlineData("polycom-edge-e320", null, 0, 0)]
    [InlineData("polycom-edge-e350", null, 0, 0)]
    [InlineData("polycom-edge-e400", null, 0, 0)]
    [InlineData("polycom-edge-e450", null, 0, 0)]
    [InlineData("polycom-edge-e500", null, 0, 0)]
    [InlineData("polycom-edge-e550", null, 0, 0)]
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
    public void Yealink_models_share_a_common_file_only_where_they_share_a_firmware_family_and_every_vvx_shares_one()
    {
        // The firmware of each group reads the same y0000000000NN.cfg (Wazo's COMMON_FILES, FusionPBX folders).
        string[][] shared = [["T30", "T30P"], ["T31G", "T31P"], ["T33G", "T33P"], ["T53", "T53W"]];
        var byFile = DeviceCatalog.All.Where(m => m.Vendor == Vendor.Yealink).GroupBy(m => m.ConfigFamily).ToList();
        foreach (var family in byFile.Where(g => g.Count() > 1))
        {
            var names = family.Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();
            Assert.Contains(shared, group => group.SequenceEqual(names));
        }
        Assert.Equal(shared.Length, byFile.Count(g => g.Count() > 1));
        Assert.Single(DeviceCatalog.All.Where(m => m.Vendor == Vendor.Polycom).Select(m => m.ConfigFamily).Distinct());
    }

    [Fact]
    public void Phonebook_limits_are_set_for_every_model()
    {
        Assert.All(DeviceCatalog.All.Where(m => m.Vendor == Vendor.Yealink), m => Assert.Equal(1000, m.PhonebookSizeLimit));
        Assert.All(DeviceCatalog.All.Where(m => m.Vendor == Vendor.Polycom), m => Assert.Equal(500, m.PhonebookSizeLimit));
    }

    [Fact]
    public void Accounts_are_positive_and_line_keys_cover_the_accounts_on_models_that_have_keys()
    {
        // A DECT base has no line key: its accounts are its handsets' (DectModelTests).
        foreach (var model in DeviceCatalog.All.Where(m => !m.IsDectBase))
        {
            Assert.InRange(model.MaxAccounts, 1, 16);
            Assert.InRange(model.LineKeyCount, 0, 29);
            // A Polycom registration takes a line key of its own (reg.N.lineKeys="1"), so lines never outnumber keys.
            if (model.Vendor is Vendor.Yealink or Vendor.Polycom && model.LineKeyCount > 0)
            {
                Assert.True(model.LineKeyCount >= model.MaxAccounts, $"{model} cannot show a line key per account");
            }
        }
    }

    [Theory]
    [InlineData("yealink-t30")]
    [InlineData("yealink-t30p")]
    [InlineData("yealink-cp920")]
    [InlineData("yealink-cp925")]
    public void A_yealink_without_line_keys_holds_one_account_and_takes_no_expansion_module(string id)
    {
        var model = DeviceCatalog.Get(id);
        Assert.Equal(0, model.LineKeyCount);
        Assert.Equal(1, model.MaxAccounts);
        Assert.Equal(0, model.MaxExpansionModules);
    }

    // What each model lacks, from the sources in src/DeviceModels/README.md; every other model has every setting.
    private static readonly Dictionary<string, DeviceSetting[]> Lacking = new(StringComparer.Ordinal)
    {
        // The two VVX without power saving, the only way a VVX turns its screen off.
        ["polycom-vvx101"] = [DeviceSetting.ScreenOffMinutes],
        ["polycom-vvx150"] = [DeviceSetting.ScreenOffMinutes],
        ["yealink-t30"] = [DeviceSetting.ScreenOffMinutes],
        ["yealink-t30p"] = [DeviceSetting.ScreenOffMinutes],
        ["yealink-cp920"] = [DeviceSetting.ScreenOffMinutes],
        ["yealink-cp925"] = [DeviceSetting.ScreenOffMinutes, DeviceSetting.LockCode],
    };

    [Fact]
    public void Every_model_supports_every_setting_but_the_ones_it_lacks()
    {
        foreach (var model in DeviceCatalog.All)
        {
            var lacking = Lacking.GetValueOrDefault(model.Id, []);
            foreach (var setting in Enum.GetValues<DeviceSetting>())
            {
                var expected = model.IsDectBase ? setting == DeviceSetting.CallWaiting : !lacking.Contains(setting);
                Assert.True(model.Supports(setting) == expected, $"{model}: {setting}");
            }
        }
    }

    [Theory]
    [InlineData("yealink-t30")]
    [InlineData("yealink-t30p")]
    [InlineData("yealink-t31g")]
    [InlineData("yealink-t31p")]
    public void The_entry_level_t3x_offer_the_first_four_ringtones(string id)
    {
        var model = DeviceCatalog.Get(id);
        Assert.Equal(["Ring1", "Ring2", "Ring3", "Ring4"], model.Settings.Ringtones);
        Assert.NotEmpty(model.Validate(new DeviceSettings { Ringtone = "Ring5" }));
    }

    [Fact]
    public void A_conference_phone_rejects_the_settings_it_lacks()
    {
        var cp925 = DeviceCatalog.Get("yealink-cp925");
        var errors = cp925.Validate(new DeviceSettings { ScreenOffMinutes = 5, LockCode = "1234", Ringtone = "Ring2" });
        Assert.Equal(["lockCode", "screenOffMinutes"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal("setting.unsupported", e.Code));
        Assert.Empty(DeviceCatalog.Get("yealink-cp920").Validate(new DeviceSettings { LockCode = "1234" }));
    }
}
