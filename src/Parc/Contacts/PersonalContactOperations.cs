using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Csv;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Rules;

namespace Sophia.Parc.Contacts;

public sealed record PersonalContactDto(
    int Id, string? Civility, string LastName, string? FirstName, string? Company, string? JobTitle, string Phone, string? Mobile,
    string? Email, long Version)
{
    internal static PersonalContactDto From(PersonalContact c) =>
        new(c.Id, c.Civility, c.LastName, c.FirstName, c.Company, c.JobTitle, c.Phone, c.Mobile, c.Email, c.Version);
}

/// <summary>A personal contact to create, or the fields of one to change: a null field keeps its value, a blank optional one is cleared.</summary>
public sealed record PersonalContactInput(
    string? Civility, string? LastName, string? FirstName, string? Company, string? JobTitle, string? Phone, string? Mobile, string? Email)
    : IContactInput;

/// <summary>One personal contact in a CSV export, in the columns an import reads back.</summary>
public sealed record PersonalContactCsvRow(
    string? Civility, string LastName, string? FirstName, string? Company, string? JobTitle, string Phone, string? Mobile, string? Email)
{
    internal static PersonalContactCsvRow From(PersonalContact c) => new(c.Civility, c.LastName, c.FirstName, c.Company, c.JobTitle, c.Phone, c.Mobile, c.Email);
}

/// <summary>
/// A user's own phonebook ("contacts personnels"): the user keeps it in self-care, the client's admins and the helpdesk
/// may too; nobody else sees it.
/// </summary>
public sealed class PersonalContactOperations(SophiaDb db)
{
    public const string Layout = "civility, lastName, firstName, company, jobTitle, phone, mobile, email";

    public async Task<Paged<PersonalContactDto>> ListAsync(Caller caller, int userId, PageRequest page, CancellationToken ct)
    {
        await Visible.UserAsync(db, caller, userId, self: true, ct);
        var contacts = await Sorted(userId).ToPageAsync(page, ct);
        return contacts.Select(PersonalContactDto.From);
    }

    public async Task<IReadOnlyList<PersonalContactCsvRow>> ExportAsync(Caller caller, int userId, CancellationToken ct)
    {
        await Visible.UserAsync(db, caller, userId, self: true, ct);
        return (await Sorted(userId).ToListAsync(ct)).Select(PersonalContactCsvRow.From).ToList();
    }

    public async Task<PersonalContactDto> GetAsync(Caller caller, int userId, int contactId, CancellationToken ct) =>
        PersonalContactDto.From(await LoadAsync(caller, userId, contactId, ct));

    public async Task<PersonalContactDto> CreateAsync(Caller caller, int userId, PersonalContactInput input, CancellationToken ct)
    {
        await Visible.UserAsync(db, caller, userId, self: true, ct);
        var contact = new PersonalContact { UserId = userId, LastName = "", Phone = "" };
        var errors = new List<FieldError>();
        Apply(contact, input, creating: true, field => field, errors);
        RuleViolationException.ThrowIfAny(errors);
        db.PersonalContacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return PersonalContactDto.From(contact);
    }

    public async Task<PersonalContactDto> UpdateAsync(Caller caller, int userId, int contactId, PersonalContactInput input, long? expectedVersion, CancellationToken ct)
    {
        var contact = await LoadAsync(caller, userId, contactId, ct);
        db.Expect(contact, expectedVersion);
        var errors = new List<FieldError>();
        Apply(contact, input, creating: false, field => field, errors);
        RuleViolationException.ThrowIfAny(errors);
        await db.SaveChangesAsync(ct);
        return PersonalContactDto.From(contact);
    }

    public async Task DeleteAsync(Caller caller, int userId, int contactId, long? expectedVersion, CancellationToken ct)
    {
        var contact = await LoadAsync(caller, userId, contactId, ct);
        db.Expect(contact, expectedVersion);
        db.PersonalContacts.Remove(contact);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the contacts of a CSV file (columns as <see cref="Layout"/>, <c>lastName</c> and <c>phone</c> required) to the
    /// user's phonebook, all or none, each row checked as a contact created alone would be. A dry run saves nothing.
    /// </summary>
    public async Task<ContactImport<PersonalContactCsvRow>> ImportAsync(Caller caller, int userId, TextReader csv, bool dryRun, CancellationToken ct)
    {
        await Visible.UserAsync(db, caller, userId, self: true, ct);
        var errors = new List<FieldError>();
        var imported = new List<ImportedContact<PersonalContactCsvRow>>();
        var contacts = new List<PersonalContact>();
        using (var table = CsvTable.Open(csv, ["lastname", "phone"], Layout))
        {
            while (table.Read())
            {
                var input = new PersonalContactInput(
                    table.Cell("civility"), table.Cell("lastName"), table.Cell("firstName"), table.Cell("company"), table.Cell("jobTitle"),
                    table.Cell("phone"), table.Cell("mobile"), table.Cell("email"));
                var contact = new PersonalContact { UserId = userId, LastName = "", Phone = "" };
                if (Apply(contact, input, creating: true, table.Field, errors))
                {
                    contacts.Add(contact);
                    imported.Add(new ImportedContact<PersonalContactCsvRow>(table.Row, PersonalContactCsvRow.From(contact)));
                }
            }
        }
        ContactCsv.ThrowIfAny(errors, []);
        if (!dryRun)
        {
            // One save, so one transaction: the file lands whole or not at all.
            db.PersonalContacts.AddRange(contacts);
            await db.SaveChangesAsync(ct);
        }
        return new ContactImport<PersonalContactCsvRow>(imported.Count, dryRun, imported);
    }

    private IQueryable<PersonalContact> Sorted(int userId) => db.PersonalContacts.AsNoTracking()
        .Where(c => c.UserId == userId).OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id);

    private async Task<PersonalContact> LoadAsync(Caller caller, int userId, int contactId, CancellationToken ct)
    {
        await Visible.UserAsync(db, caller, userId, self: true, ct);
        return await db.PersonalContacts.FirstOrDefaultAsync(c => c.Id == contactId && c.UserId == userId, ct)
            ?? throw CommonErrors.NotFound("personalContactId", "contact", contactId);
    }

    /// <summary>
    /// Checks every field the input sets, as every contact is checked, adding what is wrong to <paramref name="errors"/>;
    /// changes the contact, and says so, only if all are right.
    /// </summary>
    private static bool Apply(PersonalContact contact, PersonalContactInput input, bool creating, Func<string, string> at, List<FieldError> errors)
    {
        var found = errors.Count;
        var current = creating ? null : new ContactFields(contact.LastName, contact.FirstName, contact.Company, contact.JobTitle, contact.Phone, contact.Mobile, contact.Email);
        var fields = ContactRules.Check(input, current, at, errors);
        TextLimits.Check(ContactRules.Text(input.Civility), TextLimits.Civility, at("civility"), errors);
        if (errors.Count > found)
        {
            return false;
        }
        contact.Civility = ContactRules.Keep(input.Civility, contact.Civility);
        (contact.LastName, contact.FirstName, contact.Company, contact.JobTitle, contact.Phone, contact.Mobile, contact.Email) =
            (fields.LastName, fields.FirstName, fields.Company, fields.JobTitle, fields.Phone, fields.Mobile, fields.Email);
        return true;
    }
}
