using Sophia.DeviceModels.Identification;

namespace Sophia.DeviceModels.Tests.Identification;

/// <summary>User-Agents as real phones send them (vendor docs, provisioning-server logs and test suites).</summary>
public sealed class UserAgentParserTests
{
    [Theory]
    [InlineData("Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06", "T46S", "66.86.0.15", "001565988c06", "yealink-t46s")]
    [InlineData("Yealink SIP-T46U 108.86.0.90 80:5e:c0:12:34:56", "T46U", "108.86.0.90", "805ec0123456", "yealink-t46u")]
    [InlineData("Yealink SIP-T54W 96.86.0.45 44:db:d2:01:02:03", "T54W", "96.86.0.45", "44dbd2010203", "yealink-t54w")]
    [InlineData("Yealink SIP-T31G 124.85.257.55 80:5e:c0:d5:7d:72", "T31G", "124.85.257.55", "805ec0d57d72", "yealink-t31g")]
    [InlineData("Yealink SIP-T31P 124.86.0.40 80:5e:c0:12:34:56", "T31P", "124.86.0.40", "805ec0123456", "yealink-t31p")]
    [InlineData("Yealink SIP-T33G 124.85.257.55 80:5e:c0:bd:ea:ef", "T33G", "124.85.257.55", "805ec0bdeaef", "yealink-t33g")]
    [InlineData("Yealink SIP-T33G 124.86.0.118 24:9a:d8:1e:83:fa", "T33G", "124.86.0.118", "249ad81e83fa", "yealink-t33g")]
    [InlineData("Yealink SIP-T34W 124.86.0.75 24:9a:d8:88:d0:f4", "T34W", "124.86.0.75", "249ad888d0f4", "yealink-t34w")]
    [InlineData("Yealink SIP-T46G 28.83.0.120 00:15:65:4a:a9:37", "T46G", "28.83.0.120", "0015654aa937", null)]
    [InlineData("Yealink SIP-T48G 35.83.0.120 00:15:65:5c:60:82", "T48G", "35.83.0.120", "0015655c6082", null)]
    [InlineData("Yealink SIP-T21P_E2 52.80.0.3 00:15:65:4c:4c:26", "T21P_E2", "52.80.0.3", "0015654c4c26", null)]
    [InlineData("yealink SIP-T28P 2.70.0.140 00:15:65:13:ae:0b", "T28P", "2.70.0.140", "00156513ae0b", null)]
    [InlineData("yealink SIP-T29G 46.83.0.120 00:15:65:13:ae:0b", "T29G", "46.83.0.120", "00156513ae0b", null)]
    [InlineData("Yealink SIP VP-T49G 51.80.0.10 00:15:65:9b:5a:44", "T49G", "51.80.0.10", "0015659b5a44", null)]
    [InlineData("Yealink SIP-T38G  38.70.0.125 00:15:65:2f:c3:5e", "T38G", "38.70.0.125", "0015652fc35e", null)]
    [InlineData("Yealink SIP-T56A  58.80.0.25 001565f429a4", "T56A", "58.80.0.25", "001565f429a4", null)]
    [InlineData("Yealink SIP-CP920 78.85.0.5 00:15:65:5e:16:7c", "CP920", "78.85.0.5", "0015655e167c", "yealink-cp920")]
    [InlineData("Yealink CP860 37.72.0.5 00:15:65:8a:37:86", "CP860", "37.72.0.5", "0015658a3786", null)]
    [InlineData("Yealink SIP-T77U 185.87.0.10 44:db:d2:bd:b5:69", "T77U", "185.87.0.10", "44dbd2bdb569", null)]
    [InlineData("Yealink W52P 25.80.0.15 00:15:65:b8:60:05", "W52P", "25.80.0.15", "001565b86005", null)]
    [InlineData("Yealink W60B 77.81.0.35 80:5e:c0:09:ab:dc", "W60B", "77.81.0.35", "805ec009abdc", "yealink-w60b")]
    [InlineData("Yealink W70B 146.87.0.15 80:5e:0c:1d:65:4e", "W70B", "146.87.0.15", "805e0c1d654e", "yealink-w70b")]
    [InlineData("Yealink W90DM 130.87.0.10 80:5e:c0:d9:c7:44", "W90DM", "130.87.0.10", "805ec0d9c744", null)]
    [InlineData("Yealink SIP-W52P 25.73.0.20 00:15:65:40:ae:35", "W52P", "25.73.0.20", "00156540ae35", null)]
    public void Yealink_user_agents_give_model_firmware_and_mac(string userAgent, string modelName, string firmware, string mac, string? catalogId)
    {
        Assert.True(UserAgentParser.TryParse(userAgent, out var identity));
        Assert.Equal(Vendor.Yealink, identity.Vendor);
        Assert.Equal(modelName, identity.ModelName);
        Assert.Equal(firmware, identity.Firmware);
        Assert.Equal(MacAddress.Parse(mac), identity.Mac);
        Assert.Equal(catalogId, identity.Model?.Id);
    }

    [Theory]
    [InlineData("W52P 25.30.0.2 00:15:65:b8:60:05", "W52P", "25.30.0.2")]
    [InlineData("VP530P 23.70.0.40 00:15:65:11:22:33", "VP530P", "23.70.0.40")]
    public void Yealink_devices_that_leave_out_the_vendor_are_still_yealink(string userAgent, string modelName, string firmware)
    {
        Assert.True(UserAgentParser.TryParse(userAgent, out var identity));
        Assert.Equal(Vendor.Yealink, identity.Vendor);
        Assert.Equal(modelName, identity.ModelName);
        Assert.Equal(firmware, identity.Firmware);
        Assert.NotNull(identity.Mac);
    }

    [Theory]
    [InlineData("Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0", "T46G", "28.71.0.81")]
    [InlineData("Yealink SIP-T20P 9.72.0.30 00:15:6525ef16a7c", "T20P", "9.72.0.30")]
    [InlineData("Yealink SIP-T46S 66.86.0.15", "T46S", "66.86.0.15")]
    public void A_yealink_agent_without_a_valid_mac_still_identifies_the_model(string userAgent, string modelName, string firmware)
    {
        Assert.True(UserAgentParser.TryParse(userAgent, out var identity));
        Assert.Equal(modelName, identity.ModelName);
        Assert.Equal(firmware, identity.Firmware);
        Assert.Null(identity.Mac);
    }

    [Theory]
    [InlineData("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application", "VVX 450", "6.4.3.5018", "polycom-vvx450")]
    [InlineData("FileTransport PolycomVVX-VVX_450-UA/5.9.1.0615 Type/Application", "VVX 450", "5.9.1.0615", "polycom-vvx450")]
    [InlineData("FileTransport PolycomVVX-VVX_410-UA/5.9.0.9373 Type/Application", "VVX 410", "5.9.0.9373", "polycom-vvx410")]
    [InlineData("FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 Type/Application", "VVX 400", "4.1.4.7430", "polycom-vvx400")]
    [InlineData("FileTransport PolycomVVX-VVX_101-UA/5.4.3.1014 Type/Application", "VVX 101", "5.4.3.1014", "polycom-vvx101")]
    [InlineData("FileTransport PolycomVVX-VVX_310-UA/5.1.1.2986", "VVX 310", "5.1.1.2986", "polycom-vvx310")]
    [InlineData("FileTransport PolycomVVX-VVX_501-UA/6.4.6.0123", "VVX 501", "6.4.6.0123", "polycom-vvx501")]
    [InlineData("FileTransport PolycomVVX-VVX_150-UA/6.4.4.8275 Type/Application", "VVX 150", "6.4.4.8275", "polycom-vvx150")]
    [InlineData("FileTransport PolycomSoundPointIP-SPIP_335-UA/3.2.1.0078", "SPIP 335", "3.2.1.0078", null)]
    [InlineData("FileTransport PolycomSoundPointIP-SPIP_335-UA/4.2.1.0275", "SPIP 335", "4.2.1.0275", null)]
    [InlineData("FileTransport PolyEdge-Edge_E450-UA/8.0.0.15602 Type/Application", "Edge E450", "8.0.0.15602", "polycom-edge-e450")]
    [InlineData("PolycomVVX-VVX_250-UA/6.4.4.8275", "VVX 250", "6.4.4.8275", "polycom-vvx250")]
    public void Polycom_user_agents_give_model_and_firmware(string userAgent, string modelName, string firmware, string? catalogId)
    {
        Assert.True(UserAgentParser.TryParse(userAgent, out var identity));
        Assert.Equal(Vendor.Polycom, identity.Vendor);
        Assert.Equal(modelName, identity.ModelName);
        Assert.Equal(firmware, identity.Firmware);
        Assert.Null(identity.Mac);
        Assert.Equal(catalogId, identity.Model?.Id);
    }

    [Theory]
    [InlineData("FileTransport PolycomVVX-VVX_500-UA/5.9.7.47435 Type/Updater", "VVX 500", "5.9.7.47435")]
    [InlineData("FileTransport PolycomSoundStationIP-SSIP_6000-UA/5.0.3.1667 Type/Updater", "SSIP 6000", "5.0.3.1667")]
    [InlineData("FileTransport PolycomVVX-VVX_450-UA/6.1.0.6189 Type/updater", "VVX 450", "6.1.0.6189")]
    public void A_polycom_updater_request_gives_the_updaters_version_not_the_firmware(string userAgent, string modelName, string updater)
    {
        Assert.True(UserAgentParser.TryParse(userAgent, out var identity));
        Assert.Equal(Vendor.Polycom, identity.Vendor);
        Assert.Equal(modelName, identity.ModelName);
        Assert.Null(identity.Firmware);
        Assert.Equal(updater, identity.UpdaterVersion);
    }

    [Fact]
    public void A_polycom_application_request_gives_the_firmware_and_no_updater_version()
    {
        Assert.True(UserAgentParser.TryParse("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application", out var identity));
        Assert.Equal("6.4.3.5018", identity.Firmware);
        Assert.Null(identity.UpdaterVersion);
    }

    [Theory]
    [InlineData("FileTransport PolyCCX-CCX_600-UA/8.0.2.3267 (SN:482567b5313f) Type/Application", "CCX 600", "8.0.2.3267", "482567b5313f", null)]
    [InlineData("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 (SN:0004f2a1b2c3) Type/Application", "VVX 450", "6.4.3.5018", "0004f2a1b2c3", "polycom-vvx450")]
    [InlineData("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 (SN:0004f2a1b2c3)", "VVX 450", "6.4.3.5018", "0004f2a1b2c3", "polycom-vvx450")]
    public void A_polycom_user_agent_with_a_serial_number_gives_it_and_the_mac(string userAgent, string modelName, string firmware, string serial, string? catalogId)
    {
        Assert.True(UserAgentParser.TryParse(userAgent, out var identity));
        Assert.Equal(Vendor.Polycom, identity.Vendor);
        Assert.Equal(modelName, identity.ModelName);
        Assert.Equal(firmware, identity.Firmware);
        Assert.Equal(serial, identity.SerialNumber);
        Assert.Equal(MacAddress.Parse(serial), identity.Mac);
        Assert.Equal(catalogId, identity.Model?.Id);
    }

    [Theory]
    [InlineData("PolycomVVX-VVX_150-UA/6.4.1.2280_482567164887", "VVX 150", "6.4.1.2280", "482567164887")]
    [InlineData("PolycomVVX-VVX_150-UA/6.2.0.3937_64167f39299c", "VVX 150", "6.2.0.3937", "64167f39299c")]
    [InlineData("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018_0004f2a1b2c3 Type/Application", "VVX 450", "6.4.3.5018", "0004f2a1b2c3")]
    public void Polycom_user_agents_with_a_mac_after_the_version_give_the_mac(string userAgent, string modelName, string firmware, string mac)
    {
        Assert.True(UserAgentParser.TryParse(userAgent, out var identity));
        Assert.Equal(Vendor.Polycom, identity.Vendor);
        Assert.Equal(modelName, identity.ModelName);
        Assert.Equal(firmware, identity.Firmware);
        Assert.Equal(MacAddress.Parse(mac), identity.Mac);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Yealink")]
    [InlineData("curl/8.5.0")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36")]
    [InlineData("SIP-T33G 124.86.0.118 24:9a:d8:1e:83:fa")]
    [InlineData("Yealink SIP-T46S")]
    [InlineData("Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06 extra")]
    [InlineData("Grandstream Model HW GXP2170 SW 1.0.11.3 DevId c074ad123456")]
    [InlineData("snomD785-SIP 10.1.169.16")]
    [InlineData("Polycom/6.0.0.0 PolycomVVX-VVX_501-UA/6.0.0.0")]
    [InlineData("FileTransport PolycomVVX-UA/6.4.3.5018")]
    [InlineData("AUDC-IPPhone-445HD_UC_3.4.8/1.0")]
    public void Other_agents_are_not_identified(string? userAgent)
    {
        Assert.False(UserAgentParser.TryParse(userAgent, out var identity));
        Assert.Null(identity);
    }

    [Fact]
    public void Surrounding_whitespace_is_ignored()
    {
        Assert.True(UserAgentParser.TryParse("  Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06\r\n", out var identity));
        Assert.Equal("yealink-t46s", identity.Model?.Id);
    }

    [Theory]
    [InlineData("00:15:65:98:8c:06", Vendor.Yealink)]
    [InlineData("80:5e:c0:d5:7d:72", Vendor.Yealink)]
    [InlineData("80:5e:0c:1d:65:4e", Vendor.Yealink)]
    [InlineData("24:9a:d8:88:d0:f4", Vendor.Yealink)]
    [InlineData("44:db:d2:bd:b5:69", Vendor.Yealink)]
    [InlineData("e4:34:d7:00:00:01", Vendor.Yealink)]
    [InlineData("c4:fc:22:00:00:01", Vendor.Yealink)]
    [InlineData("00:04:f2:a1:b2:c3", Vendor.Polycom)]
    [InlineData("64:16:7f:39:29:9c", Vendor.Polycom)]
    [InlineData("48:25:67:16:48:87", Vendor.Polycom)]
    public void The_oui_tells_the_vendor(string mac, Vendor vendor)
    {
        Assert.Equal(vendor, UserAgentParser.VendorFromOui(MacAddress.Parse(mac)));
    }

    [Theory]
    [InlineData("00:04:13:aa:bb:dd")]
    [InlineData("0c:38:3e:6b:0c:ff")]
    [InlineData("00:00:00:00:00:00")]
    [InlineData("00:15:66:98:8c:06")]
    public void An_unknown_oui_has_no_vendor(string mac)
    {
        Assert.Null(UserAgentParser.VendorFromOui(MacAddress.Parse(mac)));
    }

    [Fact]
    public void The_demo_parc_macs_belong_to_their_vendors()
    {
        Assert.Equal(Vendor.Yealink, UserAgentParser.VendorFromOui(MacAddress.Parse("00:15:65:98:8C:06")));
        Assert.Equal(Vendor.Polycom, UserAgentParser.VendorFromOui(MacAddress.Parse("00:04:F2:A1:B2:C3")));
    }
}
