using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;

namespace Sophia.DeviceModels.Tests.Identification;

/// <summary>
/// The User-Agent each catalog model sends while provisioning, in its vendor's format (reference notes §3), read back
/// to the vendor, the catalog model, the firmware and the MAC. A model added to the catalog needs its row here.
/// </summary>
public sealed class CatalogUserAgentTests
{
    private static readonly Dictionary<string, (string UserAgent, string Firmware, string Mac)> Agents = new(StringComparer.Ordinal)
    {
        ["yealink-t31p"] = ("Yealink SIP-T31P 124.86.0.40 80:5e:c0:12:34:01", "124.86.0.40", "805ec0123401"),
        ["yealink-t33g"] = ("Yealink SIP-T33G 124.86.0.118 24:9a:d8:1e:83:fa", "124.86.0.118", "249ad81e83fa"),
        ["yealink-t43u"] = ("Yealink SIP-T43U 108.86.0.90 44:db:d2:00:43:01", "108.86.0.90", "44dbd2004301"),
        ["yealink-t46s"] = ("Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06", "66.86.0.15", "001565988c06"),
        ["yealink-t46u"] = ("Yealink SIP-T46U 108.86.0.90 80:5e:c0:12:34:56", "108.86.0.90", "805ec0123456"),
        ["yealink-t48s"] = ("Yealink SIP-T48S 66.86.0.15 00:15:65:48:00:01", "66.86.0.15", "001565480001"),
        ["yealink-t48u"] = ("Yealink SIP-T48U 108.86.0.90 80:5e:c0:48:00:02", "108.86.0.90", "805ec0480002"),
        ["yealink-t53w"] = ("Yealink SIP-T53W 96.86.0.45 44:db:d2:53:00:01", "96.86.0.45", "44dbd2530001"),
        ["yealink-t54w"] = ("Yealink SIP-T54W 96.86.0.45 44:db:d2:01:02:03", "96.86.0.45", "44dbd2010203"),
        ["yealink-t57w"] = ("Yealink SIP-T57W 96.86.0.45 24:9a:d8:57:00:01", "96.86.0.45", "249ad8570001"),
        ["yealink-w60b"] = ("Yealink W60B 77.81.0.35 80:5e:c0:09:ab:dc", "77.81.0.35", "805ec009abdc"),
        ["yealink-w70b"] = ("Yealink W70B 146.87.0.15 80:5e:c0:70:0b:01", "146.87.0.15", "805ec0700b01"),
        // Polycom puts the MAC after the version (UCS 6.x) or in a serial-number token; without either, it is in no UA.
        ["polycom-vvx150"] = ("PolycomVVX-VVX_150-UA/6.4.1.2280_482567164887", "6.4.1.2280", "482567164887"),
        ["polycom-vvx250"] = ("FileTransport PolycomVVX-VVX_250-UA/6.4.4.8275_64167f250001 Type/Application", "6.4.4.8275", "64167f250001"),
        ["polycom-vvx350"] = ("FileTransport PolycomVVX-VVX_350-UA/6.4.3.5018 (SN:64167f350001) Type/Application", "6.4.3.5018", "64167f350001"),
        ["polycom-vvx450"] = ("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018_0004f2a1b2c3 Type/Application", "6.4.3.5018", "0004f2a1b2c3"),
        ["polycom-vvx501"] = ("FileTransport PolycomVVX-VVX_501-UA/6.4.6.0123 (SN:0004f2501001) Type/Application", "6.4.6.0123", "0004f2501001"),
        ["polycom-vvx601"] = ("FileTransport PolycomVVX-VVX_601-UA/6.4.6.0123_0004f2601001 Type/Application", "6.4.6.0123", "0004f2601001"),
    };

    public static TheoryData<string> Models() => [.. DeviceCatalog.All.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_catalog_model_is_read_from_its_user_agent(string modelId)
    {
        var model = DeviceCatalog.Get(modelId);
        Assert.True(Agents.TryGetValue(modelId, out var agent), $"No User-Agent of the {model.DisplayName} in this test: add the one it sends.");

        Assert.True(UserAgentParser.TryParse(agent.UserAgent, out var identity));

        Assert.Equal(model.Vendor, identity.Vendor);
        Assert.Equal(model, identity.Model);
        Assert.Equal(model.Name, identity.ModelName);
        Assert.Equal(agent.Firmware, identity.Firmware);
        Assert.Equal(MacAddress.Parse(agent.Mac), identity.Mac);
        Assert.Equal(model.Vendor, UserAgentParser.VendorFromOui(identity.Mac!.Value));
    }
}
