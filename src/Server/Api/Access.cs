using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Server.Accounts;

namespace Sophia.Server.Api;

/// <summary>
/// Loads what a request names, as the caller may see it. Something of another client is reported as not found,
/// never as forbidden, so that one client cannot learn what another holds.
/// </summary>
public static class Access
{
    public static async Task<Client> ClientAsync(SophiaDb db, Caller caller, int clientId, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        return client is not null && caller.CanManageClient(client.Id) ? client : throw NotFound("clientId", $"Client {clientId}");
    }

    public static async Task<Site> SiteAsync(SophiaDb db, Caller caller, int siteId, CancellationToken ct)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct);
        return site is not null && caller.CanManageClient(site.ClientId) ? site : throw NotFound("siteId", $"Site {siteId}");
    }

    /// <summary>A user the caller manages, or the caller's own user (self-care) when <paramref name="self"/> allows it.</summary>
    public static async Task<User> UserAsync(SophiaDb db, Caller caller, int userId, bool self, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        var visible = user is not null && (caller.CanManageClient(user.ClientId) || (self && caller.UserId == user.Id));
        return visible ? user! : throw NotFound("userId", $"User {userId}");
    }

    public static async Task<Equipment> EquipmentAsync(SophiaDb db, Caller caller, string mac, bool self, CancellationToken ct)
    {
        if (!MacAddress.TryParse(mac, out var address))
        {
            throw new RuleViolationException("mac", $"'{mac}' is not a MAC address (12 hex digits, optionally separated by ':', '-' or '.').");
        }
        var equipment = await db.Equipment.FirstOrDefaultAsync(e => e.Mac == address, ct);
        var visible = equipment is not null
            && (caller.CanManageClient(equipment.ClientId) || (self && equipment.UserId is not null && equipment.UserId == caller.UserId));
        return visible ? equipment! : throw NotFound("mac", $"Equipment {address.ToDisplayString()}");
    }

    public static RuleViolationException NotFound(string field, string what) =>
        new(field, $"{what} does not exist or is not yours to see.", RuleViolationKind.NotFound);
}
