using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Model.Stock;

namespace Sophia.Stock.Moves;

/// <summary>
/// The handsets of a DECT base, each registering its own user's account: handset 1 is the base's own user
/// (<see cref="StockMoves.Assign"/>), handsets 2..N are <see cref="DectHandset"/> rows. A handset takes a user as a phone
/// does (same client, same site as the base), so the base must be in a site. Each method changes tracked entities and
/// touches the base's version, so that an If-Match on the base covers its handsets; the caller saves.
/// </summary>
public static class HandsetMoves
{
    /// <summary>Puts <paramref name="user"/> on handset <paramref name="number"/>, replacing whoever had it.</summary>
    public static async Task AssignAsync(SophiaDb db, Equipment equipment, int number, User user, CancellationToken ct = default)
    {
        var model = Check(equipment, number);
        if (user.ClientId != equipment.ClientId)
        {
            throw CommonErrors.NotFound("userId", "user", user.Id);
        }
        if (equipment.SiteId is null)
        {
            throw new RuleViolationException(FieldError.Create("mac", "handset.baseNotInSite",
                "The {model} {mac} is in the client's general stock; bring it down to a site before giving its handsets to users.",
                ("model", model.DisplayName), ("mac", equipment.Mac.ToDisplayString())));
        }
        StockMoves.CheckUser(equipment, user);
        var handsets = await OfAsync(db, equipment, ct);
        // Two handsets on one account would register it twice from the same base.
        var other = equipment.UserId == user.Id && number != 1 ? 1
            : handsets.FirstOrDefault(h => h.UserId == user.Id && h.Number != number)?.Number;
        if (other is not null)
        {
            throw new RuleViolationException(FieldError.Create("userId", "handset.userTaken",
                "User {login} already has handset {number} of {mac}.", ("login", user.Login), ("number", other), ("mac", equipment.Mac.ToDisplayString())),
                RuleViolationKind.Conflict);
        }
        if (number == 1)
        {
            StockMoves.Assign(equipment, user);
            return;
        }
        var handset = handsets.FirstOrDefault(h => h.Number == number);
        if (handset is null)
        {
            db.DectHandsets.Add(new DectHandset { EquipmentId = equipment.Id, Number = number, UserId = user.Id });
        }
        else
        {
            handset.UserId = user.Id;
        }
        Touch(db, equipment);
    }

    /// <summary>Frees handset <paramref name="number"/>; the others keep their users. Freeing a free handset changes nothing.</summary>
    public static async Task FreeAsync(SophiaDb db, Equipment equipment, int number, CancellationToken ct = default)
    {
        Check(equipment, number);
        if (number == 1)
        {
            StockMoves.Unassign(equipment);
            return;
        }
        if ((await OfAsync(db, equipment, ct)).FirstOrDefault(h => h.Number == number) is { } handset)
        {
            db.DectHandsets.Remove(handset);
            Touch(db, equipment);
        }
    }

    /// <summary>
    /// Frees handsets 2..N, for a base going back to a stock (unassigned, moved up or to another site): its handsets' users
    /// were of the site it leaves. Through the context, so that each handset freed is in the audit trail.
    /// </summary>
    public static async Task FreeAllAsync(SophiaDb db, Equipment equipment, CancellationToken ct = default)
    {
        var handsets = await OfAsync(db, equipment, ct);
        if (handsets.Count > 0)
        {
            db.DectHandsets.RemoveRange(handsets);
            Touch(db, equipment);
        }
    }

    private static async Task<List<DectHandset>> OfAsync(SophiaDb db, Equipment equipment, CancellationToken ct) =>
        equipment.Id == 0 ? [] : await db.DectHandsets.Where(h => h.EquipmentId == equipment.Id).ToListAsync(ct);

    private static DeviceModel Check(Equipment equipment, int number)
    {
        if (!DeviceCatalog.TryFind(equipment.ModelId, out var model) || !model.IsDectBase)
        {
            throw new RuleViolationException(FieldError.Create("mac", "handset.notDect",
                "{mac} is not a DECT base: it has no handsets.", ("mac", equipment.Mac.ToDisplayString())));
        }
        if (number < 1 || number > model.Handsets)
        {
            throw new RuleViolationException(FieldError.Create("number", "handset.number",
                "The {model} has handsets 1 to {max}, not {number}.", ("model", model.DisplayName), ("max", model.Handsets), ("number", number)));
        }
        return model;
    }

    // A handset's change is a change of its base: its version moves, and with it the base's ETag.
    private static void Touch(SophiaDb db, Equipment equipment) =>
        db.Entry(equipment).Property(e => e.Version).IsModified = true;
}
