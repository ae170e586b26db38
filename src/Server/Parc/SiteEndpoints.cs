using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public sealed record SiteDto(int Id, int ClientId, string Name, string TimeZone, IReadOnlyList<string> TftpAllowedNetworks, long Version)
{
    public static SiteDto From(Site s) => new(s.Id, s.ClientId, s.Name, s.TimeZone, s.TftpAllowedNetworks, s.Version);
}

public sealed record SiteInput(string? Name, string? TimeZone, IReadOnlyList<string>? TftpAllowedNetworks);

public static class SiteEndpoints
{
    public static void MapSites(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Sites").RequireAuthorization(Roles.ClientAdmin);
        admin.MapGet("/clients/{clientId:int}/sites", List);
        admin.MapPost("/clients/{clientId:int}/sites", Create);
        admin.MapGet("/sites/{siteId:int}", Get);
        admin.MapPut("/sites/{siteId:int}", Update);
        admin.MapDelete("/sites/{siteId:int}", Delete);
    }

    private static async Task<Ok<Paged<SiteDto>>> List(HttpContext http, SophiaDb db, int clientId, int? page, int? pageSize, CancellationToken ct)
    {
        await Access.ClientAsync(db, Caller.From(http.User), clientId, ct);
        var result = await db.Sites.AsNoTracking().Where(s => s.ClientId == clientId).OrderBy(s => s.Name).ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(new Paged<SiteDto>(result.Items.Select(SiteDto.From).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Ok<SiteDto>> Get(HttpContext http, SophiaDb db, int siteId, CancellationToken ct)
    {
        var site = await Access.SiteAsync(db, Caller.From(http.User), siteId, ct);
        http.SetETag(site);
        return TypedResults.Ok(SiteDto.From(site));
    }

    private static async Task<Created<SiteDto>> Create(HttpContext http, SophiaDb db, int clientId, SiteInput input, CancellationToken ct)
    {
        await Access.ClientAsync(db, Caller.From(http.User), clientId, ct);
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            throw new RuleViolationException("name", "name is required.");
        }
        var site = new Site { ClientId = clientId, Name = input.Name.Trim() };
        Apply(site, input);
        await CheckUnique(db, site, ct);
        db.Sites.Add(site);
        await db.SaveChangesAsync(ct);
        http.SetETag(site);
        return TypedResults.Created($"/api/v1/sites/{site.Id}", SiteDto.From(site));
    }

    private static async Task<Ok<SiteDto>> Update(HttpContext http, SophiaDb db, int siteId, SiteInput input, CancellationToken ct)
    {
        var site = await Access.SiteAsync(db, Caller.From(http.User), siteId, ct);
        http.CheckIfMatch(db, site);
        if (input.Name is not null)
        {
            site.Name = string.IsNullOrWhiteSpace(input.Name) ? throw new RuleViolationException("name", "name cannot be empty.") : input.Name.Trim();
        }
        Apply(site, input);
        await CheckUnique(db, site, ct);
        await db.SaveChangesAsync(ct);
        http.SetETag(site);
        return TypedResults.Ok(SiteDto.From(site));
    }

    private static async Task<NoContent> Delete(HttpContext http, SophiaDb db, int siteId, CancellationToken ct)
    {
        var site = await Access.SiteAsync(db, Caller.From(http.User), siteId, ct);
        http.CheckIfMatch(db, site);
        var users = await db.Users.CountAsync(u => u.SiteId == siteId, ct);
        var equipment = await db.Equipment.CountAsync(e => e.SiteId == siteId, ct);
        var numbers = await db.Numbers.CountAsync(n => n.SiteId == siteId, ct);
        if (users + equipment + numbers > 0)
        {
            throw new RuleViolationException("siteId",
                $"Site {site.Name} still holds {users} user(s), {equipment} equipment and {numbers} number(s); move or delete them first.",
                RuleViolationKind.Conflict);
        }
        db.Sites.Remove(site);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static void Apply(Site site, SiteInput input)
    {
        var errors = new List<FieldError>();
        if (input.TimeZone is { } zone)
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                site.TimeZone = zone;
            }
            else
            {
                errors.Add(new FieldError("timeZone", $"'{zone}' is not an IANA time zone such as Europe/Paris."));
            }
        }
        if (input.TftpAllowedNetworks is { } networks)
        {
            var parsed = new List<string>();
            for (var i = 0; i < networks.Count; i++)
            {
                if (ParseNetwork(networks[i]) is { } network)
                {
                    parsed.Add(network.ToString());
                }
                else
                {
                    errors.Add(new FieldError($"tftpAllowedNetworks[{i}]", $"'{networks[i]}' is not a network in CIDR notation such as 192.0.2.0/24, nor an address."));
                }
            }
            site.TftpAllowedNetworks = parsed;
        }
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
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

    private static async Task CheckUnique(SophiaDb db, Site site, CancellationToken ct)
    {
        if (await db.Sites.AnyAsync(s => s.Id != site.Id && s.ClientId == site.ClientId && s.Name == site.Name, ct))
        {
            throw new RuleViolationException("name", $"The client already has a site named {site.Name}.", RuleViolationKind.Conflict);
        }
    }
}
