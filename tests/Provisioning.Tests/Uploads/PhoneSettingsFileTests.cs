using System.Text;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.Uploads;

namespace Sophia.Provisioning.Tests.Uploads;

public sealed class PhoneSettingsFileTests
{
    // As a VVX writes it after the user changed the ring tone and the server address on the phone.
    private const string PhoneCfg = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- Application SIP 6.4.3.5018 -->
        <PHONE_CONFIG>
          <OVERRIDES
            reg.1.server.1.address="sip.elsewhere.example"
            reg.1.displayName="Ricardo"
            np.normal.ringing.calls.tonePattern="ringer7"
            up.backlight.idleIntensity="1" />
        </PHONE_CONFIG>
        """;

    [Fact]
    public void The_overrides_of_a_phone_cfg_are_split_by_whether_Sophia_sets_them()
    {
        var sophia = new Dictionary<string, string>
        {
            ["reg.1.server.1.address"] = "sip.15rp.sewan.eu",
            ["reg.1.displayName"] = "Ricardo Lu",
            ["reg.1.auth.password"] = "********",
        };
        var split = PhoneUploadOperations.Overrides(Encoding.UTF8.GetBytes(PhoneCfg), sophia);

        Assert.NotNull(split);
        Assert.Equal(
            [new LocalSettingDto("reg.1.server.1.address", "sip.elsewhere.example", "sip.15rp.sewan.eu"), new LocalSettingDto("reg.1.displayName", "Ricardo", "Ricardo Lu")],
            split.Value.Shadowing);
        Assert.Equal(["np.normal.ringing.calls.tonePattern", "up.backlight.idleIntensity"], split.Value.Others.Select(o => o.Key));
    }

    [Fact]
    public void A_Yealink_local_cfg_is_read_as_key_values()
    {
        var keys = PhoneSettingsFile.TryParse(Encoding.UTF8.GetBytes("#!version:1.0.0.1\nphone_setting.ring_type = Ring3.wav\n\nlang.gui = English\n"));
        Assert.Equal(new Dictionary<string, string> { ["phone_setting.ring_type"] = "Ring3.wav", ["lang.gui"] = "English" }, keys);
    }

    [Fact]
    public void A_file_with_a_DTD_or_neither_format_is_unreadable()
    {
        Assert.Null(PhoneSettingsFile.TryParse(Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY a \"b\">]><x a=\"&a;\"/>")));
        Assert.Null(PhoneSettingsFile.TryParse(Encoding.UTF8.GetBytes("not a settings file\n")));
    }

    [Theory]
    [InlineData("0004F2A1B2C3-phone.cfg", PhoneUploadKind.PolycomPhoneOverrides)]
    [InlineData("/0004f2a1b2c3-web.cfg", PhoneUploadKind.PolycomWebOverrides)]
    [InlineData("0004f2a1b2c3-app.log", PhoneUploadKind.AppLog)]
    [InlineData("001565988c06-boot.log", PhoneUploadKind.BootLog)]
    [InlineData("001565988c06-local.cfg", PhoneUploadKind.YealinkLocalConfig)]
    [InlineData("001565988c06-sys.log", PhoneUploadKind.SysLog)]
    public void Upload_names_are_understood(string name, PhoneUploadKind kind)
    {
        Assert.True(UploadRequest.TryParse(name, out var request));
        Assert.Equal(kind, request.Kind);
    }

    [Theory]
    [InlineData("0004f2a1b2c3.cfg")]
    [InlineData("0004f2a1b2c3-sophia.cfg")]
    [InlineData("000000000000-phone.cfg")]
    [InlineData("logs/0004f2a1b2c3-app.log")]
    public void Other_names_are_not_uploads(string name) => Assert.False(UploadRequest.TryParse(name, out _));
}
