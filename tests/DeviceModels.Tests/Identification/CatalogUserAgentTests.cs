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
        // Shapes of reference notes §3.1 and Wazo's extractor comments ("Yealink SIP-T31G 124.85.257.55 …",
        // "Yealink SIP-T34W 124.86.0.75 …", "Yealink SIP-CP920 78.85.0.5 00:15:65:5e:16:7c"); the T5x family also
        // sends its MAC without colons.
        ["yealink-t30"] = ("Yealink SIP-T30 124.86.0.75 80:5e:c0:30:00:01", "124.86.0.75", "805ec0300001"),
        ["yealink-t30p"] = ("Yealink SIP-T30P 124.86.0.75 24:9a:d8:30:00:02", "124.86.0.75", "249ad8300002"),
        ["yealink-t31g"] = ("Yealink SIP-T31G 124.85.257.55 80:5e:c0:d5:7d:72", "124.85.257.55", "805ec0d57d72"),
        ["yealink-t33p"] = ("Yealink SIP-T33P 124.86.0.75 80:5e:c0:33:00:01", "124.86.0.75", "805ec0330001"),
        ["yealink-t34w"] = ("Yealink SIP-T34W 124.86.0.75 24:9a:d8:88:d0:f4", "124.86.0.75", "249ad888d0f4"),
        ["yealink-t42u"] = ("Yealink SIP-T42U 108.86.0.45 44:db:d2:42:00:01", "108.86.0.45", "44dbd2420001"),
        ["yealink-t44u"] = ("Yealink SIP-T44U 108.87.0.10 c4:fc:22:44:00:01", "108.87.0.10", "c4fc22440001"),
        ["yealink-t44w"] = ("yealink SIP-T44W  108.87.0.10 44:db:d2:44:00:02", "108.87.0.10", "44dbd2440002"),
        ["yealink-t53"] = ("Yealink SIP-T53 96.86.0.45 805ec0530001", "96.86.0.45", "805ec0530001"),
        ["yealink-cp920"] = ("Yealink SIP-CP920 78.85.0.5 00:15:65:5e:16:7c", "78.85.0.5", "0015655e167c"),
        ["yealink-cp925"] = ("Yealink SIP-CP925 148.86.0.5 44:db:d2:92:50:01", "148.86.0.5", "44dbd2925001"),
        ["yealink-w60b"] = ("Yealink W60B 77.81.0.35 80:5e:c0:09:ab:dc", "77.81.0.35", "805ec009abdc"),
        ["yealink-w70b"] = ("Yealink W70B 146.87.0.15 80:5e:c0:70:0b:01", "146.87.0.15", "805ec0700b01"),
        // Polycom puts the MAC after the version (UCS 6.x) or in a serial-number token; without either, it is in no UA.
        ["polycom-vvx150"] = ("PolycomVVX-VVX_150-UA/6.4.1.2280_482567164887", "6.4.1.2280", "482567164887"),
        ["polycom-vvx250"] = ("FileTransport PolycomVVX-VVX_250-UA/6.4.4.8275_64167f250001 Type/Application", "6.4.4.8275", "64167f250001"),
        ["polycom-vvx350"] = ("FileTransport PolycomVVX-VVX_350-UA/6.4.3.5018 (SN:64167f350001) Type/Application", "6.4.3.5018", "64167f350001"),
        ["polycom-vvx450"] = ("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018_0004f2a1b2c3 Type/Application", "6.4.3.5018", "0004f2a1b2c3"),
        ["polycom-vvx501"] = ("FileTransport PolycomVVX-VVX_501-UA/6.4.6.0123 (SN:0004f2501001) Type/Application", "6.4.6.0123", "0004f2501001"),
        ["polycom-vvx601"] = ("FileTransport PolycomVVX-VVX_601-UA/6.4.6.0123_0004f2601001 Type/Application", "6.4.6.0123", "0004f2601001"),
        // Versions from reference notes §3.2 (Wazo and polycomphones comments) where one exists for the model.
        ["polycom-vvx101"] = ("FileTransport PolycomVVX-VVX_101-UA/5.4.3.1014 (SN:0004f2101001) Type/Application", "5.4.3.1014", "0004f2101001"),
        ["polycom-vvx201"] = ("PolycomVVX-VVX_201-UA/6.4.6.0123_64167f201001", "6.4.6.0123", "64167f201001"),
        ["polycom-vvx300"] = ("FileTransport PolycomVVX-VVX_300-UA/5.9.7.3480 (SN:0004f2300001) Type/Application", "5.9.7.3480", "0004f2300001"),
        ["polycom-vvx310"] = ("FileTransport PolycomVVX-VVX_310-UA/5.1.1.2986 (SN:0004f2310001)", "5.1.1.2986", "0004f2310001"),
        ["polycom-vvx400"] = ("FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 (SN:0004f2400001) Type/Application", "4.1.4.7430", "0004f2400001"),
        ["polycom-vvx410"] = ("FileTransport PolycomVVX-VVX_410-UA/5.9.0.9373 (SN:0004f2410001) Type/Application", "5.9.0.9373", "0004f2410001"),
        ["polycom-vvx500"] = ("FileTransport PolycomVVX-VVX_500-UA/5.9.7.47435 (SN:0004f2500001) Type/Application", "5.9.7.47435", "0004f2500001"),
        ["polycom-vvx600"] = ("PolycomVVX-VVX_600-UA/5.9.7.47435_0004f2600001", "5.9.7.47435", "0004f2600001"),
        ["polycom-vvx1500"] = ("FileTransport PolycomVVX-VVX_1500-UA/5.9.7.3480 (SN:0004f2150001) Type/Application", "5.9.7.3480", "0004f2150001"),
        // Poly Edge E: "PolyEdge-Edge_<model>"; the E220 and E350 forms are as BroadWorks and SIP registrations record them.
        ["polycom-edge-e100"] = ("FileTransport PolyEdge-Edge_E100-UA/8.1.0.12774 (SN:482567e10001) Type/Application", "8.1.0.12774", "482567e10001"),
        ["polycom-edge-e220"] = ("PolyEdge-Edge_E220-UA/8.0.0.13670_48256712b942", "8.0.0.13670", "48256712b942"),
        ["polycom-edge-e300"] = ("FileTransport PolyEdge-Edge_E300-UA/8.1.0.12774 (SN:482567e30001) Type/Application", "8.1.0.12774", "482567e30001"),
        ["polycom-edge-e320"] = ("FileTransport PolyEdge-Edge_E320-UA/8.1.0.12774_482567e32001 Type/Application", "8.1.0.12774", "482567e32001"),
        ["polycom-edge-e350"] = ("PolyEdge-Edge_E350-UA/8.3.1.0614_64167fe35001", "8.3.1.0614", "64167fe35001"),
        ["polycom-edge-e400"] = ("FileTransport PolyEdge-Edge_E400-UA/8.1.0.12774 (SN:482567e40001) Type/Application", "8.1.0.12774", "482567e40001"),
        ["polycom-edge-e450"] = ("FileTransport PolyEdge-Edge_E450-UA/8.0.0.15602 (SN:482567e45001) Type/Application", "8.0.0.15602", "482567e45001"),
        ["polycom-edge-e500"] = ("FileTransport PolyEdge-Edge_E500-UA/8.1.0.12774_482567e50001 Type/Application", "8.1.0.12774", "482567e50001"),
        ["polycom-edge-e550"] = ("FileTransport PolyEdge-Edge_E550-UA/8.1.0.12774 (SN:64167fe55001) Type/Application", "8.1.0.12774", "64167fe55001"),
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
