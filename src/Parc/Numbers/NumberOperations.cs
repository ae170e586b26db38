using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Paging;
using Sophia.Model.Rules;

namespace Sophia.Parc.Numbers;

public sealed record NumberDto(int Id, int ClientId, int SiteId, string E164, string National, DateTimeOffset? OrderedAt,
    NumberAssignee Assignee, int? UserId, int? IvrId, int? HuntGroupId, IReadOnlyList<string> ShortNumbers, long Version);

/// <summary>A number to add to a site's stock, typed in any notation (<c>01 85 73 76 36</c>, <c>+33185737636</c>).</summary>
public sealed record NumberInput(string? Number, DateTimeOffset? OrderedAt);

/// <summary>What may change on a number: its order date, and its site (a free number moves to another site's stock).</summary>
public sealed record NumberUpdate(int? SiteId, DateTimeOffset? OrderedAt);

public sealed record NumberAssignRequest(int? UserId);

/// <summary>
/// One number in a CSV export, as the guide's list shows it: who has it (the user's login, the IVR's name, the hunt
/// group's address), its short numbers space-separated, and its order date in ISO 8601 (UTC).
/// </summary>
public sealed record NumberCsvRow(string Number, string National, string AssigneeKind, string? Assignee, string ShortNumbers, string? OrderedAt);

/// <summary>
/// A site's public numbers (SDA): its stock, free or given to a user with the user's two short numbers. For client
/// admins and the helpdesk; a number is unique across the operator.
/// </summary>
public sealed partial class NumberOperations(SophiaDb db, ILogger<NumberOperations> log)
{
    public async Task<Paged<NumberDto>> ListAsync(Caller caller, int siteId, bool? assigned, PageRequest page, CancellationToken ct)
    {
        var result = await (await QueryAsync(caller, siteId, assigned, ct)).ToPageAsync(page, ct);
        return new Paged<NumberDto>(await ToDtosAsync(result.Items, ct), result.Page, result.PageSize, result.Total);
    }

    /// <summary>The whole list (the same filter as <see cref="ListAsync"/>) as CSV rows.</summary>
    public async Task<IReadOnlyList<NumberCsvRow>> ExportAsync(Caller caller, int siteId, bool? assigned, CancellationToken ct)
    {
        var numbers = await (await QueryAsync(caller, siteId, assigned, ct)).ToListAsync(ct);
        var dtos = await ToDtosAsync(numbers, ct);
        var userIds = numbers.Where(n => n.UserId is not null).Select(n => n.UserId!.Value).ToList();
        var ivrIds = numbers.Where(n => n.IvrId is not null).Select(n => n.IvrId!.Value).ToList();
        var groupIds = numbers.Where(n => n.HuntGroupId is not null).Select(n => n.HuntGroupId!.Value).ToList();
        var logins = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Login, ct);
        var ivrs = await db.Ivrs.AsNoTracking().Where(i => ivrIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var groups = await db.HuntGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => string.IsNullOrEmpty(g.Address) ? g.Name : g.Address, ct);
        return dtos.Select(n => new NumberCsvRow(
            n.E164,
            n.National,
            JsonNamingPolicy.CamelCase.ConvertName(n.Assignee.ToString()),
            n.Assignee switch
            {
                NumberAssignee.User => logins.GetValueOrDefault(n.UserId!.Value),
                NumberAssignee.Ivr => ivrs.GetValueOrDefault(n.IvrId!.Value),
                NumberAssignee.HuntGroup => groups.GetValueOrDefault(n.HuntGroupId!.Value),
                _ => null,
            },
            string.Join(' ', n.ShortNumbers),
            n.OrderedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))).ToList();
    }

    public async Task<NumberDto> GetAsync(Caller caller, int numberId, CancellationToken ct) =>
        await ToDtoAsync(await LoadAsync(caller, numberId, ct), ct);

    public async Task<NumberDto> CreateAsync(Caller caller, int siteId, NumberInput input, CancellationToken ct)
    {
        var site = await Visible.SiteAsync(db, caller, siteId, ct);
        if (!E164.TryNormalize(input.Number, out var e164, out var error))
        {
            throw new RuleViolationException(CommonErrors.NotPhoneNumber("number", error));
        }
        if (await db.Numbers.AsNoTracking().Where(n => n.E164 == e164).Select(n => (int?)n.ClientId).FirstOrDefaultAsync(ct) is { } holder)
        {
            // The same answer whoever holds the number: a client admin must not learn that another client has it.
            if (holder != site.ClientId && !caller.IsHelpdesk)
            {
                LogForeignRefused(log, caller.ClientId, caller.Login);
            }
            throw new RuleViolationException(FieldError.Create("number", "number.taken",
                "{number} is not available.", ("number", e164)), RuleViolationKind.Conflict);
        }
        var number = new Number { ClientId = site.ClientId, SiteId = site.Id, E164 = e164, OrderedAt = input.OrderedAt?.ToUniversalTime() };
        db.Numbers.Add(number);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(number, ct);
    }

    public async Task<NumberDto> UpdateAsync(Caller caller, int numberId, NumberUpdate input, long? expectedVersion, CancellationToken ct)
    {
        var number = await LoadAsync(caller, numberId, ct);
        db.Expect(number, expectedVersion);
        if (input.SiteId is { } siteId && siteId != number.SiteId)
        {
            var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId && s.ClientId == number.ClientId, ct)
                ?? throw CommonErrors.NotFound("siteId", "site", siteId);
            // An assignee lives on the number's site: moving it away would leave a user with a number of another site.
            if (number.Assignee != NumberAssignee.None)
            {
                throw new RuleViolationException(FieldError.Create("siteId", "number.assigned",
                    "Number {number} is assigned ({assignee}); free it before moving it to another site.",
                    ("number", number.E164), ("assignee", number.Assignee)), RuleViolationKind.Conflict);
            }
            number.SiteId = site.Id;
        }
        number.OrderedAt = input.OrderedAt?.ToUniversalTime() ?? number.OrderedAt;
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(number, ct);
    }

    /// <summary>Only a free number goes back to the operator: an assigned one is freed first.</summary>
    public async Task DeleteAsync(Caller caller, int numberId, long? expectedVersion, CancellationToken ct)
    {
        var number = await LoadAsync(caller, numberId, ct);
        db.Expect(number, expectedVersion);
        if (number.Assignee != NumberAssignee.None)
        {
            throw new RuleViolationException(FieldError.Create("numberId", "number.assigned",
                "Number {number} is assigned ({assignee}); free it first.", ("number", number.E164), ("assignee", number.Assignee)),
                RuleViolationKind.Conflict);
        }
        db.Numbers.Remove(number);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Gives the number to a user of its site, with the two short numbers it brings (see <see cref="NumberAssignments"/>).</summary>
    public async Task<NumberDto> AssignAsync(Caller caller, int numberId, NumberAssignRequest request, long? expectedVersion, CancellationToken ct)
    {
        var number = await LoadAsync(caller, numberId, ct);
        db.Expect(number, expectedVersion);
        if (request.UserId is not { } userId)
        {
            throw new RuleViolationException(CommonErrors.Required("userId"));
        }
        var user = await Visible.UserAsync(db, caller, userId, self: false, ct);
        if (user.ClientId != number.ClientId)
        {
            throw CommonErrors.NotFound("userId", "user", userId);
        }
        await NumberAssignments.AssignToUserAsync(db, number, user, ct);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(number, ct);
    }

    /// <summary>Frees the number and its short numbers; a user who presented it to called parties no longer does.</summary>
    public async Task<NumberDto> UnassignAsync(Caller caller, int numberId, long? expectedVersion, CancellationToken ct)
    {
        var number = await LoadAsync(caller, numberId, ct);
        db.Expect(number, expectedVersion);
        if (number.UserId is { } userId
            && await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.PresentedNumber == number.E164, ct) is { } presenter)
        {
            presenter.PresentedNumber = null;
        }
        await NumberAssignments.UnassignAsync(db, number, ct);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(number, ct);
    }

    private async Task<IQueryable<Number>> QueryAsync(Caller caller, int siteId, bool? assigned, CancellationToken ct)
    {
        await Visible.SiteAsync(db, caller, siteId, ct);
        var query = db.Numbers.AsNoTracking().Where(n => n.SiteId == siteId);
        if (assigned is { } wanted)
        {
            query = wanted
                ? query.Where(n => n.UserId != null || n.IvrId != null || n.HuntGroupId != null)
                : query.Where(n => n.UserId == null && n.IvrId == null && n.HuntGroupId == null);
        }
        return query.OrderBy(n => n.E164);
    }

    private async Task<Number> LoadAsync(Caller caller, int numberId, CancellationToken ct)
    {
        var number = await db.Numbers.FirstOrDefaultAsync(n => n.Id == numberId, ct);
        return number is not null && caller.CanManageClient(number.ClientId) ? number : throw CommonErrors.NotFound("numberId", "number", numberId);
    }

    private async Task<NumberDto> ToDtoAsync(Number number, CancellationToken ct) => (await ToDtosAsync([number], ct))[0];

    private async Task<List<NumberDto>> ToDtosAsync(IReadOnlyList<Number> numbers, CancellationToken ct)
    {
        var ids = numbers.Select(n => n.Id).ToList();
        var shorts = await db.ShortNumbers.AsNoTracking().Where(s => s.NumberId != null && ids.Contains(s.NumberId.Value)).ToListAsync(ct);
        return numbers.Select(n => new NumberDto(n.Id, n.ClientId, n.SiteId, n.E164, E164.ToNational(n.E164), n.OrderedAt, n.Assignee,
            n.UserId, n.IvrId, n.HuntGroupId,
            shorts.Where(s => s.NumberId == n.Id).Select(s => s.Digits).OrderBy(d => d.Length).ThenBy(d => d).ToList(), n.Version)).ToList();
    }

    // Names the caller only; never the number nor the client that holds it.
    [LoggerMessage(EventId = 1390, Level = LogLevel.Warning, Message = "Refused a number held by another client as not available to {Caller} of client {ClientId}")]
    private static partial void LogForeignRefused(ILogger logger, int? clientId, string caller);
}
