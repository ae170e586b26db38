using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Parc.Sites;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Sites;

public sealed class SiteOperationsTests
{
    [Fact]
    public async Task A_client_admin_creates_a_site_of_their_client_in_Paris_time_by_default()
    {
        await using var parc = await TestParc.CreateAsync();
        var site = await parc.Operation<SiteOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, new SiteInput(" Opéra ", null, null), default);

        Assert.Equal(("Opéra", "Europe/Paris", 1L), (site.Name, site.TimeZone, site.Version));
        var sites = await parc.Operation<SiteOperations>().ListAsync(parc.AdminCaller, parc.ClientId, PageRequest.First, default);
        Assert.Equal(["Mandar", "Opéra", "Wagram"], sites.Items.Select(s => s.Name));
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once_with_its_code_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateAsync();
        var input = new SiteInput("", "Europe/Atlantis", ["192.0.2.0/24", "not-a-network"]);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<SiteOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, input, default));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal(
            [("name", "required"), ("timeZone", "timeZone.unknown"), ("tftpAllowedNetworks[1]", "network.invalid")],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("not-a-network", error.Errors[2].Args["value"]);
        Assert.Equal(2, await parc.Db.Sites.CountAsync());
    }

    [Fact]
    public async Task An_IPv4_network_written_as_IPv6_is_refused_since_it_could_never_match()
    {
        await using var parc = await TestParc.CreateAsync();
        var input = new SiteInput("Opéra", null, ["::ffff:192.0.2.0/120", "::ffff:198.51.100.7", "2001:db8::/32"]);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<SiteOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, input, default));

        Assert.Equal([("tftpAllowedNetworks[0]", "network.ipv4Mapped"), ("tftpAllowedNetworks[1]", "network.ipv4Mapped")],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("192.0.2.0/24", error.Errors[0].Args["ipv4"]);
        Assert.Equal("198.51.100.7/32", error.Errors[1].Args["ipv4"]);
    }

    [Fact]
    public async Task A_second_site_of_the_same_name_is_a_conflict()
    {
        await using var parc = await TestParc.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<SiteOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, new SiteInput("Mandar", null, null), default));
        Assert.Equal((RuleViolationKind.Conflict, "site.nameTaken", "Mandar"), (error.Kind, error.Errors[0].Code, error.Errors[0].Args["name"]));
    }

    [Fact]
    public async Task Another_clients_admin_and_a_plain_user_find_no_such_site()
    {
        await using var parc = await TestParc.CreateAsync();
        var (otherClient, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var strangers = new[] { new Caller(Role.ClientAdmin, otherClient, null, "admin@autre"), new Caller(Role.User, parc.ClientId, 1, "someone") };
        foreach (var stranger in strangers)
        {
            var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<SiteOperations>().GetAsync(stranger, parc.Mandar, default));
            Assert.Equal((RuleViolationKind.NotFound, "site.notFound"), (error.Kind, error.Errors[0].Code));
        }
    }

    [Fact]
    public async Task An_update_with_a_stale_version_changes_nothing()
    {
        await using var parc = await TestParc.CreateAsync();
        var sites = parc.Operation<SiteOperations>();
        var read = await sites.GetAsync(parc.AdminCaller, parc.Mandar, default);
        await sites.UpdateAsync(parc.AdminCaller, parc.Mandar, new SiteInput(null, "Europe/London", null), read.Version, default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<SiteOperations>().UpdateAsync(parc.AdminCaller, parc.Mandar, new SiteInput("Mandar 2", null, null), read.Version, default));

        Assert.Equal((RuleViolationKind.Stale, "version.stale"), (error.Kind, error.Errors[0].Code));
        var now = await parc.Operation<SiteOperations>().GetAsync(parc.AdminCaller, parc.Mandar, default);
        Assert.Equal(("Mandar", "Europe/London"), (now.Name, now.TimeZone));
    }

    [Fact]
    public async Task A_site_holding_users_is_not_deleted()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<SiteOperations>().DeleteAsync(TestParc.HelpdeskCaller, parc.Mandar, null, default));
        Assert.Equal((RuleViolationKind.Conflict, "site.notEmpty", "3"), (error.Kind, error.Errors[0].Code, error.Errors[0].Args["users"]));
        Assert.True(await parc.Db.Sites.AnyAsync(s => s.Id == parc.Mandar));
    }
}
