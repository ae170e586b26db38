using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Contacts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Rules;
using Sophia.Parc.Numbers;

namespace Sophia.Parc.Contacts;

/// <summary>
/// External contacts are dialled internally by a short number starting with 5, one for the phone and one for the mobile
/// when the contact has one. A short number is chosen by the admin or given: the lowest free one of 500-599 (100
/// numbers); when those are all taken, giving goes on in 5000-5999 (1,000 more), then in 50000-59999 (10,000 more), so
/// a client holds up to 11,100 of them. Lowest first means a freed 5xx is given again before any 4-digit one. A chosen
/// one may be any of these ranges. Every short number is unique within its client, users' 4xx and 4xxx included.
/// </summary>
public static class ExternalContactShortNumbers
{
    /// <summary>The ranges, in the order numbers are given.</summary>
    public static IReadOnlyList<(int First, int Last)> Ranges { get; } = [(500, 599), (5000, 5999), (50000, 59999)];

    /// <summary>Whether <paramref name="digits"/> is in one of <see cref="Ranges"/>, written without a leading zero or sign.</summary>
    public static bool IsWellFormed(string digits) =>
        digits.Length is >= 3 and <= 5 && digits[0] == ShortNumberRules.ExternalContactPrefix && digits.All(char.IsAsciiDigit);

    /// <summary>The error of a short number that is not of the external contacts' ranges, on <paramref name="field"/>.</summary>
    internal static FieldError NotInRange(string field, string value) => FieldError.Create(field, "shortNumber.range",
        "'{value}' is not an external contact's short number: 500-599, 5000-5999 or 50000-59999.", ("value", value));

    /// <summary>The error of a short number another user, group or contact of the client already has.</summary>
    internal static FieldError Taken(string field, string digits) =>
        FieldError.Create(field, "shortNumber.taken", "Short number {shortNumber} is already taken in this client.", ("shortNumber", digits));

    /// <summary>Every short number of the client that starts with 5, whoever holds it, to give the free ones.</summary>
    internal static async Task<FreeShortNumbers> FreeAsync(SophiaDb db, int clientId, IEnumerable<string> reserved, CancellationToken ct)
    {
        var prefix = ShortNumberRules.ExternalContactPrefix + "%";
        var used = await db.ShortNumbers.AsNoTracking()
            .Where(s => s.ClientId == clientId && EF.Functions.Like(s.Digits, prefix))
            .Select(s => s.Digits)
            .ToListAsync(ct);
        return new FreeShortNumbers([.. used, .. reserved]);
    }

    /// <summary>A short number row for <paramref name="contact"/>, saved with it.</summary>
    public static void Add(SophiaDb db, ExternalContact contact, string digits, bool dialsMobile = false) =>
        db.ShortNumbers.Add(new ShortNumber { ClientId = contact.ClientId, Digits = digits, ExternalContact = contact, DialsMobile = dialsMobile });
}

/// <summary>
/// The short numbers still free in a client, given lowest first. Numbers are only ever taken while it is used, so the
/// lowest free one never goes down and the search goes on where it stopped: an import of thousands stays linear.
/// </summary>
internal sealed class FreeShortNumbers(IEnumerable<string> taken)
{
    private static readonly int Count = ExternalContactShortNumbers.Ranges.Sum(r => r.Last - r.First + 1);

    private readonly HashSet<string> used = new(taken, StringComparer.Ordinal);
    private int next;

    /// <summary>The lowest free short number, now taken; when every range is full, a 409 on <paramref name="field"/>.</summary>
    public string Next(string field)
    {
        for (; next < Count; next++)
        {
            var digits = At(next);
            if (used.Add(digits))
            {
                next++;
                return digits;
            }
        }
        throw new RuleViolationException(FieldError.Create(field, "shortNumber.exhausted",
            "Every external-contact short number of this client is taken (500-599, 5000-5999 and 50000-59999); choose a freed one or delete contacts."),
            RuleViolationKind.Conflict);
    }

    private static string At(int index)
    {
        foreach (var (first, last) in ExternalContactShortNumbers.Ranges)
        {
            if (index <= last - first)
            {
                return (first + index).ToString(CultureInfo.InvariantCulture);
            }
            index -= last - first + 1;
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }
}
