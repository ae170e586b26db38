using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Rules;

namespace Sophia.Parc.Numbers;

/// <summary>Assigning a site's numbers, with the short numbers that come with them.</summary>
public static class NumberAssignments
{
    /// <summary>
    /// Gives <paramref name="number"/> to <paramref name="user"/> and creates its two short numbers (4xx and 4xxx).
    /// A short number already held by someone else of the client is a conflict: nothing is changed, never overwritten.
    /// The caller saves.
    /// </summary>
    public static async Task AssignToUserAsync(SophiaDb db, Number number, User user, CancellationToken ct = default)
    {
        if (number.SiteId != user.SiteId)
        {
            throw new RuleViolationException(FieldError.Create("userId", "number.otherSite",
                "Number {number} is in another site's stock than user {login}; move it to the user's site first.", ("number", number.E164), ("login", user.Login)));
        }
        if (number.Assignee != NumberAssignee.None && number.UserId != user.Id)
        {
            throw new RuleViolationException(FieldError.Create("number", "number.assigned",
                "Number {number} is already assigned ({assignee}); free it first.", ("number", number.E164), ("assignee", number.Assignee)), RuleViolationKind.Conflict);
        }
        if (number.UserId == user.Id)
        {
            return;
        }
        var wanted = ShortNumberRules.ForUserNumber(number.E164);
        var taken = await db.ShortNumbers
            .Where(s => s.ClientId == number.ClientId && wanted.Contains(s.Digits))
            .ToListAsync(ct);
        var conflicts = taken.Where(s => s.UserId != user.Id || s.NumberId != number.Id).ToList();
        if (conflicts.Count > 0)
        {
            throw new RuleViolationException(FieldError.Create("shortNumbers", "shortNumber.conflict",
                "Short number(s) {shortNumbers} of {number} already belong to someone else of the client; nothing was changed.",
                ("shortNumbers", conflicts.Select(c => c.Digits).ToList()), ("number", number.E164)), RuleViolationKind.Conflict);
        }
        number.UserId = user.Id;
        foreach (var digits in wanted)
        {
            db.ShortNumbers.Add(new ShortNumber { ClientId = number.ClientId, Digits = digits, NumberId = number.Id, UserId = user.Id });
        }
    }

    /// <summary>Frees a number; the short numbers derived from it go with the assignment. The caller saves.</summary>
    public static async Task UnassignAsync(SophiaDb db, Number number, CancellationToken ct = default)
    {
        db.ShortNumbers.RemoveRange(await db.ShortNumbers.Where(s => s.NumberId == number.Id).ToListAsync(ct));
        number.UserId = null;
        number.IvrId = null;
        number.HuntGroupId = null;
    }
}
