using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Model.Stock;

namespace Sophia.Stock.Moves;

/// <summary>Where equipment goes: <c>{"to":"client"}</c> up to the general stock, <c>{"to":"site","siteId":2}</c> down to a site.</summary>
public sealed record MoveRequest(string? To, int? SiteId);

public sealed record AssignRequest(int? UserId);

/// <summary>
/// Equipment moves as the guide's stock screens do them: up from a site to the client's general stock,
/// down from the general stock to a site, assigned to a user of its site, unassigned back to the site stock.
/// Each method changes the tracked entity; the caller saves, so a batch is all or nothing.
/// </summary>
public static class StockMoves
{
    public const string ToClient = "client";
    public const string ToSite = "site";

    /// <summary>Moves as <paramref name="request"/> says, or refuses a destination that is not one.</summary>
    public static async Task MoveAsync(SophiaDb db, Equipment equipment, MoveRequest request, CancellationToken ct = default)
    {
        switch (request.To)
        {
            case ToClient:
                await HandsetMoves.FreeAllAsync(db, equipment, ct);
                MoveToClientStock(equipment);
                break;
            case ToSite when request.SiteId is { } siteId:
                await MoveToSiteAsync(db, equipment, siteId, ct);
                break;
            case ToSite:
                throw new RuleViolationException(FieldError.Create("siteId", "move.siteRequired", "siteId is required to move equipment to a site."));
            default:
                throw new RuleViolationException(FieldError.Create("to", "move.destination",
                    "'{value}' is not a destination: use \"client\" or \"site\".", ("value", request.To)));
        }
    }

    /// <summary>
    /// Up to the client's general stock; an assigned phone is unassigned on the way (a DECT base's other handsets are
    /// freed by <see cref="MoveAsync"/>, which has the database).
    /// </summary>
    public static void MoveToClientStock(Equipment equipment)
    {
        equipment.UserId = null;
        equipment.User = null;
        equipment.SiteId = null;
        equipment.Site = null;
    }

    /// <summary>Down (or across) to a site of the same client; an assigned phone is unassigned on the way.</summary>
    public static async Task MoveToSiteAsync(SophiaDb db, Equipment equipment, int siteId, CancellationToken ct = default)
    {
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null || site.ClientId != equipment.ClientId)
        {
            throw CommonErrors.NotFound("siteId", "site", siteId);
        }
        if (equipment.SiteId != siteId)
        {
            equipment.UserId = null;
            equipment.User = null;
            await HandsetMoves.FreeAllAsync(db, equipment, ct);
        }
        equipment.SiteId = siteId;
    }

    /// <summary>Assigns to a user; only equipment already in the user's site stock may be assigned.</summary>
    public static void Assign(Equipment equipment, User user)
    {
        CheckUser(equipment, user);
        equipment.UserId = user.Id;
    }

    /// <summary>What a phone, or a DECT base's handset, asks of its user: the same client, and the site it is in.</summary>
    internal static void CheckUser(Equipment equipment, User user)
    {
        if (user.ClientId != equipment.ClientId)
        {
            throw CommonErrors.NotFound("userId", "user", user.Id);
        }
        if (equipment.SiteId != user.SiteId)
        {
            throw new RuleViolationException(FieldError.Create("userId", "equipment.otherSite",
                "Equipment {mac} is not in the stock of site {siteId} where user {login} is; bring it down to that site first.",
                ("mac", equipment.Mac.ToDisplayString()), ("siteId", user.SiteId), ("login", user.Login)));
        }
    }

    /// <summary>Back to the stock of the site it is in (a DECT base's other handsets: <see cref="HandsetMoves.FreeAllAsync"/>).</summary>
    public static void Unassign(Equipment equipment)
    {
        equipment.UserId = null;
        equipment.User = null;
    }
}
