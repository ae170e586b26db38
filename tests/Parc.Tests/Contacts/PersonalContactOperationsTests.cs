using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Parc.Contacts;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Contacts;

public sealed class PersonalContactOperationsTests
{
    [Fact]
    public async Task A_user_keeps_civility_company_job_title_and_mobile_and_a_change_keeps_what_it_does_not_name()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = Lu(parc);
        var created = await parc.Operation<PersonalContactOperations>().CreateAsync(lu, parc.Lu,
            new PersonalContactInput("Mme", "Lu", "Maria", "Famille Lu", "Mère", "0611223344", " 07 81 22 33 44 ", null), default);

        var changed = await parc.Operation<PersonalContactOperations>().UpdateAsync(lu, parc.Lu, created.Id,
            new PersonalContactInput(null, null, null, "", null, null, null, "maria@example.fr"), created.Version, default);

        Assert.Equal(("Mme", "Famille Lu", "Mère", "07 81 22 33 44"), (created.Civility, created.Company, created.JobTitle, created.Mobile));
        Assert.Equal(("Mme", "Maria", null, "0611223344", "07 81 22 33 44", "maria@example.fr"),
            (changed.Civility, changed.FirstName, changed.Company, changed.Phone, changed.Mobile, changed.Email));
        Assert.True(changed.Version > created.Version);
    }

    [Fact]
    public async Task A_bad_mobile_or_email_is_refused_with_its_code_and_the_contact_stays_as_it_was()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var created = await parc.Operation<PersonalContactOperations>().CreateAsync(Lu(parc), parc.Lu,
            new PersonalContactInput(null, "Lu", "Maria", null, null, "0611223344", null, null), default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<PersonalContactOperations>().UpdateAsync(
            Lu(parc), parc.Lu, created.Id, new PersonalContactInput(null, "Lu-Martin", null, null, null, null, "06 12", "maria-at-example"), null, default));

        Assert.Equal(["mobile", "email"], error.Errors.Select(e => e.Field));
        Assert.StartsWith("phoneNumber.", error.Errors[0].Code, StringComparison.Ordinal);
        Assert.Equal("email.invalid", error.Errors[1].Code);
        var now = await parc.Db.PersonalContacts.AsNoTracking().SingleAsync(c => c.Id == created.Id);
        Assert.Equal(("Lu", null, created.Version), (now.LastName, now.Mobile, now.Version));
    }

    [Fact]
    public async Task Another_users_phonebook_is_not_found_for_a_plain_user_but_their_admin_reads_it()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<PersonalContactOperations>().ListAsync(Lu(parc), parc.Seldon, PageRequest.First, default));
        var page = await parc.Operation<PersonalContactOperations>().ListAsync(parc.AdminCaller, parc.Seldon, PageRequest.First, default);

        Assert.Equal((RuleViolationKind.NotFound, "user.notFound"), (error.Kind, error.Errors[0].Code));
        Assert.Equal(0, page.Total);
    }

    private static Caller Lu(TestParc parc) => new(Role.User, parc.ClientId, parc.Lu, "rlu@15rp.sewan.eu");
}
