using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;

namespace Sophia.Model.Contacts;

/// <summary>An internal contact, derived from the parc: a user or hunt group of the client with its numbers and short numbers.</summary>
public sealed record InternalContact(InternalContactKind Kind, int Id, string Name, string? Address, IReadOnlyList<string> Numbers, IReadOnlyList<string> ShortNumbers);

public enum InternalContactKind
{
    User,
    HuntGroup,
}

public static class InternalContacts
{
    public static async Task<IReadOnlyList<InternalContact>> ListAsync(SophiaDb db, int clientId, CancellationToken ct = default)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.ClientId == clientId)
            .Select(u => new { u.Id, u.LastName, u.FirstName, u.Login }).ToListAsync(ct);
        var groups = await db.HuntGroups.AsNoTracking().Where(g => g.ClientId == clientId)
            .Select(g => new { g.Id, g.Name, g.Address }).ToListAsync(ct);
        var numbers = await db.Numbers.AsNoTracking().Where(n => n.ClientId == clientId && (n.UserId != null || n.HuntGroupId != null))
            .Select(n => new { n.E164, n.UserId, n.HuntGroupId }).ToListAsync(ct);
        var shorts = await db.ShortNumbers.AsNoTracking().Where(s => s.ClientId == clientId && (s.UserId != null || s.HuntGroupId != null))
            .Select(s => new { s.Digits, s.UserId, s.HuntGroupId }).ToListAsync(ct);

        static List<string> Sorted(IEnumerable<string> digits) => digits.OrderBy(d => d.Length).ThenBy(d => d, StringComparer.Ordinal).ToList();

        var contacts = users.Select(u => new InternalContact(
                InternalContactKind.User, u.Id, string.IsNullOrWhiteSpace(u.FirstName) ? u.LastName : $"{u.FirstName} {u.LastName}", u.Login,
                numbers.Where(n => n.UserId == u.Id).Select(n => n.E164).Order(StringComparer.Ordinal).ToList(),
                Sorted(shorts.Where(s => s.UserId == u.Id).Select(s => s.Digits))))
            .Concat(groups.Select(g => new InternalContact(
                InternalContactKind.HuntGroup, g.Id, g.Name, g.Address,
                numbers.Where(n => n.HuntGroupId == g.Id).Select(n => n.E164).Order(StringComparer.Ordinal).ToList(),
                Sorted(shorts.Where(s => s.HuntGroupId == g.Id).Select(s => s.Digits)))));
        return contacts.OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
    }
}
