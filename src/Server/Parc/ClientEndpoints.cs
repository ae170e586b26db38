using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public sealed record ClientDto(int Id, string Name, string SipDomain, string ProvisioningUser, string RegistrarHost, int RegistrarPort, SipTransport RegistrarTransport, long Version)
{
    public static ClientDto From(Client c) =>
        new(c.Id, c.Name, c.SipDomain, c.ProvisioningUser, c.RegistrarHost, c.RegistrarPort, c.RegistrarTransport, c.Version);
}

/// <summary>Creation and update of a client; the provisioning password is write-only.</summary>
public sealed record ClientInput(string? Name, string? SipDomain, string? ProvisioningUser, string? ProvisioningPassword, string? RegistrarHost, int? RegistrarPort, SipTransport? RegistrarTransport);

public static class ClientEndpoints
{
    public static void MapClients(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients").RequireAuthorization(Roles.ClientAdmin);
        clients.MapGet("/", List);
        clients.MapGet("/{clientId:int}", Get);
        clients.MapPost("/", Create).RequireAuthorization(Roles.Helpdesk);
        clients.MapPut("/{clientId:int}", Update);
        clients.MapDelete("/{clientId:int}", Delete).RequireAuthorization(Roles.Helpdesk);
    }

    private static async Task<Ok<Paged<ClientDto>>> List(HttpContext http, SophiaDb db, int? page, int? pageSize, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var query = db.Clients.AsNoTracking().Where(c => caller.IsHelpdesk || c.Id == caller.ClientId).OrderBy(c => c.Name);
        var result = await query.ToPageAsync(new PageRequest(page, pageSize), ct);
        return TypedResults.Ok(new Paged<ClientDto>(result.Items.Select(ClientDto.From).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Ok<ClientDto>> Get(HttpContext http, SophiaDb db, int clientId, CancellationToken ct)
    {
        var client = await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        http.SetETag(client.Version);
        return TypedResults.Ok(ClientDto.From(client));
    }

    private static async Task<Created<ClientDto>> Create(HttpContext http, SophiaDb db, ClientInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        Require(errors, input.Name, "name");
        Require(errors, input.SipDomain, "sipDomain");
        Require(errors, input.ProvisioningUser, "provisioningUser");
        Require(errors, input.ProvisioningPassword, "provisioningPassword");
        Require(errors, input.RegistrarHost, "registrarHost");
        Check(errors, input);
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
        var operatorId = await db.Operators.Select(o => o.Id).FirstAsync(ct);
        var client = new Client
        {
            OperatorId = operatorId,
            Name = input.Name!.Trim(),
            SipDomain = input.SipDomain!.Trim().ToLowerInvariant(),
            ProvisioningUser = input.ProvisioningUser!.Trim(),
            ProvisioningPassword = input.ProvisioningPassword!,
            RegistrarHost = input.RegistrarHost!.Trim(),
            RegistrarPort = input.RegistrarPort ?? 5060,
            RegistrarTransport = input.RegistrarTransport ?? SipTransport.Udp,
        };
        await CheckUnique(db, client, ct);
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        http.SetETag(client.Version);
        return TypedResults.Created($"/api/v1/clients/{client.Id}", ClientDto.From(client));
    }

    private static async Task<Ok<ClientDto>> Update(HttpContext http, SophiaDb db, int clientId, ClientInput input, CancellationToken ct)
    {
        var client = await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        db.Expect(client, http.IfMatch());
        var errors = new List<FieldError>();
        Check(errors, input);
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
        client.Name = input.Name?.Trim() ?? client.Name;
        client.SipDomain = input.SipDomain?.Trim().ToLowerInvariant() ?? client.SipDomain;
        client.ProvisioningUser = input.ProvisioningUser?.Trim() ?? client.ProvisioningUser;
        client.ProvisioningPassword = input.ProvisioningPassword ?? client.ProvisioningPassword;
        client.RegistrarHost = input.RegistrarHost?.Trim() ?? client.RegistrarHost;
        client.RegistrarPort = input.RegistrarPort ?? client.RegistrarPort;
        client.RegistrarTransport = input.RegistrarTransport ?? client.RegistrarTransport;
        await CheckUnique(db, client, ct);
        await db.SaveChangesAsync(ct);
        http.SetETag(client.Version);
        return TypedResults.Ok(ClientDto.From(client));
    }

    private static async Task<NoContent> Delete(HttpContext http, SophiaDb db, int clientId, CancellationToken ct)
    {
        var client = await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        db.Expect(client, http.IfMatch());
        var sites = await db.Sites.CountAsync(s => s.ClientId == clientId, ct);
        var equipment = await db.Equipment.CountAsync(e => e.ClientId == clientId, ct);
        if (sites + equipment > 0)
        {
            throw new RuleViolationException("clientId", $"Client {client.Name} still has {sites} site(s) and {equipment} equipment; remove them first.", RuleViolationKind.Conflict);
        }
        await db.StaffAccounts.Where(a => a.ClientId == clientId).ExecuteDeleteAsync(ct);
        await db.Music.Where(m => m.ClientId == clientId).ExecuteDeleteAsync(ct);
        db.Clients.Remove(client);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static void Require(List<FieldError> errors, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"{field} is required."));
        }
    }

    private static void Check(List<FieldError> errors, ClientInput input)
    {
        if (input.SipDomain is { } domain && Uri.CheckHostName(domain.Trim()) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            errors.Add(new FieldError("sipDomain", $"'{domain}' is not a domain name."));
        }
        if (input.RegistrarHost is { } host && Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown)
        {
            errors.Add(new FieldError("registrarHost", $"'{host}' is not a host name or address."));
        }
        if (input.RegistrarPort is { } port && port is < 1 or > 65535)
        {
            errors.Add(new FieldError("registrarPort", "registrarPort must be between 1 and 65535."));
        }
        if (input.ProvisioningPassword is { Length: < 8 })
        {
            errors.Add(new FieldError("provisioningPassword", "provisioningPassword needs at least 8 characters."));
        }
    }

    private static async Task CheckUnique(SophiaDb db, Client client, CancellationToken ct)
    {
        if (await db.Clients.AnyAsync(c => c.Id != client.Id && c.Name == client.Name, ct))
        {
            throw new RuleViolationException("name", $"A client named {client.Name} already exists.", RuleViolationKind.Conflict);
        }
        if (await db.Clients.AnyAsync(c => c.Id != client.Id && c.SipDomain == client.SipDomain, ct))
        {
            throw new RuleViolationException("sipDomain", $"SIP domain {client.SipDomain} already belongs to another client.", RuleViolationKind.Conflict);
        }
    }
}
