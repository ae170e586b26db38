using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.CallRestrictions;
using Sophia.Testing;

namespace Sophia.Parc.Tests.CallRestrictions;

public sealed class CallRestrictionProfileOperationsTests
{
    [Fact]
    public async Task A_client_admin_creates_a_profile_from_category_names_in_any_case()
    {
        await using var parc = await TestParc.CreateAsync();

        var profile = await parc.Operation<CallRestrictionProfileOperations>().CreateAsync(parc.AdminCaller, parc.ClientId,
            new CallRestrictionProfileInput(" National ", "Pas d'international", ["mobile", "National", "internal"]), default);

        Assert.Equal(("National", "Pas d'international", 0, 1L), (profile.Name, profile.Description, profile.UsersCount, profile.Version));
        Assert.Equal(["internal", "national", "mobile"], profile.Allowed);
        var stored = await parc.Db.CallRestrictionProfiles.AsNoTracking().SingleAsync();
        Assert.Equal(CallCategories.Internal | CallCategories.National | CallCategories.Mobile, stored.Allowed);
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once_with_its_code_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateAsync();
        var input = new CallRestrictionProfileInput(new string('x', 65), null, ["national", "interplanetary", "all"]);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<CallRestrictionProfileOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, input, default));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal(
            [("name", "tooLong"), ("allowed[1]", "callCategory.unknown"), ("allowed[2]", "callCategory.unknown")],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(("64", "interplanetary"), (error.Errors[0].Args["max"], error.Errors[1].Args["value"]));
        Assert.Equal("internal, national, mobile, international, premium", error.Errors[1].Args["categories"]);
        Assert.False(await parc.Db.CallRestrictionProfiles.AnyAsync());
    }

    [Fact]
    public async Task A_new_profile_needs_a_name_and_its_allowed_list()
    {
        await using var parc = await TestParc.CreateAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<CallRestrictionProfileOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, new CallRestrictionProfileInput(" ", null, null), default));

        Assert.Equal([("name", "required"), ("allowed", "required")], error.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public async Task A_name_is_unique_within_a_client_only()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var profiles = parc.Operation<CallRestrictionProfileOperations>();
        await profiles.CreateAsync(parc.AdminCaller, parc.ClientId, new CallRestrictionProfileInput("National", null, ["national"]), default);
        await profiles.CreateAsync(TestParc.HelpdeskCaller, other, new CallRestrictionProfileInput("National", null, ["national"]), default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<CallRestrictionProfileOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, new CallRestrictionProfileInput("National", null, []), default));

        Assert.Equal((RuleViolationKind.Conflict, "name", "callRestrictionProfile.nameTaken"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
        Assert.Equal(2, await parc.Db.CallRestrictionProfiles.CountAsync());
    }

    [Fact]
    public async Task An_update_keeps_what_it_does_not_name_and_a_stale_one_changes_nothing()
    {
        await using var parc = await TestParc.CreateAsync();
        var created = await parc.Operation<CallRestrictionProfileOperations>().CreateAsync(parc.AdminCaller, parc.ClientId,
            new CallRestrictionProfileInput("Standard", "Sans surtaxés", ["internal", "national", "mobile", "international"]), default);

        var updated = await parc.Operation<CallRestrictionProfileOperations>().UpdateAsync(parc.AdminCaller, created.Id,
            new CallRestrictionProfileInput(null, "", null), created.Version, default);
        Assert.Equal(("Standard", null, 4), (updated.Name, updated.Description, updated.Allowed.Count));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<CallRestrictionProfileOperations>().UpdateAsync(
            parc.AdminCaller, created.Id, new CallRestrictionProfileInput("Tout", null, ["premium"]), created.Version, default));

        Assert.Equal((RuleViolationKind.Stale, "version.stale"), (error.Kind, error.Errors[0].Code));
        var stored = await parc.Db.CallRestrictionProfiles.AsNoTracking().SingleAsync();
        Assert.Equal(("Standard", CallCategories.All & ~CallCategories.Premium), (stored.Name, stored.Allowed));
    }

    [Fact]
    public async Task A_profile_given_to_users_is_not_deleted_and_says_how_many_have_it()
    {
        await using var parc = await TestParc.CreateAsync();
        var profiles = parc.Operation<CallRestrictionProfileOperations>();
        var profile = await profiles.CreateAsync(parc.AdminCaller, parc.ClientId, new CallRestrictionProfileInput("Interne", null, ["internal"]), default);
        var user = await parc.AddUserAsync("Lu", "Ricardo", "rlu");
        await using (var set = parc.NewDb())
        {
            await set.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CallRestrictionProfileId, profile.Id));
        }

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<CallRestrictionProfileOperations>().DeleteAsync(parc.AdminCaller, profile.Id, null, default));

        Assert.Equal((RuleViolationKind.Conflict, "profileId", "callRestrictionProfile.inUse"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
        Assert.Equal(("Interne", "1"), (error.Errors[0].Args["name"], error.Errors[0].Args["users"]));
        Assert.Equal(1, (await parc.Operation<CallRestrictionProfileOperations>().GetAsync(parc.AdminCaller, profile.Id, default)).UsersCount);
        Assert.True(await parc.Db.CallRestrictionProfiles.AnyAsync(p => p.Id == profile.Id));
    }

    [Fact]
    public async Task An_unused_profile_is_deleted()
    {
        await using var parc = await TestParc.CreateAsync();
        var profile = await parc.Operation<CallRestrictionProfileOperations>().CreateAsync(parc.AdminCaller, parc.ClientId,
            new CallRestrictionProfileInput("Interne", null, ["internal"]), default);

        await parc.Operation<CallRestrictionProfileOperations>().DeleteAsync(parc.AdminCaller, profile.Id, profile.Version, default);

        Assert.False(await parc.Db.CallRestrictionProfiles.AnyAsync());
    }

    [Fact]
    public async Task The_clients_users_read_the_list_and_nobody_else_sees_it()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var profile = await parc.Operation<CallRestrictionProfileOperations>().CreateAsync(parc.AdminCaller, parc.ClientId,
            new CallRestrictionProfileInput("Interne", null, ["internal"]), default);
        var member = TestParc.UserCaller(await parc.AddUserAsync("Lu", "Ricardo", "rlu"));
        var otherAdmin = new Caller(Role.ClientAdmin, other, null, "admin@autre.example.net");
        var profiles = parc.Operation<CallRestrictionProfileOperations>();

        var read = await profiles.ListAsync(member, parc.ClientId, PageRequest.First, default);
        Assert.Equal(["Interne"], read.Items.Select(p => p.Name));

        var list = await Assert.ThrowsAsync<RuleViolationException>(() => profiles.ListAsync(otherAdmin, parc.ClientId, PageRequest.First, default));
        var get = await Assert.ThrowsAsync<RuleViolationException>(() => profiles.GetAsync(otherAdmin, profile.Id, default));
        var change = await Assert.ThrowsAsync<RuleViolationException>(() =>
            profiles.UpdateAsync(member, profile.Id, new CallRestrictionProfileInput("Tout", null, null), null, default));
        var create = await Assert.ThrowsAsync<RuleViolationException>(() =>
            profiles.CreateAsync(member, parc.ClientId, new CallRestrictionProfileInput("Tout", null, ["premium"]), default));

        Assert.Equal(
            [(RuleViolationKind.NotFound, "client.notFound"), (RuleViolationKind.NotFound, "callRestrictionProfile.notFound"),
                (RuleViolationKind.NotFound, "callRestrictionProfile.notFound"), (RuleViolationKind.NotFound, "client.notFound")],
            new[] { list, get, change, create }.Select(e => (e.Kind, e.Errors[0].Code)));
        Assert.Equal("Interne", (await parc.Db.CallRestrictionProfiles.AsNoTracking().SingleAsync()).Name);
    }
}
