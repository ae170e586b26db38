using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Parc;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>Every file of the demo parc, and the per-phone file of every model, against reviewed golden files.</summary>
public sealed class GoldenFileTests
{
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
    public async Task Demo_parc_files_match_their_golden_files(string fileName)
    {
        await using var harness = await RenderingHarness.CreateAsync();
        Golden.Verify($"demo/{fileName}", await harness.TextAsync(fileName));
    }

    public static TheoryData<string> Models() => [.. DeviceCatalog.All.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Every_model_renders_Cedric_Seldons_phone_as_its_golden_file(string modelId)
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var model = DeviceCatalog.Get(modelId);
        var mac = MacAddress.Parse(model.Vendor == Vendor.Yealink ? "00:15:65:00:10:01" : "00:04:F2:00:10:01");
        await harness.Parc.AddEquipmentAsync(mac, modelId, harness.Parc.Mandar, harness.Parc.Seldon, TestParc.SeldonSettings);

        var perPhone = model.Vendor == Vendor.Yealink ? ProvisioningFileNames.MacConfig(mac) : ProvisioningFileNames.PolycomPhone(mac);
        var file = await harness.RenderAsync(perPhone);
        var warnings = file.Warnings.Count == 0 ? "" : "\n" + string.Join('\n', file.Warnings.Select(w => "warning: " + w)) + "\n";
        Golden.Verify($"models/{modelId}{Path.GetExtension(perPhone)}", RenderingHarness.Text(file) + warnings);
        if (model.Vendor == Vendor.Yealink)
        {
            Golden.Verify($"models/{model.ConfigFamily}", await harness.TextAsync(model.ConfigFamily));
        }
    }

    [Fact]
    public async Task Keys_beyond_the_phone_go_to_the_expansion_module_as_in_the_golden_files()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var keys = Enumerable.Range(1, 35)
            .Select(i => i % 3 == 0
                ? new FunctionKey { Index = i, Kind = FunctionKeyKind.SpeedDial, Number = $"01 85 73 {i:D2} 00", Label = $"Rapide {i}" }
                : new FunctionKey { Index = i, Kind = FunctionKeyKind.Supervision, SupervisedUserId = i % 2 == 0 ? harness.Parc.Lu.Id : harness.Parc.Picard.Id, Label = $"Poste {i}" })
            .ToArray();
        var reception = await harness.Parc.AddUserAsync("Accueil", "Standard", "accueil", keys);
        var yealink = MacAddress.Parse("00:15:65:00:20:01");
        var polycom = MacAddress.Parse("00:04:F2:00:20:01");
        await harness.Parc.AddEquipmentAsync(yealink, "yealink-t48s", harness.Parc.Mandar, reception);
        await harness.Parc.AddEquipmentAsync(polycom, "polycom-vvx450", harness.Parc.Mandar, reception);

        Golden.Verify("expansion/yealink-t48s.cfg", await harness.TextAsync(ProvisioningFileNames.MacConfig(yealink)));
        Golden.Verify("expansion/polycom-vvx450.cfg", await harness.TextAsync(ProvisioningFileNames.PolycomPhone(polycom)));
        Golden.Verify("expansion/polycom-vvx450-directory.xml", await harness.TextAsync(ProvisioningFileNames.PolycomDirectory(polycom)));
    }
}
