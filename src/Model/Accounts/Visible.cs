using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Model.Stock;

namespace Sophia.Model.Accounts;

/// <summary>
/// Loads what a request names, as the caller may see it, tracked for changing. Something of another client reads as
/// not found, never as forbidden, so that one client cannot learn what another holds.
/// </summary>
public static class Visible
{
    public static async Task<Client> ClientAsync(SophiaDb db, Caller caller, int clientId, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        return client is not null && caller.CanManageClient(client.Id) ? client : throw CommonErrors.NotFound("clientId", "client", clientId);
    }

    /// <summary>A client the caller manages, or (with <paramref name="member"/>) the caller's own client, for what it shares with its users.</summary>
    public static async Task<Client> ClientAsync(SophiaDb db, Caller caller, int clientId, bool member, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        var visible = client is not null && (caller.CanManageClient(client.Id) || (member && caller.BelongsToClient(client.Id)));
        return visible ? client! : throw CommonErrors.NotFound("clientId", "client", clientId);
    }

    public static async Task<Site> SiteAsync(SophiaDb db, Caller caller, int siteId, CancellationToken ct)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, ct);
        return site is not null && caller.CanManageClient(site.ClientId) ? site : throw CommonErrors.NotFound("siteId", "site", siteId);
    }

    /// <summary>A user the caller manages, or the caller's own user (self-care) when <paramref name="self"/> allows it.</summary>
    public static async Task<User> UserAsync(SophiaDb db, Caller caller, int userId, bool self, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        var visible = user is not null && (caller.CanManageClient(user.ClientId) || (self && caller.UserId == user.Id));
        return visible ? user! : throw CommonErrors.NotFound("userId", "user", userId);
    }

    /// <summary>A phone the caller manages, or (with <paramref name="self"/>) one assigned to the caller.</summary>
    public static async Task<Equipment> EquipmentAsync(SophiaDb db, Caller caller, string mac, bool self, CancellationToken ct)
    {
        var address = ParseMac(mac, "mac");
        var equipment = await db.Equipment.FirstOrDefaultAsync(e => e.Mac == address, ct);
        var visible = equipment is not null
            && (caller.CanManageClient(equipment.ClientId) || (self && equipment.UserId is not null && equipment.UserId == caller.UserId));
        return visible ? equipment! : throw CommonErrors.NotFound("mac", "equipment", address.ToDisplayString());
    }

    /// <summary>A MAC address in any notation, or a 400 naming <paramref name="field"/>.</summary>
    public static MacAddress ParseMac(string? text, string field) =>
        MacAddress.TryParse(text, out var address) ? address : throw new RuleViolationException(MacErrors.NotAMac(field, text));
}

public static class MacErrors
{
    public static FieldError NotAMac(string field, string? text) => string.IsNullOrWhiteSpace(text)
        ? FieldError.Create(field, "mac.required", "The MAC address is missing.")
        : FieldError.Create(field, "mac.invalid", "'{value}' is not a MAC address (12 hex digits, optionally separated by ':', '-' or '.').", ("value", text));
}
