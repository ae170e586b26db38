using System.Text;
using System.Xml.Linq;
using Sophia.Provisioning.Rendering;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>Equipment in stock gets no secret and no user data; previews mask secrets unless asked.</summary>
public sealed class StagingAndPreviewTests
{
    private static readonly string[] Secrets = ["sip-secret-", "2580", "prov-demo"];

    [Theory]
    [InlineData("001565aa0001.cfg")]
    [InlineData("001565aa0001-phonebook.xml")]
    [InlineData("001565aa0002.cfg")]
    [InlineData("0004f2a1b2c4-sophia.cfg")]
    [InlineData("0004f2a1b2c4-directory.xml")]
    public async Task A_phone_in_stock_gets_a_staging_file_with_no_secret_and_no_user_data(string fileName)
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var file = await harness.RenderAsync(fileName);
        var text = RenderingHarness.Text(file);

        Assert.False(file.ContainsSecrets);
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.All(new[] { "Seldon", "Picard", "Ricardo", "Bieth", "15rp.sewan.eu" }, name => Assert.DoesNotContain(name, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Yealink_in_stock_has_its_account_switched_off_and_its_lock_removed()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var cfg = YealinkCfg.Parse(await harness.TextAsync("001565aa0001.cfg"));

        Assert.Equal("0", cfg["account.1.enable"]);
        Assert.Equal("%NULL%", cfg["account.1.password"]);
        Assert.Equal("0", cfg["phone_setting.phone_lock.enable"]);
        Assert.Equal("%NULL%", cfg["remote_phonebook.data.1.url"]);
        Assert.All(Enumerable.Range(1, 27), n => Assert.Equal("0", cfg[$"linekey.{n}.type"]));
        // Time and provisioning basics still come, so the phone keeps checking for its assignment.
        Assert.Equal("3/5/7/2", cfg["local_time.start_time"]);
        Assert.Equal("1", cfg["static.auto_provision.repeat.enable"]);
    }

    [Fact]
    public async Task A_Polycom_in_stock_has_no_registration_and_an_empty_directory()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var config = XDocument.Parse(await harness.TextAsync("0004f2a1b2c4-sophia.cfg"));
        var directory = XDocument.Parse(await harness.TextAsync("0004f2a1b2c4-directory.xml"));

        Assert.DoesNotContain(config.Descendants().SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("reg.1.", StringComparison.Ordinal));
        Assert.Empty(directory.Descendants("item"));
    }

    [Fact]
    public async Task A_preview_masks_the_SIP_password_and_the_lock_code_unless_asked_to_reveal_them()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;

        var masked = await harness.Renderer.RenderPreviewAsync(db, TestParc.SeldonT46S, "001565988c06.cfg", revealSecrets: false, harness.Context, CancellationToken.None);
        var revealed = await harness.Renderer.RenderPreviewAsync(db, TestParc.SeldonT46S, "001565988c06.cfg", revealSecrets: true, harness.Context, CancellationToken.None);

        Assert.NotNull(masked);
        Assert.NotNull(revealed);
        var maskedCfg = YealinkCfg.Parse(Encoding.UTF8.GetString(masked.File.Content));
        Assert.True(masked.SecretsMasked);
        Assert.False(masked.File.ContainsSecrets);
        Assert.Equal(ConfigRenderer.SecretMask, maskedCfg["account.1.password"]);
        Assert.Equal(ConfigRenderer.SecretMask, maskedCfg["phone_setting.phone_lock.unlock_pin"]);
        Assert.Equal(ConfigRenderer.SecretMask, maskedCfg["remote_phonebook.data.1.password"]);
        Assert.DoesNotContain("sip-secret-cseldon", Encoding.UTF8.GetString(masked.File.Content), StringComparison.Ordinal);
        Assert.Equal("cseldon", maskedCfg["account.1.user_name"]);

        var revealedCfg = YealinkCfg.Parse(Encoding.UTF8.GetString(revealed.File.Content));
        Assert.False(revealed.SecretsMasked);
        Assert.True(revealed.File.ContainsSecrets);
        Assert.Equal("sip-secret-cseldon", revealedCfg["account.1.password"]);
        Assert.Equal("2580", revealedCfg["phone_setting.phone_lock.unlock_pin"]);
        Assert.NotEqual(ConfigRenderer.SecretMask, revealedCfg["remote_phonebook.data.1.password"]);
        Assert.Equal("yealink/mac.cfg.sbn", masked.Template.Definition.Name);
        Assert.False(masked.Template.IsOverride);
    }

    [Fact]
    public async Task A_preview_shows_what_the_phone_gets_with_its_warnings()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var mac = Sophia.DeviceModels.Identification.MacAddress.Parse("001565000401");
        await harness.Parc.AddEquipmentAsync(mac, "yealink-t31p", harness.Parc.Mandar, harness.Parc.Seldon, harness.SeldonSettings);
        var db = harness.Parc.Db;

        var preview = await harness.Renderer.RenderPreviewAsync(db, mac, "001565000401.cfg", revealSecrets: false, harness.Context, CancellationToken.None);
        var phone = await harness.RenderAsync("001565000401.cfg");

        Assert.NotNull(preview);
        Assert.Contains(preview.File.Warnings, w => w.Contains("Key 3 (supervision of Ricardo Lu) is not placed", StringComparison.Ordinal));
        Assert.Contains(preview.File.Warnings, w => w.Contains("Key 4 (speed dial Chloe 0654897845) is not placed", StringComparison.Ordinal));
        Assert.Equal(phone.Warnings, preview.File.Warnings);
        Assert.Equal(["y000000000123.cfg", "001565000401.cfg", "001565000401-phonebook.xml"], ProvisioningFileNames.For(Sophia.DeviceModels.Catalog.DeviceCatalog.Get("yealink-t31p"), mac));
    }

    [Fact]
    public async Task A_preview_refuses_another_phones_file_and_has_nothing_for_a_file_the_phone_does_not_get()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Renderer.RenderPreviewAsync(db, TestParc.SeldonT46S, "0004f2a1b2c3-sophia.cfg", false, harness.Context, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Renderer.RenderPreviewAsync(db, TestParc.SeldonT46S, "sip.ld", false, harness.Context, CancellationToken.None));
        Assert.Null(await harness.Renderer.RenderPreviewAsync(db, TestParc.SeldonT46S, "001565988c06-directory.xml", false, harness.Context, CancellationToken.None));
        Assert.Null(await harness.Renderer.RenderPreviewAsync(db, TestParc.SeldonT46S, "000000000000.cfg", false, harness.Context, CancellationToken.None));
        var master = await harness.Renderer.RenderPreviewAsync(db, TestParc.LuVvx450, "000000000000.cfg", false, harness.Context, CancellationToken.None);
        Assert.NotNull(master);
        Assert.Contains("[PHONE_MAC_ADDRESS]-sophia.cfg", Encoding.UTF8.GetString(master.File.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_MAC_gets_nothing()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;

        foreach (var name in new[] { "001565ffffff.cfg", "001565ffffff-phonebook.xml", "0004f2ffffff-sophia.cfg", "0004f2ffffff-directory.xml" })
        {
            Assert.True(FileRequest.TryParse(name, out var request));
            Assert.Null(await harness.Renderer.RenderAsync(db, request, harness.Context, CancellationToken.None));
        }
    }
}
