using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;

namespace Sophia.Parc.Clients;

/// <summary>A client as the API shows it: never its provisioning password.</summary>
/// <param name="DeviceCertificate">What its phones' device certificates do on <c>/prov/</c> over HTTPS.</param>
public sealed record ClientDto(int Id, string Name, string SipDomain, string ProvisioningUser, string RegistrarHost, int RegistrarPort, SipTransport RegistrarTransport, long Version,
    DeviceCertificatePolicy DeviceCertificate)
{
    public static ClientDto From(Client c) =>
        new(c.Id, c.Name, c.SipDomain, c.ProvisioningUser, c.RegistrarHost, c.RegistrarPort, c.RegistrarTransport, c.Version, c.DeviceCertificate);
}

/// <summary>A client to create, or the fields of one to change (a field left null keeps its value); the provisioning password is write-only.</summary>
/// <param name="DeviceCertificate">Set by the helpdesk only: <c>ignored</c> (default), <c>accepted</c> or <c>required</c>.</param>
public sealed record ClientInput(string? Name, string? SipDomain, string? ProvisioningUser, string? ProvisioningPassword, string? RegistrarHost, int? RegistrarPort, SipTransport? RegistrarTransport,
    DeviceCertificatePolicy? DeviceCertificate = null);

/// <summary>
/// The operator's business customers. The helpdesk creates and deletes them; a client admin reads and changes their own.
/// </summary>
public sealed class ClientOperations(SophiaDb db)
{
    public const int MinProvisioningPasswordLength = 8;

    public async Task<Paged<ClientDto>> ListAsync(Caller caller, PageRequest page, CancellationToken ct)
    {
        var all = caller.IsHelpdesk;
        var own = caller.Role == Role.ClientAdmin ? caller.ClientId : null;
        var result = await db.Clients.AsNoTracking().Where(c => all || c.Id == own).OrderBy(c => c.Name).ToPageAsync(page, ct);
        return result.Select(ClientDto.From);
    }

    public async Task<ClientDto> GetAsync(Caller caller, int clientId, CancellationToken ct) =>
        ClientDto.From(await Visible.ClientAsync(db, caller, clientId, ct));

    public async Task<ClientDto> CreateAsync(Caller caller, ClientInput input, CancellationToken ct)
    {
        RequireHelpdesk(caller, "create");
        var client = new Client
        {
            OperatorId = await db.Operators.Select(o => o.Id).FirstAsync(ct),
            Name = "",
            SipDomain = "",
            ProvisioningUser = "",
            ProvisioningPassword = "",
            RegistrarHost = "",
        };
        Apply(client, input, creating: true);
        ApplyDeviceCertificate(caller, client, input.DeviceCertificate);
        await CheckUniqueAsync(client, ct);
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        return ClientDto.From(client);
    }

    public async Task<ClientDto> UpdateAsync(Caller caller, int clientId, ClientInput input, long? expectedVersion, CancellationToken ct)
    {
        var client = await Visible.ClientAsync(db, caller, clientId, ct);
        db.Expect(client, expectedVersion);
        Apply(client, input, creating: false);
        ApplyDeviceCertificate(caller, client, input.DeviceCertificate);
        await CheckUniqueAsync(client, ct);
        await db.SaveChangesAsync(ct);
        return ClientDto.From(client);
    }

    /// <summary>
    /// Whether a valid device certificate lets the client's phones in without digest, or is required: the operator's
    /// decision (it trusts the device CAs and answers for the phones' security), so only the helpdesk changes it; a
    /// client admin sending back the value they read changes nothing and is not refused.
    /// </summary>
    private static void ApplyDeviceCertificate(Caller caller, Client client, DeviceCertificatePolicy? policy)
    {
        if (policy is not { } wanted || wanted == client.DeviceCertificate)
        {
            return;
        }
        if (!Enum.IsDefined(wanted))
        {
            throw new RuleViolationException(CommonErrors.Undefined("deviceCertificate", wanted));
        }
        if (!caller.IsHelpdesk)
        {
            throw new RuleViolationException(FieldError.Create("deviceCertificate", "deviceCertificate.helpdeskOnly",
                "Only the operator's helpdesk decides what device certificates do for a client's phones."), RuleViolationKind.Forbidden);
        }
        client.DeviceCertificate = wanted;
    }

    /// <summary>
    /// Only a client without sites or equipment goes; its accounts, music and call-restriction profiles go with it
    /// (the profiles by the database's cascade).
    /// </summary>
    public async Task DeleteAsync(Caller caller, int clientId, long? expectedVersion, CancellationToken ct)
    {
        var client = await Visible.ClientAsync(db, caller, clientId, ct);
        RequireHelpdesk(caller, "delete");
        db.Expect(client, expectedVersion);
        var sites = await db.Sites.CountAsync(s => s.ClientId == clientId, ct);
        var equipment = await db.Equipment.CountAsync(e => e.ClientId == clientId, ct);
        if (sites + equipment > 0)
        {
            throw new RuleViolationException(FieldError.Create("clientId", "client.notEmpty",
                "Client {client} still has {sites} site(s) and {equipment} equipment; remove them first.",
                ("client", client.Name), ("sites", sites), ("equipment", equipment)), RuleViolationKind.Conflict);
        }
        // Removed through the context, not in bulk: each goes with the client in one save, and each is in the audit trail.
        db.StaffAccounts.RemoveRange(await db.StaffAccounts.Where(a => a.ClientId == clientId).ToListAsync(ct));
        db.Music.RemoveRange(await db.Music.Where(m => m.ClientId == clientId).ToListAsync(ct));
        db.Clients.Remove(client);
        await db.SaveChangesAsync(ct);
    }

    private static void RequireHelpdesk(Caller caller, string action)
    {
        if (!caller.IsHelpdesk)
        {
            throw new RuleViolationException(FieldError.Create("request", "client.helpdeskOnly",
                "Only the operator's helpdesk may {action} a client.", ("action", action)), RuleViolationKind.Forbidden);
        }
    }

    /// <summary>Checks every field the input sets and reports all that are wrong at once; the client changes only if none is.</summary>
    private static void Apply(Client client, ClientInput input, bool creating)
    {
        var errors = new List<FieldError>();
        var name = Text(input.Name, "name", creating, errors);
        var sipDomain = Text(input.SipDomain, "sipDomain", creating, errors)?.ToLowerInvariant();
        var provisioningUser = Text(input.ProvisioningUser, "provisioningUser", creating, errors);
        var registrarHost = Text(input.RegistrarHost, "registrarHost", creating, errors);
        var bounded = TextLimits.Check(name, TextLimits.Name, "name", errors)
            & TextLimits.Check(sipDomain, TextLimits.HostName, "sipDomain", errors)
            & TextLimits.Check(provisioningUser, TextLimits.UserName, "provisioningUser", errors)
            & TextLimits.Check(registrarHost, TextLimits.HostName, "registrarHost", errors)
            & TextLimits.Check(input.ProvisioningPassword, TextLimits.Password, "provisioningPassword", errors);
        if (!bounded)
        {
            // Said at once: the checks below would quote the oversized value in their messages.
            RuleViolationException.ThrowIfAny(errors);
        }
        if (input.RegistrarTransport is { } transport && !Enum.IsDefined(transport))
        {
            errors.Add(CommonErrors.Undefined("registrarTransport", transport));
        }
        if (sipDomain is { Length: > 0 } && Uri.CheckHostName(sipDomain) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            errors.Add(FieldError.Create("sipDomain", "sipDomain.invalid", "'{value}' is not a domain name.", ("value", input.SipDomain)));
        }
        if (registrarHost is { Length: > 0 } && Uri.CheckHostName(registrarHost) == UriHostNameType.Unknown)
        {
            errors.Add(FieldError.Create("registrarHost", "registrarHost.invalid", "'{value}' is not a host name or address.", ("value", input.RegistrarHost)));
        }
        if (input.RegistrarPort is { } port && port is < 1 or > 65535)
        {
            errors.Add(FieldError.Create("registrarPort", "registrarPort.range", "registrarPort must be between 1 and 65535, not {value}.", ("value", port)));
        }
        var password = input.ProvisioningPassword;
        if (creating && string.IsNullOrEmpty(password))
        {
            errors.Add(CommonErrors.Required("provisioningPassword"));
        }
        else if (password is { Length: < MinProvisioningPasswordLength })
        {
            // The password is a secret: the message names its rule, never its value.
            errors.Add(FieldError.Create("provisioningPassword", "provisioningPassword.tooShort",
                "provisioningPassword needs at least {min} characters.", ("min", MinProvisioningPasswordLength)));
        }
        RuleViolationException.ThrowIfAny(errors);
        client.Name = name ?? client.Name;
        client.SipDomain = sipDomain ?? client.SipDomain;
        client.ProvisioningUser = provisioningUser ?? client.ProvisioningUser;
        client.ProvisioningPassword = password ?? client.ProvisioningPassword;
        client.RegistrarHost = registrarHost ?? client.RegistrarHost;
        client.RegistrarPort = input.RegistrarPort ?? (creating ? 5060 : client.RegistrarPort);
        client.RegistrarTransport = input.RegistrarTransport ?? (creating ? SipTransport.Udp : client.RegistrarTransport);
    }

    /// <summary>The trimmed text of a field the input sets; one that is required (on creation, or sent blank) is reported.</summary>
    private static string? Text(string? value, string field, bool creating, List<FieldError> errors)
    {
        var trimmed = value?.Trim();
        if ((creating || value is not null) && string.IsNullOrEmpty(trimmed))
        {
            errors.Add(CommonErrors.Required(field));
            return null;
        }
        return trimmed;
    }

    private async Task CheckUniqueAsync(Client client, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (await db.Clients.AnyAsync(c => c.Id != client.Id && c.Name == client.Name, ct))
        {
            errors.Add(FieldError.Create("name", "client.nameTaken", "Client name {name} is not available: choose another.", ("name", client.Name)));
        }
        if (await db.Clients.AnyAsync(c => c.Id != client.Id && c.SipDomain == client.SipDomain, ct))
        {
            errors.Add(FieldError.Create("sipDomain", "sipDomain.taken", "SIP domain {sipDomain} is not available: choose another.", ("sipDomain", client.SipDomain)));
        }
        // A client admin may rename their client or change its domain: what another client holds is "not available",
        // never whose. Shared files (common files, the Polycom master) find their client by the provisioning user
        // alone: a second client with it would take them over.
        if (await db.Clients.AnyAsync(c => c.Id != client.Id && c.ProvisioningUser == client.ProvisioningUser, ct))
        {
            errors.Add(FieldError.Create("provisioningUser", "provisioningUser.taken",
                "Provisioning user {provisioningUser} is not available: choose another.", ("provisioningUser", client.ProvisioningUser)));
        }
        RuleViolationException.ThrowIfAny(errors, RuleViolationKind.Conflict);
    }
}
