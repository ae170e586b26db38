using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Rules;
using Sophia.Parc.Sites;
using Sophia.Server.Accounts;
using Sophia.Stock.Inventory;

namespace Sophia.Server.Search;

public sealed record SearchResult(
    IReadOnlyList<SiteDto> Sites, IReadOnlyList<UserHit> Users, IReadOnlyList<EquipmentDto> Equipment, IReadOnlyList<NumberHit> Numbers);

public sealed record UserHit(int Id, int SiteId, string DisplayName, string Login);

public sealed record NumberHit(int Id, int SiteId, string E164, int? UserId);

/// <summary>The console's search field: sites, users, equipment (a MAC in any notation) and numbers (national or E.164).</summary>
public static class SearchEndpoints
{
    private const int Limit = 20;

    public static void MapSearch(this RouteGroupBuilder api) =>
        api.MapGet("/search", Search).WithTags("Search").RequireAuthorization(Roles.ClientAdmin);

    private static async Task<Ok<SearchResult>> Search(HttpContext http, SophiaDb db, string? q, CancellationToken ct)
    {
        var text = q?.Trim() ?? "";
        if (text.Length < 2)
        {
            throw new RuleViolationException("q", "Type at least 2 characters to search.");
        }
        var caller = Caller.From(http.User);
        var all = caller.IsHelpdesk;
        var clientId = caller.ClientId ?? -1;
        var like = $"%{text.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";

        var sites = await db.Sites.AsNoTracking()
            .Where(s => (all || s.ClientId == clientId) && EF.Functions.Like(s.Name, like))
            .OrderBy(s => s.Name).Take(Limit).ToListAsync(ct);

        var users = await db.Users.AsNoTracking()
            .Where(u => (all || u.ClientId == clientId)
                && (EF.Functions.Like(u.LastName, like) || EF.Functions.Like(u.FirstName ?? "", like) || EF.Functions.Like(u.Login, like)))
            .OrderBy(u => u.LastName).Take(Limit).ToListAsync(ct);

        var equipment = await FindEquipment(db, text, like, all, clientId, ct);

        var numbers = await FindNumbers(db, text, all, clientId, ct);

        return TypedResults.Ok(new SearchResult(
            sites.Select(SiteDto.From).ToList(),
            users.Select(u => new UserHit(u.Id, u.SiteId, u.DisplayName, u.Login)).ToList(),
            equipment.Select(EquipmentDto.From).ToList(),
            numbers.Select(n => new NumberHit(n.Id, n.SiteId, n.E164, n.UserId)).ToList()));
    }

    private static async Task<List<Model.Stock.Equipment>> FindEquipment(SophiaDb db, string text, string like, bool all, int clientId, CancellationToken ct)
    {
        var scoped = db.Equipment.AsNoTracking().Include(e => e.User).Where(e => all || e.ClientId == clientId);
        if (MacAddress.TryParse(text, out var mac))
        {
            return await scoped.Where(e => e.Mac == mac).ToListAsync(ct);
        }
        var byText = await scoped
            .Where(e => EF.Functions.Like(e.SerialNumber ?? "", like) || EF.Functions.Like(e.Label ?? "", like)
                || (e.User != null && EF.Functions.Like(e.User.LastName, like)))
            .Take(Limit).ToListAsync(ct);
        // A partial MAC ("98:8c", "988c06"): compared on the canonical hex, in memory over the scoped MACs only.
        var hex = new string(text.Where(char.IsAsciiHexDigit).ToArray()).ToLowerInvariant();
        if (hex.Length >= 4 && text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '-' or '.'))
        {
            var macs = await scoped.Select(e => e.Mac).ToListAsync(ct);
            var matching = macs.Where(m => m.ToString().Contains(hex, StringComparison.Ordinal)).Take(Limit).ToList();
            var byMac = await scoped.Where(e => matching.Contains(e.Mac)).ToListAsync(ct);
            byText = byText.UnionBy(byMac, e => e.Id).ToList();
        }
        return byText.OrderBy(e => e.Mac).Take(Limit).ToList();
    }

    private static async Task<List<Number>> FindNumbers(SophiaDb db, string text, bool all, int clientId, CancellationToken ct)
    {
        var scoped = db.Numbers.AsNoTracking().Where(n => all || n.ClientId == clientId);
        if (E164.TryNormalize(text, out var e164, out _))
        {
            return await scoped.Where(n => n.E164 == e164).ToListAsync(ct);
        }
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 3 || digits.Length != text.Count(c => !char.IsWhiteSpace(c) && c != '+'))
        {
            return [];
        }
        // National input ("0185737") matches on the digits after the leading 0.
        var fragment = digits.StartsWith('0') ? digits[1..] : digits;
        return await scoped.Where(n => n.E164.Contains(fragment)).OrderBy(n => n.E164).Take(Limit).ToListAsync(ct);
    }
}
