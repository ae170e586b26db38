using Microsoft.EntityFrameworkCore;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Users;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Users;

public sealed class UserImportTests
{
    private static Task<UserImportResult> Import(TestParc parc, string csv, bool dryRun, int? siteId = null) =>
        parc.Operation<UserImport>().ImportAsync(parc.AdminCaller, siteId ?? parc.Wagram, new StringReader(csv), dryRun, default);

    [Fact]
    public async Task A_preview_gives_each_row_its_login_unique_across_the_file_and_the_parc_and_saves_nothing()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        const string csv = "lastName,firstName,email\nMartin,Jean,jean.martin@15rp.fr\nMartin,Jean,\nSeldon,Claire,\n";

        var preview = await Import(parc, csv, dryRun: true);

        Assert.True(preview.DryRun);
        Assert.Empty(preview.Errors);
        Assert.Equal(
            [(2, "jmartin@15rp.sewan.eu"), (3, "jmartin2@15rp.sewan.eu"), (4, "cseldon2@15rp.sewan.eu")],
            preview.Rows.Select(r => (r.Row, r.Login)));
        Assert.All(preview.Rows, r => Assert.Null(r.UserId));
        Assert.Equal(3, await parc.Db.Users.CountAsync());
    }

    [Fact]
    public async Task An_import_creates_every_user_with_a_random_SIP_password_and_no_console_password()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        await UserOperationsTests.AddProfileAsync(parc, parc.ClientId, "National");
        const string csv = """
            LASTNAME;FirstName;Civility;Function;Email;Language;Mobile;Login;AccountType;Services;CallRestrictionProfile
            Martin;Jean;M.;Comptable;jean.martin@15rp.fr;en;06 12 34 56 78;;admin;FixedTelephony Fax;national
            Durand;Léa;;;;;;lea.durand@15rp.sewan.eu;;;
            """;

        var result = await Import(parc, csv, dryRun: false);

        Assert.Equal((false, 2), (result.DryRun, result.Count));
        await using var db = parc.NewDb();
        var users = await db.Users.AsNoTracking().Where(u => u.SiteId == parc.Wagram).Include(u => u.CallRestrictionProfile).OrderBy(u => u.Id).ToListAsync();
        Assert.Equal(result.Rows.Select(r => r.UserId), users.Select(u => (int?)u.Id));
        var jean = users[0];
        Assert.Equal(("jmartin@15rp.sewan.eu", "M.", "Comptable", "en", "+33612345678", AccountType.Admin), (jean.Login, jean.Civility, jean.Function, jean.Language, jean.Mobile, jean.AccountType));
        Assert.Equal((UserServices.FixedTelephony | UserServices.Fax, "National"), (jean.Services, jean.CallRestrictionProfile?.Name));
        Assert.Equal(("lea.durand@15rp.sewan.eu", "lea.durand", "fr", UserServices.FixedTelephony), (users[1].Login, users[1].SipUsername, users[1].Language, users[1].Services));
        Assert.All(users, u => Assert.Matches("^[A-Za-z0-9]{24}$", u.SipPassword));
        Assert.All(users, u => Assert.Null(u.PasswordHash));
    }

    [Fact]
    public async Task One_broken_row_refuses_the_whole_file_naming_row_and_field_and_nothing_is_saved()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        const string csv = "lastName,firstName,email,accountType,services,callRestrictionProfile\nMartin,Jean,,,,\nDurand,Léa,lea@,boss,Fax Teleport,Lunaire\n---,,,,,\n";

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Import(parc, csv, dryRun: false));

        Assert.Equal(RuleViolationKind.Invalid, error.Kind);
        Assert.Equal(
            [("row 3: accountType", "accountType.unknown"), ("row 3: services", "services.unknown"), ("row 3: email", "email.invalid"),
             ("row 3: callRestrictionProfile", "callRestrictionProfile.unknown"), ("row 4: lastName", "lastName.noLetter")],
            error.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(("boss", "Individual, Admin"), (error.Errors[0].Args["value"], error.Errors[0].Args["types"]));
        Assert.Equal("Teleport", error.Errors[1].Args["value"]);
        Assert.Equal(3, await parc.Db.Users.CountAsync());

        var preview = await Import(parc, csv, dryRun: true);
        Assert.Equal(error.Errors.Select(e => (e.Field, e.Code, e.Message)), preview.Errors.Select(e => (e.Field, e.Code, e.Message)));
        Assert.Equal([0, 4, 1], preview.Rows.Select(r => r.Errors.Count));
        Assert.Equal("jmartin@15rp.sewan.eu", preview.Rows[0].Login);
        Assert.Equal(3, await parc.Db.Users.CountAsync());
    }

    [Fact]
    public async Task Logins_taken_in_the_parc_are_a_conflict_and_a_login_repeated_in_the_file_names_the_first_row()
    {
        await using var parc = await TestParc.CreateDemoAsync();

        var taken = await Assert.ThrowsAsync<RuleViolationException>(() => Import(parc, "lastName,login\nSeldon,cseldon@15rp.sewan.eu\n", dryRun: false));
        Assert.Equal((RuleViolationKind.Conflict, "row 2: login", "login.taken"), (taken.Kind, taken.Errors[0].Field, taken.Errors[0].Code));

        var repeated = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Import(parc, "lastName,login\nA,a@15rp.sewan.eu\nB,a@15rp.sewan.eu\n", dryRun: false));
        var error = Assert.Single(repeated.Errors);
        Assert.Equal((RuleViolationKind.Invalid, "row 3: login", "login.repeated", "2"), (repeated.Kind, error.Field, error.Code, error.Args["row"]));
        Assert.Equal(3, await parc.Db.Users.CountAsync());
    }

    [Fact]
    public async Task A_file_without_a_lastName_column_is_refused_on_its_header()
    {
        await using var parc = await TestParc.CreateAsync();
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Import(parc, "firstName,email\nJean,\n", dryRun: true));
        Assert.Equal(("row 1", "csv.missingColumns", "lastname"), (error.Errors[0].Field, error.Errors[0].Code, error.Errors[0].Args["columns"]));
    }

    [Fact]
    public async Task Another_clients_admin_finds_no_such_site_to_import_into()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => parc.Operation<UserImport>().ImportAsync(
            new Sophia.Model.Accounts.Caller(Sophia.Model.Accounts.Role.ClientAdmin, other, null, "admin@autre.example.net"),
            parc.Mandar, new StringReader("lastName\nMartin\n"), dryRun: false, default));
        Assert.Equal((RuleViolationKind.NotFound, "site.notFound"), (error.Kind, error.Errors[0].Code));
        Assert.Equal(0, await parc.Db.Users.CountAsync());
    }
}
