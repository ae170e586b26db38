using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Contacts;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>Ricardo Lu's VVX 450 and the Polycom files, key by key against the Polycom reference (§2.2).</summary>
public sealed class PolycomRenderingTests
{
    // Every attribute of every element: Polycom UC Software reads parameters wherever they are.
    private static Dictionary<string, string> Parameters(string xml) =>
        XDocument.Parse(xml).Descendants().SelectMany(e => e.Attributes()).ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal);

    [Theory]
    [InlineData("000000000000.cfg")]
    [InlineData("0004f2a1b2c3.cfg")]
    [InlineData("0004f2a1b2c3-sophia.cfg")]
    [InlineData("0004f2a1b2c3-directory.xml")]
    [InlineData("0004f2a1b2c4.cfg")]
    [InlineData("0004f2a1b2c4-sophia.cfg")]
    [InlineData("0004f2a1b2c4-directory.xml")]
    [InlineData("001565988c06-phonebook.xml")]
    public async Task Polycom_files_and_the_Yealink_phonebook_parse_as_XML(string fileName)
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var file = await harness.RenderAsync(fileName);

        var document = XDocument.Parse(RenderingHarness.Text(file));
        Assert.NotNull(document.Root);
        Assert.StartsWith("application/xml", file.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_master_files_list_the_per_phone_file_first()
    {
        await using var harness = await RenderingHarness.CreateAsync();

        var common = Parameters(await harness.TextAsync("000000000000.cfg"));
        var own = Parameters(await harness.TextAsync("0004F2A1B2C3.cfg"));

        Assert.Equal("[PHONE_MAC_ADDRESS]-sophia.cfg", common["CONFIG_FILES"]);
        Assert.Equal("0004f2a1b2c3-sophia.cfg", own["CONFIG_FILES"]);
        Assert.Equal("", own["APP_FILE_PATH"]);
    }

    [Fact]
    public async Task The_VVX_450_registers_Ricardo_Lus_line()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var file = await harness.RenderAsync("0004f2a1b2c3-sophia.cfg");
        var p = Parameters(RenderingHarness.Text(file));

        Assert.True(file.ContainsSecrets);
        Assert.Equal("rlu@15rp.sewan.eu", p["reg.1.address"]);
        Assert.Equal("rlu", p["reg.1.auth.userId"]);
        Assert.Equal("sip-secret-rlu", p["reg.1.auth.password"]);
        Assert.Equal("Ricardo Lu", p["reg.1.displayName"]);
        Assert.Equal("sip.15rp.sewan.eu", p["reg.1.server.1.address"]);
        Assert.Equal("5060", p["reg.1.server.1.port"]);
        Assert.Equal("UDPOnly", p["reg.1.server.1.transport"]);
        Assert.Equal("French_France", p["lcl.ml.lang"]);
        Assert.Equal("0", p["phoneLock.enabled"]);
        Assert.DoesNotContain("feature.enhancedFeatureKeys.enabled", p.Keys);
        // No settings were chosen for this phone: nothing is written for them.
        Assert.DoesNotContain("call.callWaiting.enable", p.Keys);
        Assert.DoesNotContain("device.auth.localUserPassword", p.Keys);
    }

    [Fact]
    public async Task The_VVX_450_gets_the_Paris_daylight_saving_rule_not_dates()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var p = Parameters(await harness.TextAsync("0004f2a1b2c3-sophia.cfg"));

        Assert.Equal("3600", p["tcpIpApp.sntp.gmtOffset"]);
        Assert.Equal("1", p["tcpIpApp.sntp.daylightSavings.enable"]);
        Assert.Equal("0", p["tcpIpApp.sntp.daylightSavings.fixedDayEnable"]);
        Assert.Equal("3", p["tcpIpApp.sntp.daylightSavings.start.month"]);
        Assert.Equal("1", p["tcpIpApp.sntp.daylightSavings.start.dayOfWeek"]);
        Assert.Equal("1", p["tcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth"]);
        Assert.Equal("2", p["tcpIpApp.sntp.daylightSavings.start.time"]);
        Assert.Equal("10", p["tcpIpApp.sntp.daylightSavings.stop.month"]);
        Assert.Equal("1", p["tcpIpApp.sntp.daylightSavings.stop.dayOfWeek.lastInMonth"]);
        Assert.Equal("3", p["tcpIpApp.sntp.daylightSavings.stop.time"]);
        Assert.Equal("pool.ntp.org", p["tcpIpApp.sntp.address"]);
        Assert.Equal("1", p["prov.polling.enabled"]);
        Assert.Equal("86400", p["prov.polling.period"]);
    }

    [Fact]
    public async Task Cedric_Seldons_keys_and_settings_on_a_VVX_use_attendant_entries_flexible_keys_and_the_directory()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var mac = MacAddress.Parse("0004f2000301");
        await harness.Parc.AddEquipmentAsync(mac, "polycom-vvx450", harness.Parc.Mandar, harness.Parc.Seldon, harness.SeldonSettings);

        var p = Parameters(await harness.TextAsync("0004f2000301-sophia.cfg"));
        var directory = XDocument.Parse(await harness.TextAsync("0004f2000301-directory.xml"));

        Assert.Equal("sip:njoly@15rp.sewan.eu", p["attendant.resourceList.1.address"]);
        Assert.Equal("Noémie Picard", p["attendant.resourceList.1.label"]);
        Assert.Equal("normal", p["attendant.resourceList.1.type"]);
        Assert.Equal("sip:rlu@15rp.sewan.eu", p["attendant.resourceList.2.address"]);
        Assert.Equal(("Line", "1"), (p["lineKey.1.category"], p["lineKey.1.index"]));
        Assert.Equal(("BLF", "0"), (p["lineKey.2.category"], p["lineKey.2.index"]));
        Assert.Equal(("BLF", "0"), (p["lineKey.3.category"], p["lineKey.3.index"]));
        Assert.Equal(("SpeedDial", "1"), (p["lineKey.4.category"], p["lineKey.4.index"]));
        var speedDial = directory.Descendants("item").First();
        Assert.Equal(("Chloe", "0654897845", "1"), (speedDial.Element("fn")?.Value, speedDial.Element("ct")?.Value, speedDial.Element("sd")?.Value));

        Assert.Equal("1", p["phoneLock.enabled"]);
        // The lock is an enhanced feature: without them on, phoneLock.enabled does nothing.
        Assert.Equal("1", p["feature.enhancedFeatureKeys.enabled"]);
        Assert.Equal("2580", p["device.auth.localUserPassword"]);
        Assert.Equal("1", p["device.auth.localUserPassword.set"]);
        Assert.Equal("1", p["call.callWaiting.enable"]);
        Assert.Equal("beep", p["call.callWaiting.ring"]);
        Assert.Equal("1", p["lcl.datetime.time.24HourClock"]);
        Assert.Equal(("1", "30"), (p["powerSaving.enable"], p["powerSaving.idleTimeout.officeHours"]));
        // Outside office hours too (nights, weekends), within the 1-10 minutes the phone takes there.
        Assert.Equal("10", p["powerSaving.idleTimeout.offHours"]);
        Assert.Equal("ringer4", p["reg.1.ringType"]);
        // DD/MM/YYYY has no Polycom equivalent: the phone keeps its own date format.
        Assert.DoesNotContain("lcl.datetime.date.format", p.Keys);
    }

    [Fact]
    public async Task Labels_and_names_are_XML_escaped()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;
        var key = await db.FunctionKeys.SingleAsync(k => k.UserId == harness.Parc.Seldon && k.Index == 1);
        key.Label = "R&D <\"Noémie\"> 'P'";
        db.PersonalContacts.Add(new PersonalContact { UserId = harness.Parc.Seldon, LastName = "Dupont & <Fils>", Phone = "01 02 03 04 05" });
        await db.SaveChangesAsync();
        var mac = MacAddress.Parse("0004f2000302");
        await harness.Parc.AddEquipmentAsync(mac, "polycom-vvx450", harness.Parc.Mandar, harness.Parc.Seldon);

        var p = Parameters(await harness.TextAsync("0004f2000302-sophia.cfg"));
        var directory = XDocument.Parse(await harness.TextAsync("0004f2000302-directory.xml"));

        Assert.Equal("R&D <\"Noémie\"> 'P'", p["attendant.resourceList.1.label"]);
        Assert.Contains(directory.Descendants("ln"), e => e.Value == "Dupont & <Fils>");
        Assert.Contains(directory.Descendants("ct"), e => e.Value == "0102030405");
    }

    [Fact]
    public async Task A_phone_of_the_other_vendor_gets_no_Polycom_file()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;
        foreach (var name in new[] { "001565988c06-sophia.cfg", "001565988c06-directory.xml", "0004f2a1b2c3-phonebook.xml" })
        {
            Assert.True(FileRequest.TryParse(name, out var request));
            Assert.Null(await harness.Renderer.RenderAsync(db, request, harness.Context, CancellationToken.None));
        }
    }
}
