using Microsoft.AspNetCore.Identity;
using Sophia.Model.Accounts;
using Sophia.Model.Csv;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;

namespace Sophia.Parc.Users;

/// <summary>One row of a users import: the login it gets (or would get), and what is wrong with it.</summary>
/// <param name="Row">As a spreadsheet numbers it, the header being row 1.</param>
/// <param name="UserId">The user created; null in a preview.</param>
public sealed record UserImportRow(int Row, string Login, string LastName, string? FirstName, int? UserId, IReadOnlyList<FieldError> Errors);

/// <summary>
/// What an import did, or (<paramref name="DryRun"/>) would do: every row with its login, and every error by row and
/// field. Only a preview ever answers with errors: a real import with one bad row is refused whole.
/// </summary>
public sealed record UserImportResult(bool DryRun, int Count, IReadOnlyList<UserImportRow> Rows, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Creates a site's users in bulk from CSV, each row checked exactly as a single creation is (the login generated when
/// left blank, unique across the file and the parc); all or nothing. The columns are those the users export writes.
/// </summary>
public sealed class UserImport(SophiaDb db, IPasswordHasher<object> hasher)
{
    public const string Layout =
        "lastName, firstName, civility, function, email, language, mobile, description, login, accountType, services, callRestrictionProfile, presentedNumber";

    /// <summary>
    /// Reads every row; with <paramref name="dryRun"/> answers what each would become and every error, saving nothing;
    /// otherwise refuses the whole file on any error (400, or 409 when every error is a login already taken) or creates
    /// every user in one save. Imported users get a random SIP password and no console password yet.
    /// </summary>
    public async Task<UserImportResult> ImportAsync(Caller caller, int siteId, TextReader csv, bool dryRun, CancellationToken ct)
    {
        var site = await Visible.SiteAsync(db, caller, siteId, ct);
        var checks = await UserChecks.ForClientAsync(db, hasher, site.ClientId, ct);
        await checks.Logins.LoadDomainAsync(ct);
        using var table = CsvTable.Open(csv, ["lastname"], Layout);
        var file = new Findings();
        var drafts = new List<(int Row, User User, Findings Findings)>();
        while (table.Read())
        {
            var row = new Findings($"row {table.Row}: ");
            var user = await checks.DraftAsync(site, ReadRow(table, row), row, table.Row, ct);
            drafts.Add((table.Row, user, row));
            file.Add(row);
        }
        if (!dryRun)
        {
            file.ThrowIfAny();
            db.Users.AddRange(drafts.Select(d => d.User));
            await db.SaveChangesAsync(ct);
        }
        var rows = drafts.Select(d => new UserImportRow(d.Row, d.User.Login, d.User.LastName, d.User.FirstName, dryRun ? null : d.User.Id, d.Findings.Errors)).ToList();
        return new UserImportResult(dryRun, rows.Count, rows, file.Errors);
    }

    /// <summary>A row as the input of a creation; the account type and services are read here, the rest checked as for one user.</summary>
    private static UserInput ReadRow(CsvTable table, Findings findings) => new(
        Civility: table.Get("civility"),
        LastName: table.Get("lastname") ?? "",
        FirstName: table.Get("firstname"),
        Function: table.Get("function"),
        Email: table.Get("email"),
        Language: table.Get("language"),
        Mobile: table.Get("mobile"),
        Description: table.Get("description"),
        Login: table.Get("login"),
        Password: null,
        AccountType: ReadAccountType(table.Get("accounttype"), findings),
        Services: ReadServices(table.Get("services"), findings),
        OutgoingPin: null,
        CallRestrictionProfile: table.Get("callrestrictionprofile"),
        PresentedNumber: table.Get("presentednumber"));

    private static AccountType? ReadAccountType(string? text, Findings findings)
    {
        if (text is null)
        {
            return null;
        }
        if (IsName(text) && Enum.TryParse<AccountType>(text, ignoreCase: true, out var type))
        {
            return type;
        }
        findings.Invalid(FieldError.Create("accountType", "accountType.unknown", "'{value}' is not an account type: {types}.",
            ("value", text), ("types", Enum.GetNames<AccountType>())));
        return null;
    }

    /// <summary>Services by name, separated by spaces, commas or semicolons (<c>FixedTelephony Mobile</c>), as the export writes them.</summary>
    private static List<UserServices>? ReadServices(string? text, Findings findings)
    {
        if (text is null)
        {
            return null;
        }
        var services = new List<UserServices>();
        foreach (var name in text.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsName(name) && Enum.TryParse<UserServices>(name, ignoreCase: true, out var service))
            {
                services.Add(service);
            }
            else
            {
                findings.Invalid(FieldError.Create("services", "services.unknown", "'{value}' is not a service: {services}.",
                    ("value", name), ("services", Enum.GetNames<UserServices>().Where(n => n != nameof(UserServices.None)))));
            }
        }
        return services;
    }

    /// <summary>Enum parsing also takes numbers (<c>3</c>); a file names things.</summary>
    private static bool IsName(string text) => text.Length > 0 && char.IsLetter(text[0]);
}
