using Microsoft.EntityFrameworkCore;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>Cédric Seldon's T46S, key by key against the Yealink reference (shared/reference/phone-config-keys.md §2.1).</summary>
public sealed class YealinkRenderingTests
{
    [Fact]
    public async Task The_T46S_registers_Cedric_Seldons_line_through_the_clients_registrar()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var cfg = YealinkCfg.Parse(await harness.TextAsync("001565988c06.cfg"));

        Assert.Equal("1", cfg["account.1.enable"]);
        Assert.Equal("cseldon", cfg["account.1.user_name"]);
        Assert.Equal("cseldon", cfg["account.1.auth_name"]);
        Assert.Equal("sip-secret-cseldon", cfg["account.1.password"]);
        Assert.Equal("Cédric Seldon", cfg["account.1.display_name"]);
        Assert.Equal("Cédric Seldon", cfg["account.1.label"]);
        Assert.Equal("15rp.sewan.eu", cfg["account.1.sip_server.1.address"]);
        Assert.Equal("5060", cfg["account.1.sip_server.1.port"]);
        Assert.Equal("0", cfg["account.1.sip_server.1.transport_type"]);
        Assert.Equal("1", cfg["account.1.outbound_proxy_enable"]);
        Assert.Equal("sip.15rp.sewan.eu", cfg["account.1.outbound_proxy.1.address"]);
    }

    [Fact]
    public async Task The_T46S_has_its_line_then_BLF_on_Noemie_and_Ricardo_then_the_speed_dial_to_Chloe()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var cfg = YealinkCfg.Parse(await harness.TextAsync("001565988c06.cfg"));

        Assert.Equal("15", cfg["linekey.1.type"]);
        Assert.Equal("1", cfg["linekey.1.line"]);
        Assert.Equal("16", cfg["linekey.2.type"]);
        // The SIP user alone: the phone completes it with sip_server.1.address, the SIP domain, into njoly's AOR.
        Assert.Equal("njoly", cfg["linekey.2.value"]);
        Assert.Equal("15rp.sewan.eu", cfg["account.1.sip_server.1.address"]);
        Assert.Equal("Noémie Picard", cfg["linekey.2.label"]);
        Assert.Equal("16", cfg["linekey.3.type"]);
        Assert.Equal("rlu", cfg["linekey.3.value"]);
        Assert.Equal("Ricardo Lu", cfg["linekey.3.label"]);
        Assert.Equal("13", cfg["linekey.4.type"]);
        Assert.Equal("0654897845", cfg["linekey.4.value"]);
        Assert.Equal("Chloe", cfg["linekey.4.label"]);
        // The other 23 DSS keys of the T46S are cleared, none beyond.
        Assert.All(Enumerable.Range(5, 23), n => Assert.Equal("0", cfg[$"linekey.{n}.type"]));
        Assert.False(cfg.ContainsKey("linekey.28.type"));
        Assert.DoesNotContain(cfg.Keys, k => k.StartsWith("expansion_module.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_T46S_gets_its_settings_in_Yealink_values()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var cfg = YealinkCfg.Parse(await harness.TextAsync("001565988c06.cfg"));

        Assert.Equal("1", cfg["phone_setting.phone_lock.enable"]);
        Assert.Equal("2580", cfg["phone_setting.phone_lock.unlock_pin"]);
        Assert.Equal("0", cfg["phone_setting.phone_lock.lock_time_out"]);
        Assert.Equal("3", cfg["local_time.date_format"]);
        Assert.Equal("1", cfg["local_time.time_format"]);
        Assert.Equal("1800", cfg["phone_setting.backlight_time"]);
        Assert.Equal("0", cfg["phone_setting.inactive_backlight_level"]);
        Assert.Equal("Ring3.wav", cfg["phone_setting.ring_type"]);
        Assert.Equal("1", cfg["call_waiting.enable"]);
        Assert.Equal("1", cfg["call_waiting.tone"]);
        Assert.Equal("French", cfg["lang.gui"]);
    }

    [Fact]
    public async Task The_T46S_gets_the_Paris_daylight_saving_rule_not_dates()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var cfg = YealinkCfg.Parse(await harness.TextAsync("001565988c06.cfg"));

        Assert.Equal("+1", cfg["local_time.time_zone"]);
        Assert.Equal("1", cfg["local_time.summer_time"]);
        Assert.Equal("1", cfg["local_time.dst_time_type"]);
        Assert.Equal("3/5/7/2", cfg["local_time.start_time"]);
        Assert.Equal("10/5/7/3", cfg["local_time.end_time"]);
        Assert.Equal("60", cfg["local_time.offset_time"]);
        Assert.Equal("pool.ntp.org", cfg["local_time.ntp_server1"]);
    }

    [Fact]
    public async Task The_phonebook_and_provisioning_URLs_carry_no_credentials()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var text = await harness.TextAsync("001565988c06.cfg");
        var cfg = YealinkCfg.Parse(text);

        var phonebook = new Uri(cfg["remote_phonebook.data.1.url"]);
        Assert.Equal(RenderingHarness.ServerUrl + "001565988c06-phonebook.xml", phonebook.AbsoluteUri);
        Assert.Empty(phonebook.UserInfo);
        Assert.Empty(new Uri(cfg["static.auto_provision.server.url"]).UserInfo);
        Assert.Equal("1", cfg["static.auto_provision.repeat.enable"]);
        Assert.Equal("1440", cfg["static.auto_provision.repeat.minutes"]);
        Assert.DoesNotContain("prov-demo", text, StringComparison.Ordinal);
        // The phonebook has credentials of its own (the phone does not send its provisioning ones there), not the client's.
        Assert.Equal("phonebook-001565988c06", cfg["remote_phonebook.data.1.username"]);
        Assert.Matches("^[A-Za-z0-9_-]{24}$", cfg["remote_phonebook.data.1.password"]);
        Assert.DoesNotContain(cfg.Keys, k => k.EndsWith(".password", StringComparison.Ordinal) && k is not ("account.1.password" or "remote_phonebook.data.1.password"));
    }

    [Fact]
    public async Task A_label_with_a_line_break_cannot_add_a_key()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;
        var key = await db.FunctionKeys.SingleAsync(k => k.UserId == harness.Parc.Seldon && k.Index == 1);
        key.Label = "Noémie\naccount.1.password = stolen\r\nlinekey.9.type = 16";
        await db.SaveChangesAsync();

        var text = await harness.TextAsync("001565988c06.cfg");
        var cfg = YealinkCfg.Parse(text);

        Assert.Equal("sip-secret-cseldon", cfg["account.1.password"]);
        Assert.Equal("0", cfg["linekey.9.type"]);
        Assert.Equal("Noémie account.1.password = stolen  linekey.9.type = 16", cfg["linekey.2.label"]);
        Assert.DoesNotContain(text.Split('\n'), l => l.StartsWith("account.1.password = stolen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_common_file_is_per_family_and_holds_no_secret()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var file = await harness.RenderAsync("Y000000000066.CFG");
        var cfg = YealinkCfg.Parse(RenderingHarness.Text(file));

        Assert.Equal("y000000000066.cfg", file.Name);
        Assert.False(file.ContainsSecrets);
        Assert.Equal("0", cfg["sip.notify_reboot_enable"]);
        Assert.DoesNotContain(cfg.Keys, k => k.StartsWith("account.", StringComparison.Ordinal));
        Assert.True(FileRequest.TryParse("y000000000001.cfg", out var unknownFamily));
        Assert.Null(await harness.Renderer.RenderAsync(harness.Parc.NewDb(), unknownFamily, harness.Context, CancellationToken.None));
    }
}
