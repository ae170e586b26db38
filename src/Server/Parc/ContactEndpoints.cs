using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Paging;
using Sophia.Parc.Contacts;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public static class ContactEndpoints
{
    public static void MapContacts(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("").WithTags("Contacts");

        // The client's shared directory: every user of the client reads it (the operations check the client), its admins write it.
        contacts.MapGet("/clients/{clientId:int}/contacts/external", ListExternal).RequireAuthorization().Problems(400, 404);
        contacts.MapGet("/clients/{clientId:int}/contacts/internal", ListInternal).RequireAuthorization().Problems(404);
        var external = contacts.MapGroup("/clients/{clientId:int}/contacts/external").RequireAuthorization(Roles.ClientAdmin).Problems(403, 404);
        external.MapPost("", CreateExternal).Problems(400, 409);
        external.MapPost("/import", ImportExternal).Accepts<string>("text/csv").Problems(400, 409);
        external.MapGet("/{contactId:int}", GetExternal);
        external.MapPut("/{contactId:int}", UpdateExternal).Problems(400, 409, 412);
        external.MapDelete("/{contactId:int}", DeleteExternal).Problems(400, 412);

        // A user's own phonebook: the user (self-care), the client's admins and the helpdesk.
        var personal = contacts.MapGroup("/users/{userId:int}/contacts").RequireAuthorization().Problems(404);
        personal.MapGet("", ListPersonal).Problems(400);
        personal.MapPost("", CreatePersonal).Problems(400);
        personal.MapPost("/import", ImportPersonal).Accepts<string>("text/csv").Problems(400);
        personal.MapGet("/{personalContactId:int}", GetPersonal);
        personal.MapPut("/{personalContactId:int}", UpdatePersonal).Problems(400, 412);
        personal.MapDelete("/{personalContactId:int}", DeletePersonal).Problems(400, 412);
    }

    private static async Task<Results<Ok<Paged<ExternalContactDto>>, EmptyHttpResult>> ListExternal(
        HttpContext http, Caller caller, ExternalContactOperations contacts, int clientId, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        if (CsvDownload.Wanted(format))
        {
            return await CsvDownload.WriteAsync(http, await contacts.ExportAsync(caller, clientId, ct), $"client-{clientId}-external-contacts.csv", ct);
        }
        return TypedResults.Ok(await contacts.ListAsync(caller, clientId, new PageRequest(page, pageSize), ct));
    }

    private static async Task<Ok<ExternalContactDto>> GetExternal(HttpContext http, Caller caller, ExternalContactOperations contacts, int clientId, int contactId, CancellationToken ct)
    {
        var contact = await contacts.GetAsync(caller, clientId, contactId, ct);
        return http.Tagged(contact, contact.Version);
    }

    private static async Task<Created<ExternalContactDto>> CreateExternal(
        HttpContext http, Caller caller, ExternalContactOperations contacts, int clientId, ExternalContactInput input, CancellationToken ct)
    {
        var contact = await contacts.CreateAsync(caller, clientId, input, ct);
        http.SetETag(contact.Version);
        return TypedResults.Created($"/api/v1/clients/{clientId}/contacts/external/{contact.Id}", contact);
    }

    private static async Task<Ok<ExternalContactDto>> UpdateExternal(
        HttpContext http, Caller caller, ExternalContactOperations contacts, int clientId, int contactId, ExternalContactInput input, CancellationToken ct)
    {
        var contact = await contacts.UpdateAsync(caller, clientId, contactId, input, http.IfMatch(), ct);
        return http.Tagged(contact, contact.Version);
    }

    private static async Task<NoContent> DeleteExternal(HttpContext http, Caller caller, ExternalContactOperations contacts, int clientId, int contactId, CancellationToken ct)
    {
        await contacts.DeleteAsync(caller, clientId, contactId, http.IfMatch(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ContactImport<ExternalContactCsvRow>>> ImportExternal(
        HttpContext http, Caller caller, ExternalContactOperations contacts, int clientId, bool? dryRun, CancellationToken ct)
    {
        using var csv = await CsvUpload.ReadAsync(http.Request, ct);
        return TypedResults.Ok(await contacts.ImportAsync(caller, clientId, csv, dryRun ?? false, ct));
    }

    private static async Task<Ok<IReadOnlyList<InternalContact>>> ListInternal(Caller caller, InternalContactOperations contacts, int clientId, CancellationToken ct) =>
        TypedResults.Ok(await contacts.ListAsync(caller, clientId, ct));

    private static async Task<Results<Ok<Paged<PersonalContactDto>>, EmptyHttpResult>> ListPersonal(
        HttpContext http, Caller caller, PersonalContactOperations contacts, int userId, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        if (CsvDownload.Wanted(format))
        {
            return await CsvDownload.WriteAsync(http, await contacts.ExportAsync(caller, userId, ct), $"user-{userId}-contacts.csv", ct);
        }
        return TypedResults.Ok(await contacts.ListAsync(caller, userId, new PageRequest(page, pageSize), ct));
    }

    private static async Task<Ok<PersonalContactDto>> GetPersonal(HttpContext http, Caller caller, PersonalContactOperations contacts, int userId, int personalContactId, CancellationToken ct)
    {
        var contact = await contacts.GetAsync(caller, userId, personalContactId, ct);
        return http.Tagged(contact, contact.Version);
    }

    private static async Task<Created<PersonalContactDto>> CreatePersonal(
        HttpContext http, Caller caller, PersonalContactOperations contacts, int userId, PersonalContactInput input, CancellationToken ct)
    {
        var contact = await contacts.CreateAsync(caller, userId, input, ct);
        http.SetETag(contact.Version);
        return TypedResults.Created($"/api/v1/users/{userId}/contacts/{contact.Id}", contact);
    }

    private static async Task<Ok<PersonalContactDto>> UpdatePersonal(
        HttpContext http, Caller caller, PersonalContactOperations contacts, int userId, int personalContactId, PersonalContactInput input, CancellationToken ct)
    {
        var contact = await contacts.UpdateAsync(caller, userId, personalContactId, input, http.IfMatch(), ct);
        return http.Tagged(contact, contact.Version);
    }

    private static async Task<NoContent> DeletePersonal(HttpContext http, Caller caller, PersonalContactOperations contacts, int userId, int personalContactId, CancellationToken ct)
    {
        await contacts.DeleteAsync(caller, userId, personalContactId, http.IfMatch(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ContactImport<PersonalContactCsvRow>>> ImportPersonal(
        HttpContext http, Caller caller, PersonalContactOperations contacts, int userId, bool? dryRun, CancellationToken ct)
    {
        using var csv = await CsvUpload.ReadAsync(http.Request, ct);
        return TypedResults.Ok(await contacts.ImportAsync(caller, userId, csv, dryRun ?? false, ct));
    }
}
