using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Rules;
using Sophia.Parc.Contacts;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Contacts;

public sealed class ContactImportTests
{
    [Fact]
    public async Task Given_short_numbers_go_around_the_ones_the_file_chooses_and_a_dry_run_saves_nothing()
    {
        await using var parc = await TestParc.CreateAsync();
        var csv = """
            LASTNAME;FirstName;Phone;Mobile;ShortNumber;MobileShortNumber;JobTitle
            Bieth;Régis;0354698654;;;;Acheteur
            Morian;Julien;0354697845;0612345678;500;;
            Muller;Elodie;0345568978;0612345679;;503;
            Paugam;Pierre;0312455689;0612345670;;;
            """;

        var preview = await Import(parc, csv, dryRun: true);

        Assert.True(preview.DryRun);
        Assert.Equal([2, 3, 4, 5], preview.Rows.Select(r => r.Row));
        Assert.Equal(
            ["Bieth 501 -", "Morian 500 502", "Muller 504 503", "Paugam 505 506"],
            preview.Rows.Select(r => $"{r.Contact.LastName} {r.Contact.ShortNumber} {r.Contact.MobileShortNumber ?? "-"}"));
        Assert.Equal("Acheteur", preview.Rows[0].Contact.JobTitle);
        Assert.Equal((0, 0), (await parc.Db.ExternalContacts.CountAsync(), await parc.Db.ShortNumbers.CountAsync()));

        var imported = await Import(parc, csv, dryRun: false);
        Assert.Equal(preview.Rows, imported.Rows);
        Assert.Equal((4, 7), (await parc.Db.ExternalContacts.CountAsync(), await parc.Db.ShortNumbers.CountAsync()));
    }

    [Fact]
    public async Task One_broken_row_refuses_the_file_naming_each_row_and_column_and_saves_nothing()
    {
        await using var parc = await TestParc.CreateAsync();
        var csv = """
            lastName,phone,mobile,email,shortNumber,mobileShortNumber
            Bieth,0354698654,,,510,
            ,0354697845,,,,
            Muller,01454,12,elodie@,,
            Paugam,0312455689,0612345678,,530,510
            Sarter,0345781245,,,600,
            """;

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Import(parc, csv, dryRun: false));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal(
            [
                ("row 3: lastName", "required"), ("row 4: phone", "phoneNumber."), ("row 4: mobile", "phoneNumber."), ("row 4: email", "email.invalid"),
                ("row 5: mobileShortNumber", "shortNumber.duplicate"), ("row 6: shortNumber", "shortNumber.range"),
            ],
            error.Errors.Select(e => (e.Field, e.Code.StartsWith("phoneNumber.", StringComparison.Ordinal) ? "phoneNumber." : e.Code)));
        Assert.Equal("row 2: shortNumber", error.Errors[4].Args["other"]);
        Assert.Equal(0, await parc.Db.ExternalContacts.CountAsync());
    }

    [Fact]
    public async Task A_short_number_the_client_already_holds_is_a_conflict_on_its_row()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var csv = "lastName,phone,shortNumber\nDurand,0145454545,\nMartin,0145454546,503\n";

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Import(parc, csv, dryRun: true));

        Assert.Equal(RuleViolationKind.Conflict, error.Kind);
        Assert.Equal(("row 3: shortNumber", "shortNumber.taken", "503"), (error.Errors[0].Field, error.Errors[0].Code, error.Errors[0].Args["shortNumber"]));
        Assert.Equal(5, await parc.Db.ExternalContacts.CountAsync());
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_on_row_1()
    {
        await using var parc = await TestParc.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Import(parc, "lastName,mobile\nBieth,0612345678\n", dryRun: false));
        Assert.Equal(("row 1", "csv.missingColumns"), (error.Errors[0].Field, error.Errors[0].Code));
        Assert.Contains("phone", error.Errors[0].Args["columns"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_import_fills_their_own_phonebook_all_or_nothing()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var lu = new Caller(Role.User, parc.ClientId, parc.Lu, "rlu@15rp.sewan.eu");
        var personal = parc.Operation<PersonalContactOperations>();
        var good = "civility,lastName,firstName,company,jobTitle,phone,mobile,email\nMme,Lu,Maria,Famille,,0611223344,0781223344,maria@example.fr\n";
        var bad = good + "M.,Lu,Paolo,,,,,\n";

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => personal.ImportAsync(lu, parc.Lu, new StringReader(bad), false, default));
        var imported = await parc.Operation<PersonalContactOperations>().ImportAsync(lu, parc.Lu, new StringReader(good), false, default);
        var stranger = await Assert.ThrowsAsync<RuleViolationException>(() =>
            parc.Operation<PersonalContactOperations>().ImportAsync(lu, parc.Seldon, new StringReader(good), false, default));

        Assert.Equal(("row 3: phone", "phoneNumber.required"), (error.Errors.Single().Field, error.Errors.Single().Code));
        var maria = Assert.Single(imported.Rows).Contact;
        Assert.Equal(("Mme", "Famille", "0781223344"), (maria.Civility, maria.Company, maria.Mobile));
        Assert.Equal((RuleViolationKind.NotFound, "user.notFound"), (stranger.Kind, stranger.Errors[0].Code));
        Assert.Equal(1, await parc.Db.PersonalContacts.CountAsync(c => c.UserId == parc.Lu));
        Assert.Equal(0, await parc.Db.PersonalContacts.CountAsync(c => c.UserId == parc.Seldon));
    }

    private static Task<ContactImport<ExternalContactCsvRow>> Import(TestParc parc, string csv, bool dryRun) =>
        parc.Operation<ExternalContactOperations>().ImportAsync(TestParc.HelpdeskCaller, parc.ClientId, new StringReader(csv), dryRun, default);
}
