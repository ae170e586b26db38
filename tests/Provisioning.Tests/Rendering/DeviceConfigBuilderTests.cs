using Sophia.DeviceModels.Identification;
using Sophia.Model.Contacts;
using Sophia.Model.Parc;
using Sophia.Provisioning.Rendering;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>The render model built from the parc: key layout, phonebook and its limits, lifecycle.</summary>
public sealed class DeviceConfigBuilderTests
{
    [Fact]
    public async Task Keys_beyond_a_phone_without_expansion_module_are_reported_not_placed()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var mac = MacAddress.Parse("001565000501");
        await harness.Parc.AddEquipmentAsync(mac, "yealink-t31p", harness.Parc.Mandar, harness.Parc.Seldon);

        var config = await DeviceConfigBuilder.BuildAsync(harness.Parc.NewDb(), mac, harness.Context, CancellationToken.None);

        Assert.NotNull(config);
        Assert.Equal([KeyKinds.Line, KeyKinds.Blf], config.Keys.Phone.Select(k => k.Kind));
        Assert.Equal([(3, KeyKinds.Blf, "rlu@15rp.sewan.eu"), (4, KeyKinds.SpeedDial, "0654897845")],
            config.Keys.NotPlaced.Select(k => (k.Position, k.Kind, k.Value)));
        Assert.Empty(config.Keys.Expansion);
        Assert.Equal(2, config.Warnings.Count(w => w.Contains("is not placed: the Yealink T31P has 2 line keys and no expansion module", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Keys_beyond_the_phone_fill_the_expansion_module_and_then_are_not_placed()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        // T46S: 27 keys on the phone, then EXP40 modules of 40 keys, up to 6.
        var keys = Enumerable.Range(1, 26 + 240 + 2)
            .Select(i => new FunctionKey { Index = i, Kind = FunctionKeyKind.SpeedDial, Number = $"0185{i:D6}", Label = $"K{i}" })
            .ToArray();
        var user = await harness.Parc.AddUserAsync("Plein", "Tableau", "plein", keys: keys);
        var mac = MacAddress.Parse("001565000502");
        await harness.Parc.AddEquipmentAsync(mac, "yealink-t46s", harness.Parc.Mandar, user.Id);

        var config = await DeviceConfigBuilder.BuildAsync(harness.Parc.NewDb(), mac, harness.Context, CancellationToken.None);

        Assert.NotNull(config);
        Assert.Equal(27, config.Keys.Phone.Count);
        Assert.Equal(6, config.Keys.Expansion.Count);
        Assert.All(config.Keys.Expansion, m => Assert.Equal(40, m.Keys.Count));
        var first = config.Keys.Expansion[0].Keys[0];
        Assert.Equal((28, 1, 1, "K27"), (first.Position, first.Module, first.Number, first.Label));
        Assert.Equal(["K267", "K268"], config.Keys.NotPlaced.Select(k => k.Label));
        Assert.Equal(268, config.Keys.SpeedDials.Count + config.Keys.NotPlaced.Count);
    }

    [Fact]
    public async Task The_phonebook_has_colleagues_groups_and_externals_with_short_numbers_first_and_not_the_user()
    {
        await using var harness = await RenderingHarness.CreateAsync();

        var config = await DeviceConfigBuilder.BuildAsync(harness.Parc.NewDb(), TestParc.SeldonT46S, harness.Context, CancellationToken.None);

        Assert.NotNull(config);
        var entries = config.Phonebook.Entries;
        Assert.DoesNotContain(entries, e => e.Name == "Cédric Seldon");
        Assert.Equal(["437", "0185737637"], entries.Single(e => e.Name == "Noémie Picard").Numbers);
        Assert.Equal(["0185737640"], entries.Single(e => e.Kind == PhonebookKinds.Group).Numbers);
        Assert.Equal(["500", "0354698654"], entries.Single(e => e.Name == "Régis Bieth").Numbers);
        Assert.Equal(
            [PhonebookKinds.Group, PhonebookKinds.Colleague, PhonebookKinds.Colleague, .. Enumerable.Repeat(PhonebookKinds.External, 5)],
            entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task The_phonebook_is_cut_at_the_models_limit_with_a_warning()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;
        db.PersonalContacts.AddRange(Enumerable.Range(1, 995)
            .Select(i => new PersonalContact { UserId = harness.Parc.Seldon, LastName = $"Contact {i:D4}", Phone = $"06{i:D8}" }));
        await db.SaveChangesAsync();

        var yealink = await DeviceConfigBuilder.BuildAsync(harness.Parc.NewDb(), TestParc.SeldonT46S, harness.Context, CancellationToken.None);
        var phonebook = System.Xml.Linq.XDocument.Parse(await harness.TextAsync("001565988c06-phonebook.xml"));

        Assert.NotNull(yealink);
        // 3 internal + 5 external + 995 personal = 1003 for a limit of 1000.
        Assert.Equal(1000, yealink.Phonebook.Entries.Count);
        Assert.Equal(1003, yealink.Phonebook.Total);
        Assert.Contains("Phonebook cut at 1000 entries, the Yealink T46S limit: 3 of 1003 contacts are left out.", yealink.Warnings);
        Assert.Equal(1000, phonebook.Descendants("DirectoryEntry").Count());

        var mac = MacAddress.Parse("0004f2000601");
        await harness.Parc.AddEquipmentAsync(mac, "polycom-vvx450", harness.Parc.Mandar, harness.Parc.Seldon);
        var directory = System.Xml.Linq.XDocument.Parse(await harness.TextAsync("0004f2000601-directory.xml"));
        // The VVX limit of 500 counts the speed dial kept in the same file.
        Assert.Equal(500, directory.Descendants("item").Count());
        Assert.Single(directory.Descendants("sd"));
    }

    [Fact]
    public async Task Settings_a_model_lacks_are_left_out_with_a_warning()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var mac = MacAddress.Parse("0004f2000701");
        await harness.Parc.AddEquipmentAsync(mac, "polycom-vvx150", harness.Parc.Mandar, harness.Parc.Seldon, harness.SeldonSettings);

        var config = await DeviceConfigBuilder.BuildAsync(harness.Parc.NewDb(), mac, harness.Context, includePhonebook: false, CancellationToken.None);

        Assert.NotNull(config);
        var settings = Assert.IsType<PolycomSettings>(config.Settings);
        Assert.Null(settings.PowerSavingEnable);
        Assert.Null(settings.DateFormat);
        Assert.Equal("ringer4", settings.RingType);
        Assert.Contains(config.Warnings, w => w.Contains("no screen-off delay setting", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.Contains("'DD/MM/YYYY' is not a date format the Polycom VVX 150 accepts", StringComparison.Ordinal));
        Assert.Empty(config.Phonebook.Entries);
    }

    [Fact]
    public async Task Equipment_in_stock_is_staging_and_an_unknown_MAC_is_null()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;

        var siteStock = await DeviceConfigBuilder.BuildAsync(db, TestParc.MandarStockT54W, harness.Context, CancellationToken.None);
        var clientStock = await DeviceConfigBuilder.BuildAsync(db, TestParc.ClientStockT46U, harness.Context, CancellationToken.None);
        var unknown = await DeviceConfigBuilder.BuildAsync(db, MacAddress.Parse("001565123456"), harness.Context, CancellationToken.None);

        Assert.NotNull(siteStock);
        Assert.NotNull(clientStock);
        Assert.Null(unknown);
        Assert.True(siteStock.Staging);
        Assert.Empty(siteStock.Lines);
        Assert.False(siteStock.HasSecrets);
        Assert.Equal("Mandar", siteStock.Owner.Site);
        Assert.Equal("", clientStock.Owner.Site);
        Assert.Equal("Europe/Paris", clientStock.TimeZone.Id);
    }
}
