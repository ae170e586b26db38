using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public sealed record ExternalContactDto(int Id, string LastName, string? FirstName, string? Company, string Phone, string? Email, string? ShortNumber, long Version);

public sealed record PersonalContactDto(int Id, string LastName, string? FirstName, string Phone, string? Email, long Version);

public sealed record ContactInput(string? LastName, string? FirstName, string? Company, string? Phone, string? Email);

public static class ContactEndpoints
{
    public static void MapContacts(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("").WithTags("Contacts");
        contacts.MapGet("/clients/{clientId:int}/contacts/external", ListExternal).RequireAuthorization(Roles.ClientAdmin);
        contacts.MapPost("/clients/{clientId:int}/contacts/external", CreateExternal).RequireAuthorization(Roles.ClientAdmin);
        contacts.MapGet("/clients/{clientId:int}/contacts/external/{contactId:int}", GetExternal).RequireAuthorization(Roles.ClientAdmin);
        contacts.MapPut("/clients/{clientId:int}/contacts/external/{contactId:int}", UpdateExternal).RequireAuthorization(Roles.ClientAdmin);
        contacts.MapDelete("/clients/{clientId:int}/contacts/external/{contactId:int}", DeleteExternal).RequireAuthorization(Roles.ClientAdmin);
        contacts.MapGet("/clients/{clientId:int}/contacts/internal", ListInternal).RequireAuthorization(Roles.ClientAdmin);
        contacts.MapGet("/users/{userId:int}/contacts", ListPersonal).RequireAuthorization();
        contacts.MapPost("/users/{userId:int}/contacts", CreatePersonal).RequireAuthorization();
        contacts.MapGet("/users/{userId:int}/contacts/{personalContactId:int}", GetPersonal).RequireAuthorization();
        contacts.MapPut("/users/{userId:int}/contacts/{personalContactId:int}", UpdatePersonal).RequireAuthorization();
        contacts.MapDelete("/users/{userId:int}/contacts/{personalContactId:int}", DeletePersonal).RequireAuthorization();
    }

    private static async Task<Ok<Paged<ExternalContactDto>>> ListExternal(HttpContext http, SophiaDb db, int clientId, int? page, int? pageSize, CancellationToken ct)
    {
        await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        var query = from c in db.ExternalContacts.AsNoTracking()
                    where c.ClientId == clientId
                    orderby c.LastName, c.FirstName
                    select new ExternalContactDto(c.Id, c.LastName, c.FirstName, c.Company, c.Phone, c.Email,
                        db.ShortNumbers.Where(s => s.ExternalContactId == c.Id).Select(s => s.Digits).FirstOrDefault(), c.Version);
        return TypedResults.Ok(await query.ToPageAsync(new PageRequest(page, pageSize), ct));
    }

    private static async Task<Ok<ExternalContactDto>> GetExternal(HttpContext http, SophiaDb db, int clientId, int contactId, CancellationToken ct)
    {
        var contact = await LoadExternal(db, Caller.From(http.User), clientId, contactId, ct);
        http.SetETag(contact.Version);
        var digits = await db.ShortNumbers.Where(s => s.ExternalContactId == contact.Id).Select(s => s.Digits).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(ToDto(contact, digits));
    }

    private static async Task<Created<ExternalContactDto>> CreateExternal(HttpContext http, SophiaDb db, int clientId, ContactInput input, CancellationToken ct)
    {
        await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        var contact = new ExternalContact { ClientId = clientId, LastName = "", Phone = "" };
        Apply(input, contact, creating: true);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ExternalContacts.Add(contact);
        var digits = await ExternalContactShortNumbers.NextFreeAsync(db, clientId, ct);
        ExternalContactShortNumbers.Add(db, contact, digits);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        http.SetETag(contact.Version);
        return TypedResults.Created($"/api/v1/clients/{clientId}/contacts/external/{contact.Id}", ToDto(contact, digits));
    }

    private static async Task<Ok<ExternalContactDto>> UpdateExternal(HttpContext http, SophiaDb db, int clientId, int contactId, ContactInput input, CancellationToken ct)
    {
        var contact = await LoadExternal(db, Caller.From(http.User), clientId, contactId, ct);
        db.Expect(contact, http.IfMatch());
        Apply(input, contact, creating: false);
        await db.SaveChangesAsync(ct);
        http.SetETag(contact.Version);
        var digits = await db.ShortNumbers.Where(s => s.ExternalContactId == contact.Id).Select(s => s.Digits).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(ToDto(contact, digits));
    }

    private static async Task<NoContent> DeleteExternal(HttpContext http, SophiaDb db, int clientId, int contactId, CancellationToken ct)
    {
        var contact = await LoadExternal(db, Caller.From(http.User), clientId, contactId, ct);
        db.Expect(contact, http.IfMatch());
        db.ExternalContacts.Remove(contact);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<InternalContact>>> ListInternal(HttpContext http, SophiaDb db, int clientId, CancellationToken ct)
    {
        await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        return TypedResults.Ok(await InternalContacts.ListAsync(db, clientId, ct));
    }

    private static async Task<Ok<Paged<PersonalContactDto>>> ListPersonal(HttpContext http, SophiaDb db, int userId, int? page, int? pageSize, CancellationToken ct)
    {
        await Visible.UserAsync(db, Caller.From(http.User), userId, self: true, ct);
        var query = db.PersonalContacts.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
            .Select(c => new PersonalContactDto(c.Id, c.LastName, c.FirstName, c.Phone, c.Email, c.Version));
        return TypedResults.Ok(await query.ToPageAsync(new PageRequest(page, pageSize), ct));
    }

    private static async Task<Ok<PersonalContactDto>> GetPersonal(HttpContext http, SophiaDb db, int userId, int personalContactId, CancellationToken ct)
    {
        var contact = await LoadPersonal(db, Caller.From(http.User), userId, personalContactId, ct);
        http.SetETag(contact.Version);
        return TypedResults.Ok(ToDto(contact));
    }

    private static async Task<Created<PersonalContactDto>> CreatePersonal(HttpContext http, SophiaDb db, int userId, ContactInput input, CancellationToken ct)
    {
        await Visible.UserAsync(db, Caller.From(http.User), userId, self: true, ct);
        var contact = new PersonalContact { UserId = userId, LastName = "", Phone = "" };
        var external = new ExternalContact { LastName = "", Phone = "" };
        Apply(input with { Company = null }, external, creating: true);
        (contact.LastName, contact.FirstName, contact.Phone, contact.Email) = (external.LastName, external.FirstName, external.Phone, external.Email);
        db.PersonalContacts.Add(contact);
        await db.SaveChangesAsync(ct);
        http.SetETag(contact.Version);
        return TypedResults.Created($"/api/v1/users/{userId}/contacts/{contact.Id}", ToDto(contact));
    }

    private static async Task<Ok<PersonalContactDto>> UpdatePersonal(HttpContext http, SophiaDb db, int userId, int personalContactId, ContactInput input, CancellationToken ct)
    {
        var contact = await LoadPersonal(db, Caller.From(http.User), userId, personalContactId, ct);
        db.Expect(contact, http.IfMatch());
        var external = new ExternalContact { LastName = contact.LastName, FirstName = contact.FirstName, Phone = contact.Phone, Email = contact.Email };
        Apply(input with { Company = null }, external, creating: false);
        (contact.LastName, contact.FirstName, contact.Phone, contact.Email) = (external.LastName, external.FirstName, external.Phone, external.Email);
        await db.SaveChangesAsync(ct);
        http.SetETag(contact.Version);
        return TypedResults.Ok(ToDto(contact));
    }

    private static async Task<NoContent> DeletePersonal(HttpContext http, SophiaDb db, int userId, int personalContactId, CancellationToken ct)
    {
        var contact = await LoadPersonal(db, Caller.From(http.User), userId, personalContactId, ct);
        db.Expect(contact, http.IfMatch());
        db.PersonalContacts.Remove(contact);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ExternalContact> LoadExternal(SophiaDb db, Caller caller, int clientId, int contactId, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        return await db.ExternalContacts.FirstOrDefaultAsync(c => c.Id == contactId && c.ClientId == clientId, ct)
            ?? throw CommonErrors.NotFound("contactId", "contact", contactId);
    }

    private static async Task<PersonalContact> LoadPersonal(SophiaDb db, Caller caller, int userId, int contactId, CancellationToken ct)
    {
        await Visible.UserAsync(db, caller, userId, self: true, ct);
        return await db.PersonalContacts.FirstOrDefaultAsync(c => c.Id == contactId && c.UserId == userId, ct)
            ?? throw CommonErrors.NotFound("personalContactId", "contact", contactId);
    }

    /// <summary>Shared checks of a contact's fields; the phone is kept as typed once it is known to be a number.</summary>
    private static void Apply(ContactInput input, ExternalContact contact, bool creating)
    {
        var errors = new List<FieldError>();
        if (input.LastName is not null || creating)
        {
            if (string.IsNullOrWhiteSpace(input.LastName))
            {
                errors.Add(new FieldError("lastName", "lastName is required."));
            }
            else
            {
                contact.LastName = input.LastName.Trim();
            }
        }
        if (input.Phone is not null || creating)
        {
            if (!E164.TryNormalize(input.Phone, out _, out var error))
            {
                errors.Add(CommonErrors.NotPhoneNumber("phone", error));
            }
            else
            {
                contact.Phone = input.Phone!.Trim();
            }
        }
        if (input.Email is { Length: > 0 } email && !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
        {
            errors.Add(new FieldError("email", $"'{email}' is not an e-mail address."));
        }
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
        contact.FirstName = input.FirstName?.Trim() ?? contact.FirstName;
        contact.Company = input.Company?.Trim() ?? contact.Company;
        contact.Email = input.Email is null ? contact.Email : input.Email.Trim() is { Length: > 0 } e ? e : null;
    }

    private static ExternalContactDto ToDto(ExternalContact c, string? shortNumber) =>
        new(c.Id, c.LastName, c.FirstName, c.Company, c.Phone, c.Email, shortNumber, c.Version);

    private static PersonalContactDto ToDto(PersonalContact c) => new(c.Id, c.LastName, c.FirstName, c.Phone, c.Email, c.Version);
}
