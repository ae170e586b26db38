using Sophia.DeviceModels.Catalog;

namespace Sophia.DeviceModels.Tests.Catalog;

public sealed class DeviceCatalogTests
{
    [Theory]
    [InlineData("yealink-t46s")]
    [InlineData("YEALINK-T46S")]
    [InlineData("T46S")]
    [InlineData("t46s")]
    [InlineData("Yealink T46S")]
    [InlineData("yealink t46s")]
    [InlineData("SIP-T46S")]
    [InlineData("Yealink SIP-T46S")]
    [InlineData(" T46S ")]
    [InlineData("T46-S")]
    public void Every_way_of_writing_the_t46s_finds_it(string text)
    {
        Assert.True(DeviceCatalog.TryFind(text, out var model));
        Assert.Equal("yealink-t46s", model.Id);
    }

    [Theory]
    [InlineData("polycom-vvx450")]
    [InlineData("VVX 450")]
    [InlineData("VVX450")]
    [InlineData("vvx-450")]
    [InlineData("vvx_450")]
    [InlineData("Polycom VVX 450")]
    [InlineData("Poly VVX 450")]
    [InlineData("POLYCOM VVX450")]
    public void Every_way_of_writing_the_vvx_450_finds_it(string text)
    {
        Assert.True(DeviceCatalog.TryFind(text, out var model));
        Assert.Equal("polycom-vvx450", model.Id);
    }

    [Theory]
    [InlineData("T53", "yealink-t53")]
    [InlineData("T53W", "yealink-t53w")]
    [InlineData("T30", "yealink-t30")]
    [InlineData("t30p", "yealink-t30p")]
    [InlineData("Yealink SIP-CP920", "yealink-cp920")]
    [InlineData("CP-925", "yealink-cp925")]
    [InlineData("Yealink T44W", "yealink-t44w")]
    [InlineData("SIP-T31G", "yealink-t31g")]
    public void Models_whose_names_differ_by_a_suffix_are_found_apart(string text, string id)
    {
        Assert.True(DeviceCatalog.TryFind(text, out var model));
        Assert.Equal(id, model.Id);
    }

    [Theory]
    [InlineData("polycom-edge-e450")]
    [InlineData("Edge E450")]
    [InlineData("edge-e450")]
    [InlineData("Edge_E450")]
    [InlineData("EdgeE450")]
    [InlineData("Poly Edge E450")]
    [InlineData("Polycom Edge E450")]
    public void Every_way_of_writing_the_edge_e450_finds_it(string text)
    {
        Assert.True(DeviceCatalog.TryFind(text, out var model));
        Assert.Equal("polycom-edge-e450", model.Id);
        Assert.Equal("Edge E450", model.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Yealink")]
    [InlineData("Polycom")]
    [InlineData("SIP")]
    [InlineData("T46")]
    [InlineData("T46G")]
    [InlineData("VVX 411")]
    [InlineData("Edge E410")]
    [InlineData("Yealink Edge E450")]
    [InlineData("450")]
    [InlineData("Yealink VVX 450")]
    [InlineData("Polycom T46S")]
    [InlineData("Polycom SIP-T46S")]
    [InlineData("T46S!")]
    [InlineData("T46S/U")]
    public void Unknown_or_contradictory_names_find_nothing(string? text)
    {
        Assert.False(DeviceCatalog.TryFind(text, out var model));
        Assert.Null(model);
    }

    [Fact]
    public void Every_model_is_found_by_its_id_its_name_and_its_display_name()
    {
        foreach (var model in DeviceCatalog.All)
        {
            Assert.True(DeviceCatalog.TryFind(model.Id, out var byId));
            Assert.Same(model, byId);
            Assert.True(DeviceCatalog.TryFind(model.Name, out var byName));
            Assert.Same(model, byName);
            Assert.True(DeviceCatalog.TryFind(model.DisplayName, out var byDisplayName));
            Assert.Same(model, byDisplayName);
            Assert.Same(model, DeviceCatalog.Get(model.Id));
        }
    }

    [Fact]
    public void Get_accepts_an_id_in_any_case_and_rejects_a_name()
    {
        Assert.Equal("VVX 601", DeviceCatalog.Get("POLYCOM-VVX601").Name);
        var error = Assert.Throws<KeyNotFoundException>(() => DeviceCatalog.Get("T46S"));
        Assert.Contains("yealink-t46s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_holds_the_required_models_once_each()
    {
        string[] expected =
        [
            "yealink-t31p", "yealink-t33g", "yealink-t43u", "yealink-t46s", "yealink-t46u", "yealink-t48s",
            "yealink-t48u", "yealink-t53w", "yealink-t54w", "yealink-t57w",
            "yealink-t30", "yealink-t30p", "yealink-t31g", "yealink-t33p", "yealink-t34w", "yealink-t42u", "yealink-t44u",
            "yealink-t44w", "yealink-t53", "yealink-cp920", "yealink-cp925", "yealink-w60b", "yealink-w70b",
            "polycom-vvx150", "polycom-vvx250", "polycom-vvx350", "polycom-vvx450", "polycom-vvx501", "polycom-vvx601",
            "polycom-vvx101", "polycom-vvx201", "polycom-vvx300", "polycom-vvx310", "polycom-vvx400", "polycom-vvx410",
            "polycom-vvx500", "polycom-vvx600", "polycom-vvx1500",
            "polycom-edge-e100", "polycom-edge-e220", "polycom-edge-e300", "polycom-edge-e320", "polycom-edge-e350",
            "polycom-edge-e400", "polycom-edge-e450", "polycom-edge-e500", "polycom-edge-e550",
        ];
        Assert.Equal(expected.Order(), DeviceCatalog.All.Select(m => m.Id).Order());
        Assert.Equal(DeviceCatalog.All.Count, DeviceCatalog.All.Select(m => m.Name.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void Ids_are_lower_case_vendor_dash_compact_name_and_poly_edge_ids_keep_the_dash_before_the_model()
    {
        foreach (var model in DeviceCatalog.All)
        {
            var separator = model.Name.StartsWith("Edge ", StringComparison.Ordinal) ? "-" : "";
            var expected = $"{model.Vendor}-{model.Name.Replace(" ", separator, StringComparison.Ordinal)}".ToLowerInvariant();
            Assert.Equal(expected, model.Id);
            Assert.Equal($"{model.Vendor} {model.Name}", model.DisplayName);
        }
    }

    [Fact]
    public void Models_are_equal_by_id()
    {
        var t46s = DeviceCatalog.Get("yealink-t46s");
        var copy = t46s with { LineKeyCount = 1 };
        Assert.Equal(t46s, copy);
        Assert.Equal(t46s.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(t46s, DeviceCatalog.Get("yealink-t46u"));
        Assert.Equal("Yealink T46S", t46s.ToString());
    }
}
