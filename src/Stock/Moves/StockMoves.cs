using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Model.Stock;

namespace Sophia.Stock.Moves;

/// <summary>
/// Equipment moves as the guide's stock screens do them: up from a site to the client's general stock,
/// down from the general stock to a site, assigned to a user of its site, unassigned back to the site stock.
/// Each method changes the tracked entity; the caller saves, so a batch is all or nothing.
/// </summary>
public static class StockMoves
{
    /// <summary>Up to the client's general stock; an assigned phone is unassigned on the way.</summary>
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
            throw new RuleViolationException("siteId", $"Site {siteId} is not a site of the equipment's client.", RuleViolationKind.NotFound);
        }
        if (equipment.SiteId != siteId)
        {
            equipment.UserId = null;
            equipment.User = null;
        }
        equipment.SiteId = siteId;
    }

    /// <summary>Assigns to a user; only equipment already in the user's site stock may be assigned.</summary>
    public static void Assign(Equipment equipment, User user)
    {
        if (user.ClientId != equipment.ClientId)
        {
            throw new RuleViolationException("userId", $"User {user.Id} is not a user of the equipment's client.", RuleViolationKind.NotFound);
        }
        if (equipment.SiteId != user.SiteId)
        {
            throw new RuleViolationException("userId",
                $"Equipment {equipment.Mac.ToDisplayString()} is not in the stock of site {user.SiteId} where user {user.Login} is; bring it down to that site first.");
        }
        equipment.UserId = user.Id;
    }

    /// <summary>Back to the stock of the site it is in.</summary>
    public static void Unassign(Equipment equipment)
    {
        equipment.UserId = null;
        equipment.User = null;
    }
}
