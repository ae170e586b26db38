using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Parc;
using Sophia.Model.Stock;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>
/// The demo parc, plus Cédric Seldon's keys and settings on one phone of every model, plus a reception desk whose
/// keys spill onto expansion modules: one database for every golden test, which only reads it.
/// </summary>
public sealed class GoldenParc : IAsyncLifetime
{
    public RenderingHarness Harness { get; private set; } = null!;

    public static MacAddress MacFor(DeviceModel model)
    {
        var index = DeviceCatalog.All.ToList().IndexOf(model) + 1;
        return MacAddress.Parse(model.Vendor == Vendor.Yealink ? $"0015650010{index:x2}" : $"0004f20010{index:x2}");
    }

    public static readonly MacAddress ReceptionYealink = MacAddress.Parse("00:15:65:00:20:01");
    public static readonly MacAddress ReceptionPolycom = MacAddress.Parse("00:04:F2:00:20:01");
    public static readonly MacAddress DectBase = MacAddress.Parse("80:5E:C0:70:0B:01");

    public async Task InitializeAsync()
    {
        Harness = await RenderingHarness.CreateAsync();
        var parc = Harness.Parc;
        foreach (var model in DeviceCatalog.All)
        {
            await parc.AddEquipmentAsync(MacFor(model), model.Id, parc.Mandar, parc.Seldon, Harness.SeldonSettings);
        }
        var keys = Enumerable.Range(1, 35)
            .Select(i => i % 3 == 0
                ? new FunctionKey { Index = i, Kind = FunctionKeyKind.SpeedDial, Number = $"01 85 73 {i:D2} 00", Label = $"Rapide {i}" }
                : new FunctionKey { Index = i, Kind = FunctionKeyKind.Supervision, SupervisedUserId = i % 2 == 0 ? parc.Lu : parc.Picard, Label = $"Poste {i}" })
            .ToArray();
        var reception = await parc.AddUserAsync("Accueil", "Standard", "accueil", keys: keys);
        await parc.AddEquipmentAsync(ReceptionYealink, "yealink-t48s", parc.Mandar, reception.Id);
        await parc.AddEquipmentAsync(ReceptionPolycom, "polycom-vvx450", parc.Mandar, reception.Id);
        // A W70B with three of its ten handsets in use: 1 (the base's user), 2 and 5.
        var dect = await parc.AddEquipmentAsync(DectBase, "yealink-w70b", parc.Mandar, parc.Picard, new DeviceSettings { CallWaiting = false });
        await using var db = parc.NewDb();
        db.DectHandsets.AddRange(
            new DectHandset { EquipmentId = dect.Id, Number = 2, UserId = parc.Lu },
            new DectHandset { EquipmentId = dect.Id, Number = 5, UserId = reception.Id });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>Every file of the demo parc, and the per-phone file of every model, against reviewed golden files.</summary>
public sealed class GoldenFileTests(GoldenParc parc) : IClassFixture<GoldenParc>
{
    private RenderingHarness Harness => parc.Harness;

    [Theory]
    [InlineData("y000000000066.cfg")]
    [InlineData("001565988c06.cfg")]
    [InlineData("001565988c06-phonebook.xml")]
    [InlineData("000000000000.cfg")]
    [InlineData("0004f2a1b2c3.cfg")]
    [InlineData("0004f2a1b2c3-sophia.cfg")]
    [InlineData("0004f2a1b2c3-directory.xml")]
    [InlineData("001565aa0001.cfg")]
    [InlineData("001565aa0001-phonebook.xml")]
    [InlineData("001565aa0002.cfg")]
    [InlineData("0004f2a1b2c4.cfg")]
    [InlineData("0004f2a1b2c4-sophia.cfg")]
    [InlineData("0004f2a1b2c4-directory.xml")]
    public async Task Demo_parc_files_match_their_golden_files(string fileName) =>
        Golden.Verify($"demo/{fileName}", await Harness.TextAsync(fileName));

    public static TheoryData<string> Models() => [.. DeviceCatalog.All.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Every_model_renders_Cedric_Seldons_phone_as_its_golden_file(string modelId)
    {
        var model = DeviceCatalog.Get(modelId);
        var mac = GoldenParc.MacFor(model);

        var perPhone = model.Vendor == Vendor.Yealink ? ProvisioningFileNames.MacConfig(mac) : ProvisioningFileNames.PolycomPhone(mac);
        var file = await Harness.RenderAsync(perPhone);
        // The warnings are part of what a person reviews: keys not placed, settings the model lacks.
        var warnings = file.Warnings.Count == 0 ? "" : "\n" + string.Join('\n', file.Warnings.Select(w => "warning: " + w)) + "\n";
        Golden.Verify($"models/{modelId}{Path.GetExtension(perPhone)}", RenderingHarness.Text(file).Replace(mac.ToString(), "<mac>", StringComparison.Ordinal) + warnings);
        if (model.Vendor == Vendor.Yealink)
        {
            Golden.Verify($"models/{model.ConfigFamily}", await Harness.TextAsync(model.ConfigFamily));
        }
    }

    [Fact]
    public async Task Keys_beyond_the_phone_go_to_the_expansion_module_as_in_the_golden_files()
    {
        Golden.Verify("expansion/yealink-t48s.cfg", await Harness.TextAsync(ProvisioningFileNames.MacConfig(GoldenParc.ReceptionYealink)));
        Golden.Verify("expansion/polycom-vvx450.cfg", await Harness.TextAsync(ProvisioningFileNames.PolycomPhone(GoldenParc.ReceptionPolycom)));
        Golden.Verify("expansion/polycom-vvx450-directory.xml", await Harness.TextAsync(ProvisioningFileNames.PolycomDirectory(GoldenParc.ReceptionPolycom)));
    }

    [Fact]
    public async Task A_dect_base_with_three_handsets_in_use_renders_an_account_per_handset_as_in_its_golden_file()
    {
        var text = await Harness.TextAsync(ProvisioningFileNames.MacConfig(GoldenParc.DectBase));

        Golden.Verify("dect/yealink-w70b-three-handsets.cfg", text);
        var keys = YealinkCfg.Parse(text);
        Assert.Equal(["1", "2", "5"], keys.Where(k => k.Key.EndsWith(".enable", StringComparison.Ordinal) && k.Key.StartsWith("account.", StringComparison.Ordinal) && k.Value == "1")
            .Select(k => k.Key.Split('.')[1]));
        Assert.Equal("njoly", keys["account.1.user_name"]);
        Assert.Equal("rlu", keys["account.2.user_name"]);
        Assert.Equal("accueil", keys["account.5.user_name"]);
        Assert.Equal("%NULL%", keys["account.3.password"]);
        Assert.All(Enumerable.Range(1, 10), n => Assert.Equal($"{n}", keys[$"handset.{n}.incoming_lines"]));
        Assert.DoesNotContain(keys.Keys, k => k.StartsWith("linekey.", StringComparison.Ordinal) || k.StartsWith("phone_setting.", StringComparison.Ordinal));
    }
}
