using Microsoft.EntityFrameworkCore;
using Sophia.Model.Numbers;
using Sophia.Model.Rules;

namespace Sophia.Model.Tests.Numbers;

public sealed class NumberAssignmentTests
{
    [Fact]
    public async Task Assigning_a_number_to_a_user_creates_both_short_numbers()
    {
        await using var test = await TestDb.CreateAsync();
        var lu = test.AddUser("Lu", "Ricardo");
        var number = new Number { ClientId = test.Client.Id, SiteId = test.Site.Id, E164 = "+33185737638" };
        test.Db.Numbers.Add(number);
        await test.Db.SaveChangesAsync();

        await NumberAssignments.AssignToUserAsync(test.Db, number, lu);
        await test.Db.SaveChangesAsync();

        var shorts = await test.NewContext().ShortNumbers.Where(s => s.UserId == lu.Id).Select(s => s.Digits).OrderBy(d => d).ToListAsync();
        Assert.Equal(["438", "4638"], shorts);
    }

    [Fact]
    public async Task A_short_number_conflict_is_reported_and_changes_nothing()
    {
        await using var test = await TestDb.CreateAsync();
        var lu = test.AddUser("Lu", "Ricardo");
        var other = test.AddUser("Autre", "Anne");
        var first = new Number { ClientId = test.Client.Id, SiteId = test.Site.Id, E164 = "+33185737638" };
        // Same last two digits: 438 would clash.
        var second = new Number { ClientId = test.Client.Id, SiteId = test.Site.Id, E164 = "+33185737738" };
        test.Db.Numbers.AddRange(first, second);
        await test.Db.SaveChangesAsync();
        await NumberAssignments.AssignToUserAsync(test.Db, first, lu);
        await test.Db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => NumberAssignments.AssignToUserAsync(test.Db, second, other));

        Assert.Equal(RuleViolationKind.Conflict, error.Kind);
        Assert.Equal("shortNumbers", error.Errors[0].Field);
        Assert.Contains("438", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Null(second.UserId);
        var fresh = test.NewContext();
        Assert.Equal(lu.Id, (await fresh.ShortNumbers.SingleAsync(s => s.Digits == "438")).UserId);
        Assert.Null((await fresh.Numbers.SingleAsync(n => n.E164 == "+33185737738")).UserId);
    }

    [Fact]
    public async Task Unassigning_frees_the_short_numbers()
    {
        await using var test = await TestDb.CreateAsync();
        var lu = test.AddUser("Lu", "Ricardo");
        var number = new Number { ClientId = test.Client.Id, SiteId = test.Site.Id, E164 = "+33185737638" };
        test.Db.Numbers.Add(number);
        await test.Db.SaveChangesAsync();
        await NumberAssignments.AssignToUserAsync(test.Db, number, lu);
        await test.Db.SaveChangesAsync();

        await NumberAssignments.UnassignAsync(test.Db, number);
        await test.Db.SaveChangesAsync();

        Assert.Empty(await test.NewContext().ShortNumbers.ToListAsync());
        Assert.Null((await test.NewContext().Numbers.SingleAsync()).UserId);
    }

    [Fact]
    public async Task A_number_of_another_site_cannot_be_given_to_a_user()
    {
        await using var test = await TestDb.CreateAsync();
        var wagram = new Sophia.Model.Parc.Site { ClientId = test.Client.Id, Name = "Wagram" };
        test.Db.Sites.Add(wagram);
        await test.Db.SaveChangesAsync();
        var lu = test.AddUser("Lu", "Ricardo");
        var number = new Number { ClientId = test.Client.Id, SiteId = wagram.Id, E164 = "+33185737638" };
        test.Db.Numbers.Add(number);
        await test.Db.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => NumberAssignments.AssignToUserAsync(test.Db, number, lu));
        Assert.Equal("userId", error.Errors[0].Field);
    }
}
