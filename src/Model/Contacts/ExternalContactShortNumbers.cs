using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Numbers;

namespace Sophia.Model.Contacts;

/// <summary>External contacts are dialled internally by a short number starting with 5 (500, 501, ...).</summary>
public static class ExternalContactShortNumbers
{
    /// <summary>The lowest free 3-digit 5xx short number of the client.</summary>
    public static async Task<string> NextFreeAsync(SophiaDb db, int clientId, CancellationToken ct = default)
    {
        var used = await db.ShortNumbers
            .Where(s => s.ClientId == clientId && EF.Functions.Like(s.Digits, "5%"))
            .Select(s => s.Digits)
            .ToListAsync(ct);
        var set = used.ToHashSet();
        for (var n = 500; n <= 599; n++)
        {
            var digits = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!set.Contains(digits))
            {
                return digits;
            }
        }
        throw new Rules.RuleViolationException(
            Rules.FieldError.Create("shortNumber", "shortNumber.exhausted", "Every external-contact short number 500-599 of this client is taken."),
            Rules.RuleViolationKind.Conflict);
    }

    public static void Add(SophiaDb db, ExternalContact contact, string digits) =>
        db.ShortNumbers.Add(new ShortNumber { ClientId = contact.ClientId, Digits = digits, ExternalContact = contact });
}
