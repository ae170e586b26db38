using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Clients;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Clients;

public sealed class ClientOperationsTests
{
    private static readonly ClientInput Autre = new("Autre", "Autre.Example.NET", "autre", "autre-prov-pass", "sip.autre.example.net", null, null);

    [Fact]
    public async Task The_helpdesk_creates_a_client_with_a_lowercase_domain_and_the_default_registrar_port()
    {
        await using var parc = await TestParc.CreateAsync();

        var client = await parc.Operation<ClientOperations>().CreateAsync(TestParc.HelpdeskCaller, Autre, default);

        Assert.Equal(("Autre", "autre.example.net", 5060, SipTransport.Udp), (client.Name, client.SipDomain, client.RegistrarPort, client.RegistrarTransport));
        Assert.Equal("autre-prov-pass", (await parc.Db.Clients.AsNoTracking().SingleAsync(c => c.Id == client.Id)).ProvisioningPassword);
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once_with_its_code_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateAsync();
        var input = new ClientInput(" ", "not a domain!", "autre", "short", "bad host!", 70000, null);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<ClientOperations>().CreateAsync(TestParc.HelpdeskCaller, input, default));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal(
            [("name", "required"), ("sipDomain", "sipDomain.invalid"), ("registrarHost", "registrarHost.invalid"),
                ("registrarPort", "registrarPort.range"), ("provisioningPassword", "provisioningPassword.tooShort")],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("not a domain!", error.Errors[1].Args["value"]);
        Assert.Equal("8", error.Errors[4].Args["min"]);
        Assert.DoesNotContain("short", error.Errors[4].Message, StringComparison.Ordinal);
        Assert.Equal(1, await parc.Db.Clients.AsNoTracking().CountAsync());
    }

    [Fact]
    public async Task A_taken_name_and_a_taken_SIP_domain_are_both_conflicts()
    {
        await using var parc = await TestParc.CreateAsync();
        var input = Autre with { Name = "15RP", SipDomain = "15RP.sewan.eu" };

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<ClientOperations>().CreateAsync(TestParc.HelpdeskCaller, input, default));

        Assert.Equal(RuleViolationKind.Conflict, error.Kind);
        Assert.Equal([("name", "client.nameTaken"), ("sipDomain", "sipDomain.taken")], error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal("15rp.sewan.eu", error.Errors[1].Args["sipDomain"]);
        Assert.Equal(1, await parc.Db.Clients.AsNoTracking().CountAsync());
    }

    [Fact]
    public async Task A_client_admin_cannot_take_another_clients_provisioning_user()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        var stranger = new Caller(Role.ClientAdmin, other, null, "admin@autre.example");
        var input = new ClientInput(null, null, "15rp", null, null, null, null);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<ClientOperations>().UpdateAsync(stranger, other, input, null, default));

        Assert.Equal(RuleViolationKind.Conflict, error.Kind);
        var taken = Assert.Single(error.Errors);
        Assert.Equal(("provisioningUser", "provisioningUser.taken", "Provisioning user 15rp is not available: choose another."), (taken.Field, taken.Code, taken.Message));
        Assert.Equal("autre", (await parc.NewDb().Clients.AsNoTracking().SingleAsync(c => c.Id == other)).ProvisioningUser);
    }

    [Fact]
    public async Task A_client_admin_taking_another_clients_name_or_SIP_domain_reads_only_not_available()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        var stranger = new Caller(Role.ClientAdmin, other, null, "admin@autre.example");
        var input = new ClientInput("15RP", "15rp.sewan.eu", null, null, null, null, null);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<ClientOperations>().UpdateAsync(stranger, other, input, null, default));

        Assert.Equal(
            [("name", "Client name 15RP is not available: choose another."), ("sipDomain", "SIP domain 15rp.sewan.eu is not available: choose another.")],
            error.Errors.Select(e => (e.Field, e.Message)));
        Assert.Equal("Autre", (await parc.NewDb().Clients.AsNoTracking().SingleAsync(c => c.Id == other)).Name);
    }

    [Fact]
    public async Task The_database_holds_each_provisioning_user_once()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        await using var db = parc.NewDb();
        var client = await db.Clients.SingleAsync(c => c.Id == other);
        client.ProvisioningUser = "15rp";

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_client_admin_sees_only_their_client_and_creates_none()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var clients = parc.Operation<ClientOperations>();

        Assert.Equal(["15RP"], (await clients.ListAsync(parc.AdminCaller, PageRequest.First, default)).Items.Select(c => c.Name));
        Assert.Equal(["15RP", "Autre"], (await clients.ListAsync(TestParc.HelpdeskCaller, PageRequest.First, default)).Items.Select(c => c.Name));
        var hidden = await Assert.ThrowsAsync<RuleViolationException>(() => clients.GetAsync(parc.AdminCaller, other, default));
        Assert.Equal((RuleViolationKind.NotFound, "client.notFound"), (hidden.Kind, hidden.Errors[0].Code));
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => clients.CreateAsync(parc.AdminCaller, Autre with { Name = "Tierce", SipDomain = "tierce.example.net" }, default));
        Assert.Equal((RuleViolationKind.Forbidden, "client.helpdeskOnly"), (refused.Kind, refused.Errors[0].Code));
        Assert.Empty((await clients.ListAsync(new Caller(Role.User, parc.ClientId, 1, "someone"), PageRequest.First, default)).Items);
    }

    [Fact]
    public async Task An_update_keeps_what_it_does_not_name_and_refuses_a_blank_name_or_a_short_password()
    {
        await using var parc = await TestParc.CreateAsync();
        var clients = parc.Operation<ClientOperations>();
        var updated = await clients.UpdateAsync(parc.AdminCaller, parc.ClientId, new ClientInput(null, null, null, null, "sip2.15rp.sewan.eu", 5080, SipTransport.Tcp), null, default);
        Assert.Equal(("15RP", "sip2.15rp.sewan.eu", 5080, SipTransport.Tcp), (updated.Name, updated.RegistrarHost, updated.RegistrarPort, updated.RegistrarTransport));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            clients.UpdateAsync(parc.AdminCaller, parc.ClientId, new ClientInput("", null, null, "1234567", null, null, null), null, default));

        Assert.Equal([("name", "required"), ("provisioningPassword", "provisioningPassword.tooShort")], error.Errors.Select(e => (e.Field, e.Code)));
        var stored = await parc.Db.Clients.AsNoTracking().SingleAsync(c => c.Id == parc.ClientId);
        Assert.Equal(("15RP", "prov-test", updated.Version), (stored.Name, stored.ProvisioningPassword, stored.Version));
    }

    [Fact]
    public async Task A_stale_update_changes_nothing()
    {
        await using var parc = await TestParc.CreateAsync();
        var clients = parc.Operation<ClientOperations>();
        var read = await clients.GetAsync(parc.AdminCaller, parc.ClientId, default);
        await clients.UpdateAsync(parc.AdminCaller, parc.ClientId, new ClientInput(null, null, null, null, null, 5070, null), read.Version, default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<ClientOperations>().UpdateAsync(parc.AdminCaller, parc.ClientId, new ClientInput("16RP", null, null, null, null, null, null), read.Version, default));

        Assert.Equal((RuleViolationKind.Stale, "version.stale"), (error.Kind, error.Errors[0].Code));
        Assert.Equal("15RP", (await parc.Db.Clients.AsNoTracking().SingleAsync(c => c.Id == parc.ClientId)).Name);
    }

    [Fact]
    public async Task A_client_with_sites_is_not_deleted()
    {
        await using var parc = await TestParc.CreateAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<ClientOperations>().DeleteAsync(TestParc.HelpdeskCaller, parc.ClientId, null, default));

        Assert.Equal((RuleViolationKind.Conflict, "client.notEmpty", "clientId"), (error.Kind, error.Errors[0].Code, error.Errors[0].Field));
        Assert.Equal(("2", "0"), (error.Errors[0].Args["sites"], error.Errors[0].Args["equipment"]));
        Assert.True(await parc.Db.Clients.AsNoTracking().AnyAsync(c => c.Id == parc.ClientId));
    }

    [Fact]
    public async Task Deleting_an_empty_client_takes_its_accounts_and_call_restriction_profiles()
    {
        await using var parc = await TestParc.CreateAsync();
        var clients = parc.Operation<ClientOperations>();
        var client = await clients.CreateAsync(TestParc.HelpdeskCaller, Autre, default);
        await using (var add = parc.NewDb())
        {
            add.CallRestrictionProfiles.Add(new CallRestrictionProfile { ClientId = client.Id, Name = "National" });
            add.StaffAccounts.Add(new StaffAccount { Login = "admin@autre.example.net", PasswordHash = "x", Role = Role.ClientAdmin, ClientId = client.Id });
            await add.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => clients.DeleteAsync(parc.AdminCaller, client.Id, null, default));
        Assert.Equal(RuleViolationKind.NotFound, refused.Kind);
        await parc.Operation<ClientOperations>().DeleteAsync(TestParc.HelpdeskCaller, client.Id, client.Version, default);

        await using var db = parc.NewDb();
        Assert.False(await db.Clients.AnyAsync(c => c.Id == client.Id));
        Assert.False(await db.CallRestrictionProfiles.AnyAsync(p => p.ClientId == client.Id));
        Assert.False(await db.StaffAccounts.AnyAsync(a => a.ClientId == client.Id));
    }

    [Fact]
    public async Task Only_the_helpdesk_changes_what_device_certificates_do_and_a_client_admin_may_send_back_what_they_read()
    {
        await using var parc = await TestParc.CreateAsync();
        var clients = parc.Operation<ClientOperations>();
        var read = await clients.GetAsync(parc.AdminCaller, parc.ClientId, default);
        Assert.Equal(DeviceCertificatePolicy.Ignored, read.DeviceCertificate);

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => clients.UpdateAsync(parc.AdminCaller, parc.ClientId,
            new ClientInput(null, null, null, null, null, null, null, DeviceCertificatePolicy.Accepted), null, default));
        var unchanged = await clients.UpdateAsync(parc.AdminCaller, parc.ClientId,
            new ClientInput(read.Name, null, null, null, null, null, null, read.DeviceCertificate), null, default);
        var set = await clients.UpdateAsync(TestParc.HelpdeskCaller, parc.ClientId,
            new ClientInput(null, null, null, null, null, null, null, DeviceCertificatePolicy.Required), null, default);

        Assert.Equal((RuleViolationKind.Forbidden, "deviceCertificate", "deviceCertificate.helpdeskOnly"),
            (refused.Kind, refused.Errors[0].Field, refused.Errors[0].Code));
        Assert.Equal(DeviceCertificatePolicy.Ignored, unchanged.DeviceCertificate);
        Assert.Equal(DeviceCertificatePolicy.Required, set.DeviceCertificate);
        Assert.Equal(DeviceCertificatePolicy.Required, (await parc.Db.Clients.AsNoTracking().SingleAsync(c => c.Id == parc.ClientId)).DeviceCertificate);
    }

    [Fact]
    public async Task An_undefined_device_certificate_policy_is_refused()
    {
        await using var parc = await TestParc.CreateAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<ClientOperations>().UpdateAsync(TestParc.HelpdeskCaller, parc.ClientId,
            new ClientInput(null, null, null, null, null, null, null, (DeviceCertificatePolicy)7), null, default));

        Assert.Equal(("deviceCertificate", "value.undefined"), (error.Errors[0].Field, error.Errors[0].Code));
    }
}
