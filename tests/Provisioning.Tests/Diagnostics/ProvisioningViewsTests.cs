using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Model.Provisioning;
using Sophia.Model.Rules;
using Sophia.Provisioning.Diagnostics;
using Sophia.Provisioning.Tests.Drift;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Diagnostics;

/// <summary>The helpdesk's provisioning views as operations: the caller and the input in, a result or coded errors out.</summary>
public sealed class ProvisioningViewsTests
{
    private static readonly Uri ApiBase = new("https://api.sophia.test/prov/");
    private const string Seldon = "00:15:65:98:8c:06";

    [Fact]
    public async Task The_preview_masks_secrets_unless_the_helpdesk_asks_and_an_admin_asking_gets_a_coded_400()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var phones = prov.Get<PhoneConfigOperations>();

        var masked = await phones.PreviewAsync(prov.Parc.AdminCaller, Seldon, "001565988c06.cfg", reveal: false, ApiBase, CancellationToken.None);
        var revealed = await phones.PreviewAsync(TestParc.HelpdeskCaller, Seldon, "001565988c06.cfg", reveal: true, ApiBase, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() =>
            phones.PreviewAsync(prov.Parc.AdminCaller, Seldon, "001565988c06.cfg", reveal: true, ApiBase, CancellationToken.None));

        Assert.True(masked.SecretsMasked);
        Assert.Contains("account.1.password = ********", masked.Content, StringComparison.Ordinal);
        Assert.False(revealed.SecretsMasked);
        Assert.Contains("account.1.password = sip-secret-cseldon", revealed.Content, StringComparison.Ordinal);
        AssertError(refused, RuleViolationKind.Invalid, "reveal", "reveal.helpdeskOnly");
    }

    [Theory]
    [InlineData("sip.ld", RuleViolationKind.Invalid, "file.invalid")]
    [InlineData("0004f2a1b2c3-sophia.cfg", RuleViolationKind.Invalid, "file.otherPhone")]
    [InlineData("001565988c06-directory.xml", RuleViolationKind.NotFound, "file.notServed")]
    public async Task A_file_the_phone_does_not_get_is_a_coded_error_naming_the_file(string file, RuleViolationKind kind, string code)
    {
        await using var prov = await ProvisioningParc.CreateAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            prov.Get<PhoneConfigOperations>().PreviewAsync(TestParc.HelpdeskCaller, Seldon, file, reveal: false, ApiBase, CancellationToken.None));

        AssertError(error, kind, "file", code);
        Assert.Equal(file, error.Errors[0].Args["file"]);
    }

    [Fact]
    public async Task Another_clients_phone_reads_as_not_found_in_every_view()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var (other, _) = await prov.Parc.AddClientAsync("Autre", "autre.example.net");
        var stranger = new Caller(Role.ClientAdmin, other, null, "admin@autre.example.net");
        var phones = prov.Get<PhoneConfigOperations>();

        Func<Task>[] views =
        [
            () => phones.FilesAsync(stranger, Seldon, ApiBase, CancellationToken.None),
            () => phones.PreviewAsync(stranger, Seldon, "001565988c06.cfg", reveal: false, ApiBase, CancellationToken.None),
            () => phones.FetchesAsync(stranger, Seldon, PageRequest.First, CancellationToken.None),
        ];
        foreach (var view in views)
        {
            AssertError(await Assert.ThrowsAsync<RuleViolationException>(view), RuleViolationKind.NotFound, "mac", "equipment.notFound");
        }
        var files = await phones.FilesAsync(prov.Parc.AdminCaller, Seldon, ApiBase, CancellationToken.None);
        Assert.Equal(["y000000000066.cfg", "001565988c06.cfg", "001565988c06-phonebook.xml"], files.Select(f => f.File));
        Assert.All(files, f => Assert.Equal((false, null), (f.PendingChanges, f.FetchedVersion)));
    }

    [Fact]
    public async Task The_fetch_log_is_the_phones_own_most_recent_first()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        await prov.FetchedAsync(TestParc.SeldonT46S, "001565988c06.cfg", null, status: 401);
        await prov.FetchedAsync(TestParc.SeldonT46S, "001565988c06.cfg", "v1");
        await prov.FetchedAsync(TestParc.LuVvx450, "0004f2a1b2c3.cfg", "v2");

        var log = await prov.Get<PhoneConfigOperations>().FetchesAsync(prov.Parc.AdminCaller, Seldon, PageRequest.First, CancellationToken.None);

        Assert.Equal(2, log.Total);
        Assert.Equal([(200, "v1"), (401, null)], log.Items.Select(f => (f.Status, f.Version)));
        Assert.All(log.Items, f => Assert.Equal(FetchProtocol.Http, f.Protocol));
    }

    [Fact]
    public async Task Template_impact_is_for_the_helpdesk_and_names_the_templates_when_given_an_unknown_one()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var fleet = prov.Get<FleetOperations>();

        AssertError(await Assert.ThrowsAsync<RuleViolationException>(() => fleet.ImpactAsync(prov.Parc.AdminCaller, "yealink/mac.cfg.sbn", CancellationToken.None)),
            RuleViolationKind.Forbidden, "request", "templateImpact.helpdeskOnly");
        AssertError(await Assert.ThrowsAsync<RuleViolationException>(() => fleet.ImpactAsync(TestParc.HelpdeskCaller, " ", CancellationToken.None)),
            RuleViolationKind.Invalid, "template", "required");
        var unknown = await Assert.ThrowsAsync<RuleViolationException>(() => fleet.ImpactAsync(TestParc.HelpdeskCaller, "cisco/sep.cnf.xml.sbn", CancellationToken.None));
        AssertError(unknown, RuleViolationKind.Invalid, "template", "template.unknown");
        Assert.Contains("yealink/mac.cfg.sbn", unknown.Errors[0].Args["names"], StringComparison.Ordinal);

        var impact = await fleet.ImpactAsync(TestParc.HelpdeskCaller, "templates/yealink/mac.cfg.sbn", CancellationToken.None);
        Assert.Equal(("yealink/mac.cfg.sbn", 3, 1, 1), (impact.Template, impact.Devices, impact.Assigned, impact.Clients));
    }

    [Fact]
    public async Task Unknown_devices_are_listed_for_the_helpdesk_only_with_the_vendor_their_MAC_tells()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        await using (var db = prov.Parc.NewDb())
        {
            var at = prov.Parc.Clock.GetUtcNow();
            db.UnknownDevices.Add(new UnknownDevice { Mac = "805ec0112233", FirstSeen = at, LastSeen = at, LastIp = "192.0.2.20", LastUserAgent = "Yealink SIP-T48U 84.86.0.5", Requests = 3 });
            await db.SaveChangesAsync();
        }
        var fleet = prov.Get<FleetOperations>();

        AssertError(await Assert.ThrowsAsync<RuleViolationException>(() => fleet.UnknownDevicesAsync(prov.Parc.AdminCaller, PageRequest.First, CancellationToken.None)),
            RuleViolationKind.Forbidden, "request", "unknownDevices.helpdeskOnly");
        var seen = Assert.Single((await fleet.UnknownDevicesAsync(TestParc.HelpdeskCaller, PageRequest.First, CancellationToken.None)).Items);
        Assert.Equal(("80:5E:C0:11:22:33", "Yealink", 3), (seen.Mac, seen.Vendor, seen.Requests));
    }

    private static void AssertError(RuleViolationException exception, RuleViolationKind kind, string field, string code)
    {
        var error = Assert.Single(exception.Errors);
        Assert.Equal((kind, field, code), (exception.Kind, error.Field, error.Code));
    }
}
