using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Csv;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Paging;
using Sophia.Model.Rules;

namespace Sophia.Parc.Contacts;

public sealed record ExternalContactDto(
    int Id, string LastName, string? FirstName, string? Company, string? JobTitle, string Phone, string? Mobile, string? Email,
    string? ShortNumber, string? MobileShortNumber, long Version)
{
    internal static ExternalContactDto From(ExternalContact c, string? shortNumber, string? mobileShortNumber) =>
        new(c.Id, c.LastName, c.FirstName, c.Company, c.JobTitle, c.Phone, c.Mobile, c.Email, shortNumber, mobileShortNumber, c.Version);
}

/// <summary>
/// An external contact to create, or the fields of one to change: a null field keeps its value, a blank optional one is
/// cleared (a blank mobile takes its short number with it). A short number left null is kept, or given when there is none.
/// </summary>
public sealed record ExternalContactInput(
    string? LastName, string? FirstName, string? Company, string? JobTitle, string? Phone, string? Mobile, string? Email,
    string? ShortNumber, string? MobileShortNumber) : IContactInput;

/// <summary>One external contact in a CSV export, in the columns an import reads back (short numbers included).</summary>
public sealed record ExternalContactCsvRow(
    string LastName, string? FirstName, string? Company, string? JobTitle, string Phone, string? Mobile, string? Email,
    string? ShortNumber, string? MobileShortNumber)
{
    internal static ExternalContactCsvRow From(ExternalContactDto c) =>
        new(c.LastName, c.FirstName, c.Company, c.JobTitle, c.Phone, c.Mobile, c.Email, c.ShortNumber, c.MobileShortNumber);
}

/// <summary>
/// The client's external contacts ("contacts externes"): its shared directory of people outside the company, each dialled
/// by a short number starting with 5 (see <see cref="ExternalContactShortNumbers"/> for how they are given). The client's
/// admins and the helpdesk write it; its users read it.
/// </summary>
public sealed class ExternalContactOperations(SophiaDb db)
{
    public const string Layout = "lastName, firstName, company, jobTitle, phone, mobile, email, shortNumber, mobileShortNumber";

    public async Task<Paged<ExternalContactDto>> ListAsync(Caller caller, int clientId, PageRequest page, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, member: true, ct);
        var contacts = await Sorted(clientId).ToPageAsync(page, ct);
        return new Paged<ExternalContactDto>(await ToDtosAsync(contacts.Items, ct), contacts.Page, contacts.PageSize, contacts.Total);
    }

    /// <summary>The whole directory in the columns <see cref="ImportAsync"/> reads, for whoever may read the list.</summary>
    public async Task<IReadOnlyList<ExternalContactCsvRow>> ExportAsync(Caller caller, int clientId, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, member: true, ct);
        var contacts = await ToDtosAsync(await Sorted(clientId).ToListAsync(ct), ct);
        return contacts.Select(ExternalContactCsvRow.From).ToList();
    }

    public async Task<ExternalContactDto> GetAsync(Caller caller, int clientId, int contactId, CancellationToken ct)
    {
        var contact = await LoadAsync(caller, clientId, contactId, ct);
        return (await ToDtosAsync([contact], ct))[0];
    }

    public async Task<ExternalContactDto> CreateAsync(Caller caller, int clientId, ExternalContactInput input, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var errors = new List<FieldError>();
        var draft = ExternalContactRules.Check(input, null, field => field, errors);
        RuleViolationException.ThrowIfAny(errors);
        var contact = new ExternalContact { ClientId = clientId, LastName = "", Phone = "" };
        Apply(contact, draft.Fields);
        db.ExternalContacts.Add(contact);
        var (shortNumber, mobileShortNumber) = await PlaceShortNumbersAsync(contact, draft, [], ct);
        await db.SaveChangesAsync(ct);
        return ExternalContactDto.From(contact, shortNumber, mobileShortNumber);
    }

    /// <summary>Changes the fields the input sets; a short number that changes or goes is freed for others.</summary>
    public async Task<ExternalContactDto> UpdateAsync(Caller caller, int clientId, int contactId, ExternalContactInput input, long? expectedVersion, CancellationToken ct)
    {
        var contact = await LoadAsync(caller, clientId, contactId, ct);
        db.Expect(contact, expectedVersion);
        var errors = new List<FieldError>();
        var current = new ContactFields(contact.LastName, contact.FirstName, contact.Company, contact.JobTitle, contact.Phone, contact.Mobile, contact.Email);
        var draft = ExternalContactRules.Check(input, current, field => field, errors);
        RuleViolationException.ThrowIfAny(errors);
        var shortNumbers = await db.ShortNumbers.Where(s => s.ExternalContactId == contact.Id).ToListAsync(ct);
        Apply(contact, draft.Fields);
        var (shortNumber, mobileShortNumber) = await PlaceShortNumbersAsync(contact, draft, shortNumbers, ct);
        await db.SaveChangesAsync(ct);
        return ExternalContactDto.From(contact, shortNumber, mobileShortNumber);
    }

    /// <summary>Deletes the contact; its short numbers go with it (the database cascades) and are free again.</summary>
    public async Task DeleteAsync(Caller caller, int clientId, int contactId, long? expectedVersion, CancellationToken ct)
    {
        var contact = await LoadAsync(caller, clientId, contactId, ct);
        db.Expect(contact, expectedVersion);
        db.ExternalContacts.Remove(contact);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the contacts of a CSV file (columns as <see cref="Layout"/>, <c>lastName</c> and <c>phone</c> required), all
    /// or none: each row is checked as a contact created alone would be, short numbers chosen in the file must be free
    /// and not chosen twice, and the others are given around them, lowest first in file order. A dry run checks and
    /// answers the same, and saves nothing.
    /// </summary>
    public async Task<ContactImport<ExternalContactCsvRow>> ImportAsync(Caller caller, int clientId, TextReader csv, bool dryRun, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var errors = new List<FieldError>();
        var rows = new List<(int Row, ExternalContactDraft Draft)>();
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var table = CsvTable.Open(csv, ["lastname", "phone"], Layout))
        {
            while (table.Read())
            {
                var input = new ExternalContactInput(
                    table.Cell("lastName"), table.Cell("firstName"), table.Cell("company"), table.Cell("jobTitle"), table.Cell("phone"),
                    table.Cell("mobile"), table.Cell("email"), table.Cell("shortNumber"), table.Cell("mobileShortNumber"));
                var draft = ExternalContactRules.Check(input, null, table.Field, errors);
                // The same number in both columns of one row is already reported by the row's own check.
                var mobileShortNumber = draft.MobileShortNumber == draft.ShortNumber ? null : draft.MobileShortNumber;
                foreach (var (column, digits) in new[] { ("shortNumber", draft.ShortNumber), ("mobileShortNumber", mobileShortNumber) })
                {
                    if (digits is not null && !chosen.TryAdd(digits, table.Field(column)))
                    {
                        errors.Add(ExternalContactRules.Duplicate(table.Field(column), digits, chosen[digits]));
                    }
                }
                rows.Add((table.Row, draft));
            }
        }
        var wanted = chosen.Keys.ToList();
        var taken = wanted.Count == 0
            ? []
            : await db.ShortNumbers.AsNoTracking().Where(s => s.ClientId == clientId && wanted.Contains(s.Digits)).Select(s => s.Digits).ToListAsync(ct);
        ContactCsv.ThrowIfAny(errors, [.. taken.Select(digits => ExternalContactShortNumbers.Taken(chosen[digits], digits))]);

        var free = await ExternalContactShortNumbers.FreeAsync(db, clientId, wanted, ct);
        var imported = new List<ImportedContact<ExternalContactCsvRow>>(rows.Count);
        foreach (var (row, draft) in rows)
        {
            var contact = new ExternalContact { ClientId = clientId, LastName = "", Phone = "" };
            Apply(contact, draft.Fields);
            var shortNumber = draft.ShortNumber ?? free.Next($"row {row}: shortNumber");
            var mobileShortNumber = contact.Mobile is null ? null : draft.MobileShortNumber ?? free.Next($"row {row}: mobileShortNumber");
            if (!dryRun)
            {
                db.ExternalContacts.Add(contact);
                ExternalContactShortNumbers.Add(db, contact, shortNumber);
                if (mobileShortNumber is not null)
                {
                    ExternalContactShortNumbers.Add(db, contact, mobileShortNumber, dialsMobile: true);
                }
            }
            imported.Add(new ImportedContact<ExternalContactCsvRow>(row, ExternalContactCsvRow.From(ExternalContactDto.From(contact, shortNumber, mobileShortNumber))));
        }
        if (!dryRun)
        {
            // One save, so one transaction: the file lands whole or not at all.
            await db.SaveChangesAsync(ct);
        }
        return new ContactImport<ExternalContactCsvRow>(imported.Count, dryRun, imported);
    }

    private IQueryable<ExternalContact> Sorted(int clientId) => db.ExternalContacts.AsNoTracking()
        .Where(c => c.ClientId == clientId).OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id);

    private async Task<ExternalContact> LoadAsync(Caller caller, int clientId, int contactId, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        return await db.ExternalContacts.FirstOrDefaultAsync(c => c.Id == contactId && c.ClientId == clientId, ct)
            ?? throw CommonErrors.NotFound("contactId", "contact", contactId);
    }

    private async Task<List<ExternalContactDto>> ToDtosAsync(IReadOnlyList<ExternalContact> contacts, CancellationToken ct)
    {
        var ids = contacts.Select(c => (int?)c.Id).ToList();
        var shortNumbers = (await db.ShortNumbers.AsNoTracking()
                .Where(s => ids.Contains(s.ExternalContactId))
                .Select(s => new { s.ExternalContactId, s.DialsMobile, s.Digits })
                .ToListAsync(ct))
            .ToLookup(s => (s.ExternalContactId!.Value, s.DialsMobile), s => s.Digits);
        return contacts.Select(c => ExternalContactDto.From(c, shortNumbers[(c.Id, false)].FirstOrDefault(), shortNumbers[(c.Id, true)].FirstOrDefault())).ToList();
    }

    private static void Apply(ExternalContact contact, ContactFields fields) =>
        (contact.LastName, contact.FirstName, contact.Company, contact.JobTitle, contact.Phone, contact.Mobile, contact.Email) =
        (fields.LastName, fields.FirstName, fields.Company, fields.JobTitle, fields.Phone, fields.Mobile, fields.Email);

    /// <summary>
    /// Gives <paramref name="contact"/> the short numbers <paramref name="draft"/> asks for, <paramref name="current"/> being
    /// those it has: a chosen one (a 409 when anyone else of the client holds it), else the one it has, else the lowest
    /// free; the mobile's only while there is a mobile. A short number that changes is a new row, the old one is freed.
    /// </summary>
    private async Task<(string ShortNumber, string? MobileShortNumber)> PlaceShortNumbersAsync(
        ExternalContact contact, ExternalContactDraft draft, List<ShortNumber> current, CancellationToken ct)
    {
        var phoneRow = current.FirstOrDefault(s => !s.DialsMobile);
        var mobileRow = current.FirstOrDefault(s => s.DialsMobile);
        var hasMobile = contact.Mobile is not null;
        var keptPhone = draft.ShortNumber is null ? phoneRow?.Digits : null;
        var keptMobile = draft.MobileShortNumber is null && hasMobile ? mobileRow?.Digits : null;

        var claims = new List<(string Field, string Digits)>();
        if (draft.ShortNumber is { } phoneDigits && phoneDigits != phoneRow?.Digits)
        {
            claims.Add(("shortNumber", phoneDigits));
        }
        if (draft.MobileShortNumber is { } mobileDigits && mobileDigits != mobileRow?.Digits)
        {
            claims.Add(("mobileShortNumber", mobileDigits));
        }
        if (claims.Count > 0)
        {
            var wanted = claims.Select(c => c.Digits).ToList();
            var taken = await db.ShortNumbers.AsNoTracking()
                .Where(s => s.ClientId == contact.ClientId && wanted.Contains(s.Digits) && s.ExternalContactId != contact.Id)
                .Select(s => s.Digits)
                .ToListAsync(ct);
            RuleViolationException.ThrowIfAny(
                [.. claims.Where(c => taken.Contains(c.Digits) || c.Digits == keptPhone || c.Digits == keptMobile)
                    .Select(c => ExternalContactShortNumbers.Taken(c.Field, c.Digits))],
                RuleViolationKind.Conflict);
        }

        FreeShortNumbers? free = null;
        async Task<string> GiveAsync(string field)
        {
            free ??= await ExternalContactShortNumbers.FreeAsync(db, contact.ClientId, claims.Select(c => c.Digits), ct);
            return free.Next(field);
        }
        var shortNumber = draft.ShortNumber ?? keptPhone ?? await GiveAsync("shortNumber");
        var mobileShortNumber = hasMobile ? draft.MobileShortNumber ?? keptMobile ?? await GiveAsync("mobileShortNumber") : null;
        var changed = Place(contact, phoneRow, shortNumber, dialsMobile: false) | Place(contact, mobileRow, mobileShortNumber, dialsMobile: true);
        if (changed && db.Entry(contact).State == EntityState.Unchanged)
        {
            // The contact's ETag covers its short numbers: changing only them is a new version too.
            db.Entry(contact).State = EntityState.Modified;
        }
        return (shortNumber, mobileShortNumber);
    }

    private bool Place(ExternalContact contact, ShortNumber? row, string? digits, bool dialsMobile)
    {
        if (row?.Digits == digits)
        {
            return false;
        }
        if (row is not null)
        {
            db.ShortNumbers.Remove(row);
        }
        if (digits is not null)
        {
            ExternalContactShortNumbers.Add(db, contact, digits, dialsMobile);
        }
        return true;
    }
}
