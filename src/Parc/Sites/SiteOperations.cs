using System.Net;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;

namespace Sophia.Parc.Sites;

public sealed record SiteDto(int Id, int ClientId, string Name, string TimeZone, IReadOnlyList<string> TftpAllowedNetworks, long Version)
{
    public static SiteDto From(Site s) => new(s.Id, s.ClientId, s.Name, s.TimeZone, s.TftpAllowedNetworks, s.Version);
}

/// <summary>A site to create, or the fields of one to change (a field left null keeps its value).</summary>
public sealed record SiteInput(string? Name, string? TimeZone, IReadOnlyList<string>? TftpAllowedNetworks);

/// <summary>A client's sites: the places that hold its users, numbers and phones. For client admins and the helpdesk.</summary>
public sealed class SiteOperations(SophiaDb db)
{
    public async Task<Paged<SiteDto>> ListAsync(Caller caller, int clientId, PageRequest page, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var result = await db.Sites.AsNoTracking().Where(s => s.ClientId == clientId).OrderBy(s => s.Name).ToPageAsync(page, ct);
        return result.Select(SiteDto.From);
    }

    public async Task<SiteDto> GetAsync(Caller caller, int siteId, CancellationToken ct) =>
        SiteDto.From(await Visible.SiteAsync(db, caller, siteId, ct));

    public async Task<SiteDto> CreateAsync(Caller caller, int clientId, SiteInput input, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var site = new Site { ClientId = clientId, Name = "" };
        Apply(site, input, creating: true);
        await CheckUniqueAsync(site, ct);
        db.Sites.Add(site);
        await db.SaveChangesAsync(ct);
        return SiteDto.From(site);
    }

    public async Task<SiteDto> UpdateAsync(Caller caller, int siteId, SiteInput input, long? expectedVersion, CancellationToken ct)
    {
        var site = await Visible.SiteAsync(db, caller, siteId, ct);
        db.Expect(site, expectedVersion);
        Apply(site, input, creating: false);
        await CheckUniqueAsync(site, ct);
        await db.SaveChangesAsync(ct);
        return SiteDto.From(site);
    }

    /// <summary>Only an empty site goes: its users, phones and numbers are moved or deleted first, never with it.</summary>
    public async Task DeleteAsync(Caller caller, int siteId, long? expectedVersion, CancellationToken ct)
    {
        var site = await Visible.SiteAsync(db, caller, siteId, ct);
        db.Expect(site, expectedVersion);
        var users = await db.Users.CountAsync(u => u.SiteId == siteId, ct);
        var equipment = await db.Equipment.CountAsync(e => e.SiteId == siteId, ct);
        var numbers = await db.Numbers.CountAsync(n => n.SiteId == siteId, ct);
        if (users + equipment + numbers > 0)
        {
            throw new RuleViolationException(FieldError.Create("siteId", "site.notEmpty",
                "Site {site} still holds {users} user(s), {equipment} equipment and {numbers} number(s); move or delete them first.",
                ("site", site.Name), ("users", users), ("equipment", equipment), ("numbers", numbers)), RuleViolationKind.Conflict);
        }
        db.Sites.Remove(site);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks every field the input sets and reports all that are wrong at once; the site changes only if none is.</summary>
    private static void Apply(Site site, SiteInput input, bool creating)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim();
        if ((creating || input.Name is not null) && string.IsNullOrEmpty(name))
        {
            errors.Add(CommonErrors.Required("name"));
        }
        TextLimits.Check(name, TextLimits.Name, "name", errors);
        if (input.TftpAllowedNetworks is { Count: > TextLimits.ListEntries })
        {
            errors.Add(FieldError.Create("tftpAllowedNetworks", "list.tooLong", "{field} has at most {max} entries.",
                ("field", "tftpAllowedNetworks"), ("max", TextLimits.ListEntries)));
            RuleViolationException.ThrowIfAny(errors);
        }
        if (input.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add(FieldError.Create("timeZone", "timeZone.unknown", "'{value}' is not an IANA time zone such as Europe/Paris.", ("value", zone)));
        }
        var networks = new List<string>();
        for (var i = 0; i < (input.TftpAllowedNetworks?.Count ?? 0); i++)
        {
            var text = input.TftpAllowedNetworks![i];
            var network = ParseNetwork(text);
            if (network is null)
            {
                errors.Add(FieldError.Create($"tftpAllowedNetworks[{i}]", "network.invalid",
                    "'{value}' is not a network in CIDR notation such as 192.0.2.0/24, nor an address.", ("value", text)));
            }
            else if (network.Value.BaseAddress.IsIPv4MappedToIPv6)
            {
                // TFTP matches IPv4 clients as IPv4 (a dual-stack socket's ::ffff:a.b.c.d is unmapped first).
                var ipv4 = new IPNetwork(network.Value.BaseAddress.MapToIPv4(), Math.Max(0, network.Value.PrefixLength - 96));
                errors.Add(FieldError.Create($"tftpAllowedNetworks[{i}]", "network.ipv4Mapped",
                    "'{value}' is an IPv4 network written as IPv6, which never matches: write {ipv4}.", ("value", text), ("ipv4", ipv4.ToString())));
            }
            else
            {
                networks.Add(network.Value.ToString());
            }
        }
        RuleViolationException.ThrowIfAny(errors);
        site.Name = name is { Length: > 0 } ? name : site.Name;
        site.TimeZone = input.TimeZone ?? site.TimeZone;
        site.TftpAllowedNetworks = input.TftpAllowedNetworks is null ? site.TftpAllowedNetworks : networks;
    }

    /// <summary>A network in CIDR notation, or one address (<c>::1</c>, <c>192.0.2.7</c>) as its own /32 or /128; stored canonical.</summary>
    private static IPNetwork? ParseNetwork(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (IPNetwork.TryParse(trimmed, out var network))
        {
            return network;
        }
        if (!trimmed.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(trimmed, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }
        return null;
    }

    private async Task CheckUniqueAsync(Site site, CancellationToken ct)
    {
        if (await db.Sites.AnyAsync(s => s.Id != site.Id && s.ClientId == site.ClientId && s.Name == site.Name, ct))
        {
            throw new RuleViolationException(
                FieldError.Create("name", "site.nameTaken", "The client already has a site named {name}.", ("name", site.Name)), RuleViolationKind.Conflict);
        }
    }
}
