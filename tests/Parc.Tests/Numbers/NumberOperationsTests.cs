using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sophia.Model.Accounts;
using Sophia.Model.Numbers;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Parc.Numbers;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Numbers;

public sealed class NumberOperationsTests
{
    [Fact]
    public async Task A_number_typed_nationally_is_stored_in_E164()
    {
        await using var parc = await TestParc.CreateAsync();

        var number = await parc.Operation<NumberOperations>().CreateAsync(parc.AdminCaller, parc.Wagram, new NumberInput("01 85 73 77 01", null), default);

        Assert.Equal(("+33185737701", "0185737701", NumberAssignee.None, parc.Wagram), (number.E164, number.National, number.Assignee, number.SiteId));
    }

    [Theory]
    [InlineData("+33 1 85 73 76 36", "number.taken", RuleViolationKind.Conflict)]
    [InlineData("01 85 73 76", "phoneNumber.notValidInRegion", RuleViolationKind.Invalid)]
    [InlineData(null, "phoneNumber.required", RuleViolationKind.Invalid)]
    public async Task A_bad_or_duplicate_number_is_refused_and_nothing_is_saved(string? text, string code, RuleViolationKind kind)
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<NumberOperations>().CreateAsync(parc.AdminCaller, parc.Wagram, new NumberInput(text, null), default));

        Assert.Equal(("number", code, kind), (error.Errors[0].Field, error.Errors[0].Code, error.Kind));
        Assert.Equal(8, await parc.Db.Numbers.AsNoTracking().CountAsync());
    }

    [Fact]
    public async Task A_number_another_client_holds_gets_the_words_an_own_number_gets_and_is_logged()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (other, otherSite) = await parc.AddClientAsync("Autre", "autre.example");
        var stranger = new Caller(Role.ClientAdmin, other, null, "admin@autre.example");
        var numbers = parc.Operation<NumberOperations>();

        var own = await Assert.ThrowsAsync<RuleViolationException>(() => numbers.CreateAsync(parc.AdminCaller, parc.Wagram, new NumberInput("+33185737636", null), default));
        Assert.DoesNotContain(parc.Logs.Entries, l => l.Level == LogLevel.Warning);
        var foreign = await Assert.ThrowsAsync<RuleViolationException>(() => numbers.CreateAsync(stranger, otherSite, new NumberInput("+33185737636", null), default));

        Assert.Equal((own.Kind, own.Errors[0].Code, own.Errors[0].Message), (foreign.Kind, foreign.Errors[0].Code, foreign.Errors[0].Message));
        Assert.Equal("+33185737636 is not available.", foreign.Errors[0].Message);
        var logged = Assert.Single(parc.Logs.Entries, l => l.Level == LogLevel.Warning);
        Assert.Equal($"Refused a number held by another client as not available to admin@autre.example of client {other}", logged.Message);
    }

    [Fact]
    public async Task The_list_filters_on_assigned_numbers()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var numbers = parc.Operation<NumberOperations>();

        var assigned = await numbers.ListAsync(parc.AdminCaller, parc.Mandar, true, PageRequest.First, default);
        var free = await numbers.ListAsync(parc.AdminCaller, parc.Mandar, false, PageRequest.First, default);

        Assert.Equal(["+33185737636", "+33185737637", "+33185737638", "+33185737639", "+33185737640"], assigned.Items.Select(n => n.E164));
        Assert.Equal(["+33185737641", "+33185737642", "+33185737643"], free.Items.Select(n => n.E164));
        Assert.Equal(["436", "4636"], assigned.Items[0].ShortNumbers);
    }

    [Fact]
    public async Task The_export_names_each_assignee_and_its_short_numbers()
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var rows = await parc.Operation<NumberOperations>().ExportAsync(parc.AdminCaller, parc.Mandar, null, default);

        Assert.Equal(8, rows.Count);
        Assert.Equal(new NumberCsvRow("+33185737636", "0185737636", "user", "cseldon@15rp.sewan.eu", "436 4636", "2016-05-16T14:16:00Z"), rows[0]);
        Assert.Equal(("ivr", "Gestion du support"), (rows[3].AssigneeKind, rows[3].Assignee));
        Assert.Equal(("huntGroup", "grp_test@15rp.sewan.eu"), (rows[4].AssigneeKind, rows[4].Assignee));
        Assert.Equal(("none", null, ""), (rows[5].AssigneeKind, rows[5].Assignee, rows[5].ShortNumbers));
        Assert.Equal(3, (await parc.Operation<NumberOperations>().ExportAsync(parc.AdminCaller, parc.Mandar, false, default)).Count);
    }

    [Fact]
    public async Task A_free_number_moves_to_another_site_and_an_assigned_one_does_not()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var numbers = parc.Operation<NumberOperations>();
        var ids = await NumberIdsAsync(parc);

        var moved = await numbers.UpdateAsync(parc.AdminCaller, ids["+33185737642"], new NumberUpdate(parc.Wagram, null), null, default);
        Assert.Equal(parc.Wagram, moved.SiteId);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            numbers.UpdateAsync(parc.AdminCaller, ids["+33185737636"], new NumberUpdate(parc.Wagram, DateTimeOffset.UnixEpoch), null, default));

        Assert.Equal((RuleViolationKind.Conflict, "siteId", "number.assigned"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
        Assert.Equal(("+33185737636", "User"), (error.Errors[0].Args["number"], error.Errors[0].Args["assignee"]));
        var seldons = await parc.Db.Numbers.AsNoTracking().SingleAsync(n => n.E164 == "+33185737636");
        Assert.Equal((parc.Mandar, 2016), (seldons.SiteId, seldons.OrderedAt!.Value.Year));
    }

    [Fact]
    public async Task A_number_cannot_move_to_a_site_of_another_client()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (_, otherSite) = await parc.AddClientAsync("Autre", "autre.example.net");
        var ids = await NumberIdsAsync(parc);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<NumberOperations>().UpdateAsync(TestParc.HelpdeskCaller, ids["+33185737641"], new NumberUpdate(otherSite, null), null, default));

        Assert.Equal((RuleViolationKind.NotFound, "siteId", "site.notFound"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
    }

    [Fact]
    public async Task Only_a_free_number_is_deleted()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var numbers = parc.Operation<NumberOperations>();
        var ids = await NumberIdsAsync(parc);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => numbers.DeleteAsync(parc.AdminCaller, ids["+33185737639"], null, default));
        Assert.Equal((RuleViolationKind.Conflict, "numberId", "number.assigned"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));

        await parc.Operation<NumberOperations>().DeleteAsync(parc.AdminCaller, ids["+33185737643"], null, default);
        var left = await parc.Db.Numbers.AsNoTracking().Select(n => n.E164).ToListAsync();
        Assert.Contains("+33185737639", left);
        Assert.DoesNotContain("+33185737643", left);
    }

    [Fact]
    public async Task Assigning_needs_a_user_of_the_numbers_client()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (_, otherSite) = await parc.AddClientAsync("Autre", "autre.example.net");
        var stranger = await parc.AddUserAsync("Martin", "Anne", "amartin", otherSite);
        var ids = await NumberIdsAsync(parc);
        var numbers = parc.Operation<NumberOperations>();

        var missing = await Assert.ThrowsAsync<RuleViolationException>(() =>
            numbers.AssignAsync(parc.AdminCaller, ids["+33185737641"], new NumberAssignRequest(null), null, default));
        var foreign = await Assert.ThrowsAsync<RuleViolationException>(() =>
            numbers.AssignAsync(TestParc.HelpdeskCaller, ids["+33185737641"], new NumberAssignRequest(stranger.Id), null, default));

        Assert.Equal((RuleViolationKind.Invalid, "userId", "required"), (missing.Kind, missing.Errors[0].Field, missing.Errors[0].Code));
        Assert.Equal((RuleViolationKind.NotFound, "userId", "user.notFound"), (foreign.Kind, foreign.Errors[0].Field, foreign.Errors[0].Code));
        Assert.Null((await parc.Db.Numbers.AsNoTracking().SingleAsync(n => n.Id == ids["+33185737641"])).UserId);
    }

    [Fact]
    public async Task A_short_number_clash_on_assign_is_a_conflict_and_nothing_changes()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var numbers = parc.Operation<NumberOperations>();
        var user = await parc.AddUserAsync("Collin", "Test", "tcollin");
        var clashing = await numbers.CreateAsync(parc.AdminCaller, parc.Mandar, new NumberInput("0185737736", null), default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<NumberOperations>().AssignAsync(parc.AdminCaller, clashing.Id, new NumberAssignRequest(user.Id), clashing.Version, default));

        Assert.Equal((RuleViolationKind.Conflict, "shortNumbers", "shortNumber.conflict"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
        Assert.Equal("436", error.Errors[0].Args["shortNumbers"]);
        await using var db = parc.NewDb();
        Assert.Null((await db.Numbers.SingleAsync(n => n.Id == clashing.Id)).UserId);
        Assert.False(await db.ShortNumbers.AnyAsync(s => s.UserId == user.Id));
    }

    [Fact]
    public async Task Unassigning_clears_the_presented_number_only_when_it_was_this_one()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var ids = await NumberIdsAsync(parc);
        await using (var set = parc.NewDb())
        {
            await set.Users.Where(u => u.Id == parc.Seldon).ExecuteUpdateAsync(s => s.SetProperty(u => u.PresentedNumber, "+33185737636"));
            await set.Users.Where(u => u.Id == parc.Picard).ExecuteUpdateAsync(s => s.SetProperty(u => u.PresentedNumber, "+33185737640"));
        }

        var seldons = await parc.Operation<NumberOperations>().UnassignAsync(parc.AdminCaller, ids["+33185737636"], null, default);
        await parc.Operation<NumberOperations>().UnassignAsync(parc.AdminCaller, ids["+33185737637"], null, default);

        Assert.Equal((NumberAssignee.None, 0), (seldons.Assignee, seldons.ShortNumbers.Count));
        await using var db = parc.NewDb();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == parc.Seldon)).PresentedNumber);
        Assert.Equal("+33185737640", (await db.Users.SingleAsync(u => u.Id == parc.Picard)).PresentedNumber);
        Assert.False(await db.ShortNumbers.AnyAsync(s => s.Digits == "4636"));
    }

    [Fact]
    public async Task Another_clients_admin_finds_no_such_number_or_site()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var stranger = new Caller(Role.ClientAdmin, other, null, "admin@autre.example.net");
        var ids = await NumberIdsAsync(parc);
        var numbers = parc.Operation<NumberOperations>();

        var number = await Assert.ThrowsAsync<RuleViolationException>(() => numbers.GetAsync(stranger, ids["+33185737636"], default));
        var site = await Assert.ThrowsAsync<RuleViolationException>(() => numbers.ExportAsync(stranger, parc.Mandar, null, default));

        Assert.Equal((RuleViolationKind.NotFound, "number.notFound"), (number.Kind, number.Errors[0].Code));
        Assert.Equal((RuleViolationKind.NotFound, "site.notFound"), (site.Kind, site.Errors[0].Code));
    }

    private static async Task<Dictionary<string, int>> NumberIdsAsync(TestParc parc) =>
        await parc.Db.Numbers.AsNoTracking().ToDictionaryAsync(n => n.E164, n => n.Id);
}
