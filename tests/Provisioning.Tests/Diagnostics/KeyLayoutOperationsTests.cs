using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Provisioning.Diagnostics;
using Sophia.Provisioning.Tests.Drift;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Diagnostics;

/// <summary>A user's function keys on their phones, as the renderer lays them out, for self-care to draw and flag.</summary>
public sealed class KeyLayoutOperationsTests
{
    private static readonly Uri Base = new("https://console.sophia.test/prov/");

    [Fact]
    public async Task Seldons_keys_follow_his_line_on_the_T46S_line_keys()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var seldon = await prov.Parc.Db.Users.FindAsync(prov.Parc.Seldon);

        var layouts = await prov.Get<KeyLayoutOperations>().ForUserAsync(TestParc.UserCaller(seldon!), prov.Parc.Seldon, Base, CancellationToken.None);

        var t46s = Assert.Single(layouts);
        Assert.Equal(("00:15:65:98:8C:06", "Yealink T46S", 27), (t46s.Mac, t46s.ModelName, t46s.LineKeyCount));
        Assert.Equal(27, t46s.Phone.Count);
        Assert.Equal(["line", "blf", "blf", "speed_dial", "unused"], t46s.Phone.Take(5).Select(k => k.Kind));
        Assert.Equal([null, 1, 2, 3, null], t46s.Phone.Take(5).Select(k => k.FunctionKey));
        Assert.Equal("Chloe", t46s.Phone[3].Label);
        Assert.Equal([(1, KeyPlacement.Phone, 2), (2, KeyPlacement.Phone, 3), (3, KeyPlacement.Phone, 4)],
            t46s.FunctionKeys.Select(k => (k.FunctionKey, k.Placement, k.Number)));
        Assert.Empty(t46s.Expansion);
        Assert.Empty(t46s.Warnings);
    }

    [Fact]
    public async Task Keys_past_a_VVX_450s_line_keys_go_to_its_expansion_module_and_past_a_VVX_250s_are_not_placed()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var keys = Enumerable.Range(1, 13).Select(i => new FunctionKey { Index = i, Kind = FunctionKeyKind.SpeedDial, Number = "01000000" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), Label = "K" + i }).ToArray();
        var user = await prov.Parc.AddUserAsync("Touches", "Beaucoup", "touches", null, keys);
        await prov.Parc.AddEquipmentAsync(MacAddress.Parse("00:04:F2:00:00:45"), "polycom-vvx450", prov.Parc.Mandar, user.Id);
        await prov.Parc.AddEquipmentAsync(MacAddress.Parse("00:04:F2:00:00:25"), "polycom-vvx250", prov.Parc.Mandar, user.Id);

        var layouts = await prov.Get<KeyLayoutOperations>().ForUserAsync(prov.Parc.AdminCaller, user.Id, Base, CancellationToken.None);

        Assert.Equal(["Polycom VVX 450", "Polycom VVX 250"], layouts.Select(l => l.ModelName));
        var vvx450 = layouts[0];
        Assert.Equal((KeyPlacement.Phone, 12), (vvx450.FunctionKeys[10].Placement, vvx450.FunctionKeys[10].Number));
        Assert.Equal([(KeyPlacement.ExpansionModule, 1, 1), (KeyPlacement.ExpansionModule, 1, 2)],
            vvx450.FunctionKeys.Skip(11).Select(k => (k.Placement, k.Module, k.Number)));
        var module = Assert.Single(vvx450.Expansion);
        Assert.Equal((66, "K12"), (module.Count, module[0].Label));
        Assert.Contains(vvx450.Warnings, w => w.Contains("expansion module 1", StringComparison.Ordinal));
        var vvx250 = layouts[1];
        Assert.Equal(4, vvx250.Phone.Count);
        Assert.Equal([KeyPlacement.Phone, KeyPlacement.Phone, KeyPlacement.Phone], vvx250.FunctionKeys.Take(3).Select(k => k.Placement));
        Assert.All(vvx250.FunctionKeys.Skip(3), k => Assert.Equal(KeyPlacement.NotPlaced, k.Placement));
        Assert.Equal(10, vvx250.Warnings.Count(w => w.Contains("is not placed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_key_the_renderer_leaves_out_is_flagged_as_left_out()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        // A speed dial without its number (saved by hand, past the rules): the renderer sends nothing for it.
        var user = await prov.Parc.AddUserAsync("Vieux", "Raccourci", "vieux", null,
            new FunctionKey { Index = 1, Kind = FunctionKeyKind.SpeedDial, Number = null, Label = "Ancien" });
        await prov.Parc.AddEquipmentAsync(MacAddress.Parse("00:15:65:00:00:99"), "yealink-t46s", prov.Parc.Mandar, user.Id);

        var layout = Assert.Single(await prov.Get<KeyLayoutOperations>().ForUserAsync(prov.Parc.AdminCaller, user.Id, Base, CancellationToken.None));

        Assert.Equal(KeyPlacement.LeftOut, Assert.Single(layout.FunctionKeys).Placement);
        Assert.Contains(layout.Warnings, w => w.Contains("left out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_asking_for_another_users_keys_gets_not_found()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var lu = await prov.Parc.Db.Users.FindAsync(prov.Parc.Lu);

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() =>
            prov.Get<KeyLayoutOperations>().ForUserAsync(TestParc.UserCaller(lu!), prov.Parc.Seldon, Base, CancellationToken.None));

        Assert.Equal(RuleViolationKind.NotFound, refused.Kind);
        Assert.Equal("user.notFound", refused.Errors[0].Code);
        var own = await prov.Get<KeyLayoutOperations>().ForUserAsync(new Caller(Role.User, prov.Parc.ClientId, lu!.Id, lu.Login), lu.Id, Base, CancellationToken.None);
        Assert.Equal("Polycom VVX 450", Assert.Single(own).ModelName);
    }
}
