using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Parc.Sites;

namespace Sophia.Parc.Search;

/// <summary>What the search field found, each list at most <see cref="ParcSearch.Limit"/> long.</summary>
public sealed record SearchResult(
    IReadOnlyList<SiteDto> Sites, IReadOnlyList<UserHit> Users, IReadOnlyList<EquipmentHit> Equipment, IReadOnlyList<NumberHit> Numbers,
    IReadOnlyList<ShortNumberHit> ShortNumbers);

public sealed record UserHit(int Id, int SiteId, string DisplayName, string Login);

public sealed record NumberHit(int Id, int SiteId, string E164, int? UserId);

/// <summary>A phone found, with the same fields as the equipment list of the API.</summary>
public sealed record EquipmentHit(
    string Mac, string Model, string ModelName, string? SerialNumber, string? Label, int ClientId, int? SiteId,
    int? UserId, string? UserLogin, EquipmentLocation Location, long Version);

/// <summary>
/// A short number and what dialling it reaches: a user (through one of their numbers), an external contact (their
/// phone, or their mobile) or a hunt group; <see cref="Name"/> is who that is and <see cref="Dials"/> what is called.
/// </summary>
public sealed record ShortNumberHit(
    string Digits, int ClientId, ShortNumberTarget Reaches, string Name, string? Dials, bool DialsMobile,
    int? UserId, int? NumberId, int? ExternalContactId, int? HuntGroupId);

public enum ShortNumberTarget
{
    User,
    ExternalContact,
    HuntGroup,
}

/// <summary>
/// The console's search field (guide: "retrouver un site, un utilisateur, un poste ou un numéro"): sites and users by
/// name or login; phones by MAC in any notation, serial, label, user or model (<c>T46S</c>, <c>Yealink T46S</c>);
/// numbers in any notation, whole or partial; short numbers with what they reach. A client admin finds only their
/// client's things, the helpdesk everyone's.
/// </summary>
public sealed class ParcSearch(SophiaDb db)
{
    public const int Limit = 20;
    public const int MinLength = 2;

    public async Task<SearchResult> FindAsync(Caller caller, string? query, CancellationToken ct)
    {
        var text = query?.Trim() ?? "";
        if (text.Length < MinLength)
        {
            throw new RuleViolationException(FieldError.Create("q", "search.tooShort", "Type at least {min} characters to search.", ("min", MinLength)));
        }
        if (caller.Role is not (Role.Helpdesk or Role.ClientAdmin))
        {
            throw new RuleViolationException(FieldError.Create("q", "search.adminOnly", "Only administrators and the helpdesk search the parc."),
                RuleViolationKind.Forbidden);
        }
        var scope = new Scope(caller.IsHelpdesk, caller.ClientId ?? -1);
        var like = $"%{text.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";

        var sites = await db.Sites.AsNoTracking()
            .Where(s => (scope.All || s.ClientId == scope.ClientId) && EF.Functions.Like(s.Name, like))
            .OrderBy(s => s.Name).Take(Limit).ToListAsync(ct);

        var shortNumbers = await FindShortNumbersAsync(text, scope, ct);
        var reachedUsers = shortNumbers.Where(s => s.UserId is not null).Select(s => s.UserId!.Value).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => (scope.All || u.ClientId == scope.ClientId)
                && (EF.Functions.Like(u.LastName, like) || EF.Functions.Like(u.FirstName ?? "", like) || EF.Functions.Like(u.Login, like)
                    || reachedUsers.Contains(u.Id)))
            .OrderBy(u => u.LastName).Take(Limit).ToListAsync(ct);

        var equipment = await FindEquipmentAsync(text, like, scope, ct);

        var reachedNumbers = shortNumbers.Where(s => s.NumberId is not null).Select(s => s.NumberId!.Value).ToList();
        var numbers = await FindNumbersAsync(text, reachedNumbers, scope, ct);

        return new SearchResult(
            sites.Select(SiteDto.From).ToList(),
            users.Select(u => new UserHit(u.Id, u.SiteId, u.DisplayName, u.Login)).ToList(),
            equipment.Select(ToHit).ToList(),
            numbers.Select(n => new NumberHit(n.Id, n.SiteId, n.E164, n.UserId)).ToList(),
            shortNumbers);
    }

    private sealed record Scope(bool All, int ClientId);

    /// <summary>Short numbers starting with the digits typed (<c>4636</c>, <c>43</c>, <c>500</c>), with who or what each reaches.</summary>
    private async Task<List<ShortNumberHit>> FindShortNumbersAsync(string text, Scope scope, CancellationToken ct)
    {
        if (!text.All(char.IsAsciiDigit))
        {
            return [];
        }
        var found = await db.ShortNumbers.AsNoTracking().Include(s => s.ExternalContact)
            .Where(s => (scope.All || s.ClientId == scope.ClientId) && s.Digits.StartsWith(text))
            .OrderBy(s => s.Digits.Length).ThenBy(s => s.Digits).Take(Limit).ToListAsync(ct);
        var userIds = found.Where(s => s.UserId is not null).Select(s => s.UserId!.Value).ToList();
        var numberIds = found.Where(s => s.NumberId is not null).Select(s => s.NumberId!.Value).ToList();
        var groupIds = found.Where(s => s.HuntGroupId is not null).Select(s => s.HuntGroupId!.Value).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var numbers = await db.Numbers.AsNoTracking().Where(n => numberIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.E164, ct);
        var groups = await db.HuntGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var hits = new List<ShortNumberHit>(found.Count);
        foreach (var s in found)
        {
            if (s.ExternalContact is { } contact)
            {
                var name = string.IsNullOrWhiteSpace(contact.FirstName) ? contact.LastName : $"{contact.FirstName} {contact.LastName}";
                hits.Add(new ShortNumberHit(s.Digits, s.ClientId, ShortNumberTarget.ExternalContact, name,
                    s.DialsMobile ? contact.Mobile : contact.Phone, s.DialsMobile, null, null, contact.Id, null));
            }
            else if (s.UserId is { } userId && users.TryGetValue(userId, out var user))
            {
                hits.Add(new ShortNumberHit(s.Digits, s.ClientId, ShortNumberTarget.User, user,
                    s.NumberId is { } numberId ? numbers.GetValueOrDefault(numberId) : null, false, userId, s.NumberId, null, null));
            }
            else if (s.HuntGroupId is { } groupId && groups.TryGetValue(groupId, out var group))
            {
                hits.Add(new ShortNumberHit(s.Digits, s.ClientId, ShortNumberTarget.HuntGroup, group.Name, group.Address, false, null, null, null, groupId));
            }
        }
        return hits;
    }

    private async Task<List<Equipment>> FindEquipmentAsync(string text, string like, Scope scope, CancellationToken ct)
    {
        var scoped = db.Equipment.AsNoTracking().Include(e => e.User).Where(e => scope.All || e.ClientId == scope.ClientId);
        if (MacAddress.TryParse(text, out var mac))
        {
            return await scoped.Where(e => e.Mac == mac).ToListAsync(ct);
        }
        var models = MatchingModels(text);
        var byText = await scoped
            .Where(e => EF.Functions.Like(e.SerialNumber ?? "", like) || EF.Functions.Like(e.Label ?? "", like)
                || (e.User != null && EF.Functions.Like(e.User.LastName, like)) || models.Contains(e.ModelId))
            .OrderBy(e => e.Mac).Take(Limit).ToListAsync(ct);
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

    /// <summary>
    /// The catalog's models the text names: exactly as <see cref="DeviceCatalog.TryFind"/> reads a model (<c>t46s</c>,
    /// <c>Yealink T46S</c>, <c>SIP-T46S</c>), or a part of one with at least a letter (<c>T46</c>, <c>vvx</c>,
    /// <c>Yealink T4</c>). A vendor alone finds nothing: that would be every phone.
    /// </summary>
    private static List<string> MatchingModels(string text)
    {
        if (DeviceCatalog.TryFind(text, out var exact))
        {
            return [exact.Id];
        }
        var compact = Compact(text);
        if (compact.Length < MinLength || !compact.Any(char.IsAsciiLetter))
        {
            return [];
        }
        return DeviceCatalog.All
            .Where(m => Compact(m.Name).Contains(compact, StringComparison.Ordinal)
                || (compact.Length > m.Vendor.ToString().Length && Compact(m.DisplayName).StartsWith(compact, StringComparison.Ordinal)))
            .Select(m => m.Id).ToList();
    }

    private static string Compact(string text) => new(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// A number in any notation: whole (<c>01 85 73 76 36</c>, <c>+33 1 85 73 76 36</c>, <c>33185737636</c>) or a part of
    /// its digits (<c>85 73 76</c>, <c>0185737</c>); and the numbers the short numbers found belong to.
    /// </summary>
    private async Task<List<Number>> FindNumbersAsync(string text, List<int> reached, Scope scope, CancellationToken ct)
    {
        var scoped = db.Numbers.AsNoTracking().Where(n => scope.All || n.ClientId == scope.ClientId);
        if (E164.TryNormalize(text, out var e164, out _))
        {
            return await scoped.Where(n => n.E164 == e164 || reached.Contains(n.Id)).ToListAsync(ct);
        }
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var onlyNumber = text.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || c is '+' or '.' or '-' or '(' or ')');
        if (digits.Length < 3 || !onlyNumber)
        {
            return reached.Count == 0 ? [] : await scoped.Where(n => reached.Contains(n.Id)).OrderBy(n => n.E164).ToListAsync(ct);
        }
        // National input ("0185737") matches on the digits after the leading 0.
        var fragment = digits.StartsWith('0') ? digits[1..] : digits;
        return await scoped.Where(n => n.E164.Contains(fragment) || reached.Contains(n.Id)).OrderBy(n => n.E164).Take(Limit).ToListAsync(ct);
    }

    private static string ModelName(string modelId) =>
        DeviceCatalog.TryFind(modelId, out var model) ? model.DisplayName : modelId;

    private static EquipmentHit ToHit(Equipment e) => new(
        e.Mac.ToDisplayString(), e.ModelId, ModelName(e.ModelId), e.SerialNumber, e.Label, e.ClientId, e.SiteId,
        e.UserId, e.User?.Login, e.Location, e.Version);
}
