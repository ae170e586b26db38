using Sophia.DeviceModels.Identification;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>
/// Phones without line keys (the CP920/CP925 conference phones, the T30/T30P): the line registers, no <c>linekey.*</c>
/// is written, and the user's function keys are reported as not placed, each with its reason.
/// </summary>
public sealed class NoLineKeyRenderingTests
{
    [Theory]
    [InlineData("yealink-cp920")]
    [InlineData("yealink-cp925")]
    [InlineData("yealink-t30")]
    [InlineData("yealink-t30p")]
    public async Task A_phone_without_line_keys_registers_the_line_and_writes_no_key(string modelId)
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var mac = MacAddress.Parse("001565009201");
        await harness.Parc.AddEquipmentAsync(mac, modelId, harness.Parc.Mandar, harness.Parc.Seldon, harness.SeldonSettings);

        var file = await harness.RenderAsync(ProvisioningFileNames.MacConfig(mac));
        var cfg = YealinkCfg.Parse(RenderingHarness.Text(file));

        Assert.Equal("1", cfg["account.1.enable"]);
        Assert.Equal("cseldon", cfg["account.1.user_name"]);
        Assert.DoesNotContain(cfg.Keys, k => k.StartsWith("linekey.", StringComparison.Ordinal));
        Assert.DoesNotContain(cfg.Keys, k => k.StartsWith("expansion_module.", StringComparison.Ordinal));
        Assert.False(cfg.ContainsKey("phone_setting.backlight_time"));
        Assert.False(cfg.ContainsKey("phone_setting.inactive_backlight_level"));
    }

    [Fact]
    public async Task Blf_keys_on_a_CP920_give_a_warning_each_and_the_line_none()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var mac = MacAddress.Parse("001565009202");
        await harness.Parc.AddEquipmentAsync(mac, "yealink-cp920", harness.Parc.Mandar, harness.Parc.Seldon, harness.SeldonSettings);

        var file = await harness.RenderAsync(ProvisioningFileNames.MacConfig(mac));

        // Cédric Seldon has two supervisions and a speed dial.
        var keyWarnings = file.Warnings.Where(w => w.Contains("is not placed", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, keyWarnings.Count);
        Assert.All(keyWarnings, w => Assert.EndsWith("the Yealink CP920 has no line keys, so no function key can be placed on it.", w, StringComparison.Ordinal));
        Assert.Contains(keyWarnings, w => w.StartsWith("Key 1 (supervision of Noémie Picard)", StringComparison.Ordinal));
        Assert.DoesNotContain(file.Warnings, w => w.Contains("(line 1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_CP920_keeps_its_phone_lock_and_a_CP925_has_none()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var cp920 = MacAddress.Parse("001565009203");
        var cp925 = MacAddress.Parse("001565009204");
        await harness.Parc.AddEquipmentAsync(cp920, "yealink-cp920", harness.Parc.Mandar, harness.Parc.Seldon, harness.SeldonSettings);
        await harness.Parc.AddEquipmentAsync(cp925, "yealink-cp925", harness.Parc.Mandar, harness.Parc.Seldon, harness.SeldonSettings);

        var withLock = YealinkCfg.Parse(await harness.TextAsync(ProvisioningFileNames.MacConfig(cp920)));
        var without = await harness.RenderAsync(ProvisioningFileNames.MacConfig(cp925));

        Assert.Equal("2580", withLock["phone_setting.phone_lock.unlock_pin"]);
        Assert.DoesNotContain(YealinkCfg.Parse(RenderingHarness.Text(without)).Keys, k => k.StartsWith("phone_setting.phone_lock.", StringComparison.Ordinal));
        Assert.Contains(without.Warnings, w => w.Contains("The Yealink CP925 has no lock code setting", StringComparison.Ordinal));
    }
}
