using Microsoft.EntityFrameworkCore;
using Sophia.Model.Numbers;
using Sophia.Model.Rules;
using Sophia.Parc.Numbers;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Numbers;

public sealed class NumberAssignmentTests
{
    [Fact]
    public void A_users_number_gives_4_and_last_two_and_4_and_last_three_digits() =>
        Assert.Equal(["438", "4638"], ShortNumberRules.ForUserNumber("+33185737638"));

    [Fact]
    public async Task Assigning_a_number_to_a_user_creates_both_short_numbers()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddUserAsync("Lu", "Ricardo", "rlu");
        var number = await AddNumberAsync(parc, parc.Mandar, "+33185737638");

        await NumberAssignments.AssignToUserAsync(parc.Db, number, lu);
        await parc.Db.SaveChangesAsync();

        await using var fresh = parc.NewDb();
        var shorts = await fresh.ShortNumbers.Where(s => s.UserId == lu.Id).Select(s => s.Digits).OrderBy(d => d).ToListAsync();
        Assert.Equal(["438", "4638"], shorts);
    }

    [Fact]
    public async Task A_short_number_conflict_is_reported_and_changes_nothing()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddUserAsync("Lu", "Ricardo", "rlu");
        var other = await parc.AddUserAsync("Autre", "Anne", "aautre");
        var first = await AddNumberAsync(parc, parc.Mandar, "+33185737638");
        // Same last two digits: 438 would clash.
        var second = await AddNumberAsync(parc, parc.Mandar, "+33185737738");
        await NumberAssignments.AssignToUserAsync(parc.Db, first, lu);
        await parc.Db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => NumberAssignments.AssignToUserAsync(parc.Db, second, other));

        Assert.Equal(RuleViolationKind.Conflict, error.Kind);
        Assert.Equal(("shortNumbers", "shortNumber.conflict"), (error.Errors[0].Field, error.Errors[0].Code));
        Assert.Contains("438", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Null(second.UserId);
        await using var fresh = parc.NewDb();
        Assert.Equal(lu.Id, (await fresh.ShortNumbers.SingleAsync(s => s.Digits == "438")).UserId);
        Assert.Null((await fresh.Numbers.SingleAsync(n => n.E164 == "+33185737738")).UserId);
    }

    [Fact]
    public async Task Unassigning_frees_the_short_numbers()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddUserAsync("Lu", "Ricardo", "rlu");
        var number = await AddNumberAsync(parc, parc.Mandar, "+33185737638");
        await NumberAssignments.AssignToUserAsync(parc.Db, number, lu);
        await parc.Db.SaveChangesAsync();

        await NumberAssignments.UnassignAsync(parc.Db, number);
        await parc.Db.SaveChangesAsync();

        await using var fresh = parc.NewDb();
        Assert.Empty(await fresh.ShortNumbers.ToListAsync());
        Assert.Null((await fresh.Numbers.SingleAsync()).UserId);
    }

    [Fact]
    public async Task A_number_of_another_site_cannot_be_given_to_a_user()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddUserAsync("Lu", "Ricardo", "rlu");
        var number = await AddNumberAsync(parc, parc.Wagram, "+33185737638");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => NumberAssignments.AssignToUserAsync(parc.Db, number, lu));
        Assert.Equal(("userId", "number.otherSite"), (error.Errors[0].Field, error.Errors[0].Code));
    }

    private static async Task<Number> AddNumberAsync(TestParc parc, int siteId, string e164)
    {
        var number = new Number { ClientId = parc.ClientId, SiteId = siteId, E164 = e164 };
        parc.Db.Numbers.Add(number);
        await parc.Db.SaveChangesAsync();
        return number;
    }
}
