using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Numbers;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Parc.Contacts;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Contacts;

public sealed class ExternalContactOperationsTests
{
    [Fact]
    public async Task A_contact_gets_the_lowest_free_5xx_and_another_for_its_mobile_both_numbers_kept_as_typed()
    {
        await using var parc = await TestParc.CreateAsync();
        var contacts = parc.Operation<ExternalContactOperations>();

        var bieth = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId,
            Input("Bieth", phone: " 03 54 69 86 54 ", mobile: "06 12 34 56 78") with { FirstName = "Régis", JobTitle = " Acheteur " }, default);
        var morian = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Morian"), default);

        Assert.Equal(("03 54 69 86 54", "06 12 34 56 78", "Acheteur", "500", "501"),
            (bieth.Phone, bieth.Mobile, bieth.JobTitle, bieth.ShortNumber, bieth.MobileShortNumber));
        Assert.Equal(("502", null), (morian.ShortNumber, morian.MobileShortNumber));
        Assert.True(await parc.Db.ShortNumbers.AnyAsync(s => s.Digits == "501" && s.DialsMobile && s.ExternalContactId == bieth.Id));
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once_with_its_code_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateAsync();
        var input = new ExternalContactInput(" ", null, null, null, "01454", "12", "paul@", "49", "5x1");

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<ExternalContactOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, input, default));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal(["lastName", "phone", "mobile", "email", "shortNumber", "mobileShortNumber"], error.Errors.Select(e => e.Field));
        Assert.Equal("required", error.Errors[0].Code);
        Assert.StartsWith("phoneNumber.", error.Errors[1].Code, StringComparison.Ordinal);
        Assert.StartsWith("phoneNumber.", error.Errors[2].Code, StringComparison.Ordinal);
        Assert.Equal(("email.invalid", "paul@"), (error.Errors[3].Code, error.Errors[3].Args["value"]));
        Assert.Equal(("shortNumber.range", "49"), (error.Errors[4].Code, error.Errors[4].Args["value"]));
        Assert.Equal(("shortNumber.range", "5x1"), (error.Errors[5].Code, error.Errors[5].Args["value"]));
        Assert.Equal((0, 0), (await parc.Db.ExternalContacts.CountAsync(), await parc.Db.ShortNumbers.CountAsync()));
    }

    [Fact]
    public async Task A_chosen_short_number_is_kept_and_choosing_it_again_is_a_conflict_naming_it()
    {
        await using var parc = await TestParc.CreateAsync();
        var created = await parc.Operation<ExternalContactOperations>().CreateAsync(parc.AdminCaller, parc.ClientId,
            Input("Muller", mobile: "0612345678") with { ShortNumber = "5120", MobileShortNumber = "512" }, default);
        Assert.Equal(("5120", "512"), (created.ShortNumber, created.MobileShortNumber));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<ExternalContactOperations>()
            .CreateAsync(parc.AdminCaller, parc.ClientId, Input("Paugam", mobile: "0612345679") with { MobileShortNumber = "5120" }, default));

        Assert.Equal(RuleViolationKind.Conflict, error.Kind);
        var taken = Assert.Single(error.Errors);
        Assert.Equal(("mobileShortNumber", "shortNumber.taken", "5120"), (taken.Field, taken.Code, taken.Args["shortNumber"]));
        Assert.Contains("5120", taken.Message, StringComparison.Ordinal);
        Assert.Equal(1, await parc.Db.ExternalContacts.CountAsync());
    }

    [Fact]
    public async Task A_short_number_a_user_holds_is_taken_and_never_given_and_a_users_4xx_is_not_a_contacts()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddUserAsync("Lu", "Ricardo", "rlu");
        parc.Db.ShortNumbers.AddRange(
            new ShortNumber { ClientId = parc.ClientId, Digits = "438", UserId = lu.Id },
            new ShortNumber { ClientId = parc.ClientId, Digits = "500", UserId = lu.Id });
        await parc.Db.SaveChangesAsync();
        var contacts = parc.Operation<ExternalContactOperations>();

        var taken = await Assert.ThrowsAsync<RuleViolationException>(() =>
            contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Sarter") with { ShortNumber = "500" }, default));
        var users = await Assert.ThrowsAsync<RuleViolationException>(() =>
            contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Sarter") with { ShortNumber = "438" }, default));
        var given = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Sarter"), default);

        Assert.Equal((RuleViolationKind.Conflict, "shortNumber.taken", "500"), (taken.Kind, taken.Errors[0].Code, taken.Errors[0].Args["shortNumber"]));
        Assert.Equal((RuleViolationKind.Invalid, "shortNumber", "shortNumber.range"), (users.Kind, users.Errors[0].Field, users.Errors[0].Code));
        Assert.Equal("501", given.ShortNumber);
    }

    [Fact]
    public async Task When_500_to_599_are_all_taken_the_next_contact_gets_5000_and_a_freed_5xx_is_given_again_first()
    {
        await using var parc = await TestParc.CreateAsync();
        for (var n = 500; n <= 599; n++)
        {
            var bulk = new ExternalContact { ClientId = parc.ClientId, LastName = $"Contact {n}", Phone = "0354698654" };
            parc.Db.ExternalContacts.Add(bulk);
            ExternalContactShortNumbers.Add(parc.Db, bulk, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await parc.Db.SaveChangesAsync();
        var contacts = parc.Operation<ExternalContactOperations>();

        var hundredAndFirst = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Cent-un", mobile: "0612345678"), default);
        var freed = await parc.Db.ExternalContacts.SingleAsync(c => c.LastName == "Contact 542");
        await contacts.DeleteAsync(parc.AdminCaller, parc.ClientId, freed.Id, null, default);
        var next = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Cent-deux"), default);

        Assert.Equal(("5000", "5001"), (hundredAndFirst.ShortNumber, hundredAndFirst.MobileShortNumber));
        Assert.Equal("542", next.ShortNumber);
        Assert.Equal(101, await parc.Db.ExternalContacts.CountAsync());
    }

    [Fact]
    public async Task Removing_the_mobile_frees_its_short_number_and_adding_one_gives_one()
    {
        await using var parc = await TestParc.CreateAsync();
        var contacts = parc.Operation<ExternalContactOperations>();
        var created = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Bieth", mobile: "0612345678"), default);

        var withoutMobile = await contacts.UpdateAsync(parc.AdminCaller, parc.ClientId, created.Id, Empty with { Mobile = "" }, created.Version, default);
        var other = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Morian"), default);
        var withMobile = await parc.Operation<ExternalContactOperations>()
            .UpdateAsync(parc.AdminCaller, parc.ClientId, created.Id, Empty with { Mobile = "07 81 22 33 44" }, null, default);

        Assert.Equal((null, null), (withoutMobile.Mobile, withoutMobile.MobileShortNumber));
        Assert.Equal("501", other.ShortNumber);
        Assert.Equal(("07 81 22 33 44", "500", "502"), (withMobile.Mobile, withMobile.ShortNumber, withMobile.MobileShortNumber));
    }

    [Fact]
    public async Task A_change_of_short_numbers_alone_frees_the_old_ones_and_moves_the_version()
    {
        await using var parc = await TestParc.CreateAsync();
        var contacts = parc.Operation<ExternalContactOperations>();
        var created = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Bieth", mobile: "0612345678"), default);

        var swapped = await contacts.UpdateAsync(parc.AdminCaller, parc.ClientId, created.Id,
            Empty with { ShortNumber = "501", MobileShortNumber = "500" }, created.Version, default);
        var moved = await parc.Operation<ExternalContactOperations>().UpdateAsync(parc.AdminCaller, parc.ClientId, created.Id,
            Empty with { ShortNumber = "5555" }, swapped.Version, default);
        var next = await parc.Operation<ExternalContactOperations>().CreateAsync(parc.AdminCaller, parc.ClientId, Input("Morian"), default);

        Assert.Equal(("501", "500"), (swapped.ShortNumber, swapped.MobileShortNumber));
        Assert.True(swapped.Version > created.Version);
        Assert.Equal(("5555", "500"), (moved.ShortNumber, moved.MobileShortNumber));
        Assert.Equal("501", next.ShortNumber);
    }

    [Theory]
    [InlineData(null, "510", "mobileShortNumber", "mobileShortNumber.noMobile")]
    [InlineData("0612345678", "510", "mobileShortNumber", "shortNumber.duplicate")]
    public async Task A_mobile_short_number_without_a_mobile_or_equal_to_the_phones_is_refused(string? mobile, string digits, string field, string code)
    {
        await using var parc = await TestParc.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<ExternalContactOperations>().CreateAsync(
            parc.AdminCaller, parc.ClientId, Input("Bieth", mobile: mobile) with { ShortNumber = "510", MobileShortNumber = digits }, default));
        Assert.Equal((RuleViolationKind.Invalid, field, code), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
        Assert.Equal(0, await parc.Db.ExternalContacts.CountAsync());
    }

    [Fact]
    public async Task Choosing_the_short_number_the_contacts_mobile_keeps_is_a_conflict()
    {
        await using var parc = await TestParc.CreateAsync();
        var contacts = parc.Operation<ExternalContactOperations>();
        var created = await contacts.CreateAsync(parc.AdminCaller, parc.ClientId, Input("Bieth", mobile: "0612345678"), default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            contacts.UpdateAsync(parc.AdminCaller, parc.ClientId, created.Id, Empty with { ShortNumber = "501" }, null, default));

        Assert.Equal((RuleViolationKind.Conflict, "shortNumber", "shortNumber.taken"), (error.Kind, error.Errors[0].Field, error.Errors[0].Code));
        var now = await parc.Operation<ExternalContactOperations>().GetAsync(parc.AdminCaller, parc.ClientId, created.Id, default);
        Assert.Equal(("500", "501", created.Version), (now.ShortNumber, now.MobileShortNumber, now.Version));
    }

    [Fact]
    public async Task A_plain_user_reads_the_directory_of_their_client_but_cannot_write_it()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = new Caller(Role.User, parc.ClientId, parc.Lu, "rlu@15rp.sewan.eu");
        var contacts = parc.Operation<ExternalContactOperations>();

        var list = await contacts.ListAsync(lu, parc.ClientId, PageRequest.First, default);
        var internalContacts = await parc.Operation<InternalContactOperations>().ListAsync(lu, parc.ClientId, default);
        var create = await Assert.ThrowsAsync<RuleViolationException>(() => contacts.CreateAsync(lu, parc.ClientId, Input("Intrus"), default));
        var update = await Assert.ThrowsAsync<RuleViolationException>(() =>
            contacts.UpdateAsync(lu, parc.ClientId, list.Items[0].Id, Empty with { LastName = "Intrus" }, null, default));

        Assert.Equal(["500", "501", "502", "503", "504"], list.Items.Select(c => c.ShortNumber));
        Assert.Contains(internalContacts, c => c.Name == "Cédric Seldon");
        Assert.Equal("client.notFound", create.Errors[0].Code);
        Assert.Equal(RuleViolationKind.NotFound, update.Kind);
        Assert.Equal("Bieth", (await parc.Db.ExternalContacts.OrderBy(c => c.Id).FirstAsync()).LastName);
    }

    [Fact]
    public async Task Another_clients_user_finds_no_such_directory()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (otherClient, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var stranger = new Caller(Role.User, otherClient, 999, "someone@autre.example.net");

        var external = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<ExternalContactOperations>().ListAsync(stranger, parc.ClientId, PageRequest.First, default));
        var internalContacts = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<InternalContactOperations>().ListAsync(stranger, parc.ClientId, default));

        Assert.Equal((RuleViolationKind.NotFound, "client.notFound"), (external.Kind, external.Errors[0].Code));
        Assert.Equal((RuleViolationKind.NotFound, "client.notFound"), (internalContacts.Kind, internalContacts.Errors[0].Code));
    }

    private static readonly ExternalContactInput Empty = new(null, null, null, null, null, null, null, null, null);

    private static ExternalContactInput Input(string lastName, string phone = "0354698654", string? mobile = null) =>
        Empty with { LastName = lastName, Phone = phone, Mobile = mobile };
}
