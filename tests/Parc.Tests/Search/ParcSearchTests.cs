using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Numbers;
using Sophia.Model.Rules;
using Sophia.Parc.Numbers;
using Sophia.Parc.Search;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Search;

public sealed class ParcSearchTests
{
    [Fact]
    public async Task A_users_short_number_finds_the_user_and_the_number_it_comes_from()
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var found = await parc.Operation<ParcSearch>().FindAsync(parc.AdminCaller, "4636", default);

        var hit = Assert.Single(found.ShortNumbers);
        Assert.Equal(("4636", ShortNumberTarget.User, "Cédric Seldon", "+33185737636", parc.Seldon), (hit.Digits, hit.Reaches, hit.Name, hit.Dials, hit.UserId));
        Assert.Equal(["Cédric Seldon"], found.Users.Select(u => u.DisplayName));
        Assert.Equal(["+33185737636"], found.Numbers.Select(n => n.E164));
    }

    [Fact]
    public async Task An_external_contacts_short_number_finds_the_contact()
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var found = await parc.Operation<ParcSearch>().FindAsync(parc.AdminCaller, "500", default);

        var hit = Assert.Single(found.ShortNumbers);
        Assert.Equal(("500", ShortNumberTarget.ExternalContact, "Régis Bieth", "0354698654", false),
            (hit.Digits, hit.Reaches, hit.Name, hit.Dials, hit.DialsMobile));
        Assert.NotNull(hit.ExternalContactId);
        Assert.Empty(found.Users);
    }

    [Fact]
    public async Task The_first_digits_of_short_numbers_find_all_that_start_with_them()
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var found = await parc.Operation<ParcSearch>().FindAsync(parc.AdminCaller, "43", default);

        Assert.Equal(["436", "437", "438"], found.ShortNumbers.Select(s => s.Digits));
        Assert.Equal(3, found.Users.Count);
    }

    [Theory]
    [InlineData("T46S")]
    [InlineData("t46s")]
    [InlineData("Yealink T46S")]
    [InlineData("yealink-t46s")]
    public async Task A_model_finds_the_phones_of_that_model(string query)
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var found = await parc.Operation<ParcSearch>().FindAsync(parc.AdminCaller, query, default);

        var phone = Assert.Single(found.Equipment);
        Assert.Equal(("00:15:65:98:8C:06", "Yealink T46S", "cseldon@15rp.sewan.eu"), (phone.Mac, phone.ModelName, phone.UserLogin));
    }

    [Theory]
    [InlineData("T46", new[] { "yealink-t46s", "yealink-t46u" })]
    [InlineData("vvx", new[] { "polycom-vvx250", "polycom-vvx450" })]
    [InlineData("Yealink T5", new[] { "yealink-t54w" })]
    [InlineData("Yealink", new string[0])]
    public async Task Part_of_a_model_name_finds_the_phones_of_every_model_it_names(string query, string[] models)
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var found = await parc.Operation<ParcSearch>().FindAsync(parc.AdminCaller, query, default);

        Assert.Equal(models, found.Equipment.Select(e => e.Model).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("01 85 73 76 36")]
    [InlineData("0185737636")]
    [InlineData("+33 1 85 73 76 36")]
    [InlineData("+33185737636")]
    [InlineData("33185737636")]
    [InlineData("01.85.73.76.36")]
    public async Task A_number_is_found_in_any_notation(string query)
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var found = await parc.Operation<ParcSearch>().FindAsync(parc.AdminCaller, query, default);

        var number = Assert.Single(found.Numbers);
        Assert.Equal(("+33185737636", parc.Seldon), (number.E164, number.UserId));
    }

    [Theory]
    [InlineData("85 73 76", 8)]
    [InlineData("0185737", 8)]
    [InlineData("76 4", 4)]
    public async Task Part_of_a_number_finds_every_number_holding_those_digits(string query, int count)
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var found = await parc.Operation<ParcSearch>().FindAsync(parc.AdminCaller, query, default);

        Assert.Equal(count, found.Numbers.Count);
    }

    [Fact]
    public async Task A_client_admin_finds_nothing_of_another_client_and_the_helpdesk_finds_both()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (other, otherSite) = await parc.AddClientAsync("Autre", "autre.example.net");
        var martin = await parc.AddUserAsync("Martin", "Anne", "amartin", otherSite);
        await parc.AddEquipmentAsync(MacAddress.Parse("00:15:65:00:00:99"), "yealink-t46s", otherSite, martin.Id);
        var number = new Number { ClientId = other, SiteId = otherSite, E164 = "+33185747636" };
        parc.Db.Numbers.Add(number);
        await parc.Db.SaveChangesAsync();
        await NumberAssignments.AssignToUserAsync(parc.Db, number, martin);
        await parc.Db.SaveChangesAsync();
        var otherAdmin = new Caller(Role.ClientAdmin, other, null, "admin@autre.example.net");
        var search = parc.Operation<ParcSearch>();

        foreach (var query in new[] { "4636", "T46S", "85 7", "Seldon", "Mandar", "00:15:65" })
        {
            var mine = await search.FindAsync(parc.AdminCaller, query, default);
            var theirs = await search.FindAsync(otherAdmin, query, default);
            Assert.All(mine.Users, u => Assert.NotEqual(martin.Id, u.Id));
            Assert.All(mine.Equipment, e => Assert.Equal(parc.ClientId, e.ClientId));
            Assert.All(mine.ShortNumbers, s => Assert.Equal(parc.ClientId, s.ClientId));
            Assert.All(mine.Numbers, n => Assert.NotEqual(number.Id, n.Id));
            Assert.All(theirs.Users, u => Assert.Equal(martin.Id, u.Id));
            Assert.All(theirs.Equipment, e => Assert.Equal(other, e.ClientId));
            Assert.All(theirs.ShortNumbers, s => Assert.Equal(other, s.ClientId));
            Assert.All(theirs.Numbers, n => Assert.Equal(number.Id, n.Id));
            Assert.All(theirs.Sites, s => Assert.Equal(other, s.ClientId));
        }
        var everyone = await search.FindAsync(TestParc.HelpdeskCaller, "4636", default);
        Assert.Equal(new[] { other, parc.ClientId }.Order(), everyone.ShortNumbers.Select(s => s.ClientId).Order());
    }

    [Fact]
    public async Task A_search_needs_two_characters_and_an_administrator()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var search = parc.Operation<ParcSearch>();

        var tooShort = await Assert.ThrowsAsync<RuleViolationException>(() => search.FindAsync(parc.AdminCaller, " s ", default));
        var user = await Assert.ThrowsAsync<RuleViolationException>(() =>
            search.FindAsync(new Caller(Role.User, parc.ClientId, parc.Lu, "rlu@15rp.sewan.eu"), "seldon", default));

        Assert.Equal((RuleViolationKind.Invalid, "q", "search.tooShort", "2"), (tooShort.Kind, tooShort.Errors[0].Field, tooShort.Errors[0].Code, tooShort.Errors[0].Args["min"]));
        Assert.Equal((RuleViolationKind.Forbidden, "search.adminOnly"), (user.Kind, user.Errors[0].Code));
    }
}
