using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public sealed record NumberDto(int Id, int ClientId, int SiteId, string E164, string National, DateTimeOffset? OrderedAt,
    NumberAssignee Assignee, int? UserId, int? IvrId, int? HuntGroupId, IReadOnlyList<string> ShortNumbers, long Version);

public sealed record NumberInput(string? Number, DateTimeOffset? OrderedAt);

/// <summary>What may change on a number: its order date, and its site (a free number moves to another site's stock).</summary>
public sealed record NumberUpdate(int? SiteId, DateTimeOffset? OrderedAt);

public sealed record NumberAssignRequest(int? UserId);

public static class NumberEndpoints
{
    public static void MapNumbers(this RouteGroupBuilder api)
    {
        var numbers = api.MapGroup("").WithTags("Numbers").RequireAuthorization(Roles.ClientAdmin);
        numbers.MapGet("/sites/{siteId:int}/numbers", List);
        numbers.MapPost("/sites/{siteId:int}/numbers", Create);
        numbers.MapGet("/numbers/{numberId:int}", Get);
        numbers.MapPut("/numbers/{numberId:int}", Update);
        numbers.MapDelete("/numbers/{numberId:int}", Delete);
        numbers.MapPost("/numbers/{numberId:int}/assign", Assign);
        numbers.MapPost("/numbers/{numberId:int}/unassign", Unassign);
    }

    private static async Task<Ok<Paged<NumberDto>>> List(HttpContext http, SophiaDb db, int siteId, bool? assigned, int? page, int? pageSize, CancellationToken ct)
    {
        await Visible.SiteAsync(db, Caller.From(http.User), siteId, ct);
        var query = db.Numbers.AsNoTracking().Where(n => n.SiteId == siteId);
        if (assigned is { } wanted)
        {
            query = wanted
                ? query.Where(n => n.UserId != null || n.IvrId != null || n.HuntGroupId != null)
                : query.Where(n => n.UserId == null && n.IvrId == null && n.HuntGroupId == null);
        }
        var result = await query.OrderBy(n => n.E164).ToPageAsync(new PageRequest(page, pageSize), ct);
        return TypedResults.Ok(new Paged<NumberDto>(await ToDtos(db, result.Items, ct), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Ok<NumberDto>> Get(HttpContext http, SophiaDb db, int numberId, CancellationToken ct)
    {
        var number = await Load(db, Caller.From(http.User), numberId, ct);
        http.SetETag(number.Version);
        return TypedResults.Ok((await ToDtos(db, [number], ct))[0]);
    }

    private static async Task<Created<NumberDto>> Create(HttpContext http, SophiaDb db, int siteId, NumberInput input, CancellationToken ct)
    {
        var site = await Visible.SiteAsync(db, Caller.From(http.User), siteId, ct);
        if (!E164.TryNormalize(input.Number, out var e164, out var error))
        {
            throw new RuleViolationException(CommonErrors.NotPhoneNumber("number", error));
        }
        if (await db.Numbers.AnyAsync(n => n.E164 == e164, ct))
        {
            throw new RuleViolationException("number", $"{e164} is already in the operator's numbers.", RuleViolationKind.Conflict);
        }
        var number = new Number { ClientId = site.ClientId, SiteId = site.Id, E164 = e164, OrderedAt = input.OrderedAt?.ToUniversalTime() };
        db.Numbers.Add(number);
        await db.SaveChangesAsync(ct);
        http.SetETag(number.Version);
        return TypedResults.Created($"/api/v1/numbers/{number.Id}", (await ToDtos(db, [number], ct))[0]);
    }

    private static async Task<Ok<NumberDto>> Update(HttpContext http, SophiaDb db, int numberId, NumberUpdate input, CancellationToken ct)
    {
        var number = await Load(db, Caller.From(http.User), numberId, ct);
        db.Expect(number, http.IfMatch());
        if (input.SiteId is { } siteId && siteId != number.SiteId)
        {
            var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId && s.ClientId == number.ClientId, ct)
                ?? throw CommonErrors.NotFound("siteId", "site", siteId);
            // An assignee lives on the number's site: moving it away would leave a user with a number of another site.
            if (number.Assignee != NumberAssignee.None)
            {
                throw new RuleViolationException("siteId", $"{number.E164} is assigned ({number.Assignee}); free it before moving it to another site.", RuleViolationKind.Conflict);
            }
            number.SiteId = site.Id;
        }
        number.OrderedAt = input.OrderedAt?.ToUniversalTime() ?? number.OrderedAt;
        await db.SaveChangesAsync(ct);
        http.SetETag(number.Version);
        return TypedResults.Ok((await ToDtos(db, [number], ct))[0]);
    }

    private static async Task<NoContent> Delete(HttpContext http, SophiaDb db, int numberId, CancellationToken ct)
    {
        var number = await Load(db, Caller.From(http.User), numberId, ct);
        db.Expect(number, http.IfMatch());
        if (number.Assignee != NumberAssignee.None)
        {
            throw new RuleViolationException("numberId", $"{number.E164} is assigned ({number.Assignee}); free it first.", RuleViolationKind.Conflict);
        }
        db.Numbers.Remove(number);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<NumberDto>> Assign(HttpContext http, SophiaDb db, int numberId, NumberAssignRequest request, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var number = await Load(db, caller, numberId, ct);
        db.Expect(number, http.IfMatch());
        if (request.UserId is not { } userId)
        {
            throw new RuleViolationException("userId", "userId is required.");
        }
        var user = await Visible.UserAsync(db, caller, userId, self: false, ct);
        if (user.ClientId != number.ClientId)
        {
            throw CommonErrors.NotFound("userId", "user", userId);
        }
        await NumberAssignments.AssignToUserAsync(db, number, user, ct);
        await db.SaveChangesAsync(ct);
        http.SetETag(number.Version);
        return TypedResults.Ok((await ToDtos(db, [number], ct))[0]);
    }

    private static async Task<Ok<NumberDto>> Unassign(HttpContext http, SophiaDb db, int numberId, CancellationToken ct)
    {
        var number = await Load(db, Caller.From(http.User), numberId, ct);
        db.Expect(number, http.IfMatch());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (number.UserId is { } userId)
        {
            // A presented number that was this one no longer belongs to the user.
            await db.Users.Where(u => u.Id == userId && u.PresentedNumber == number.E164)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PresentedNumber, (string?)null).SetProperty(u => u.Version, u => u.Version + 1), ct);
        }
        await NumberAssignments.UnassignAsync(db, number, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        http.SetETag(number.Version);
        return TypedResults.Ok((await ToDtos(db, [number], ct))[0]);
    }

    private static async Task<Number> Load(SophiaDb db, Caller caller, int numberId, CancellationToken ct)
    {
        var number = await db.Numbers.FirstOrDefaultAsync(n => n.Id == numberId, ct);
        return number is not null && caller.CanManageClient(number.ClientId) ? number : throw CommonErrors.NotFound("numberId", "number", numberId);
    }

    private static async Task<List<NumberDto>> ToDtos(SophiaDb db, IReadOnlyList<Number> numbers, CancellationToken ct)
    {
        var ids = numbers.Select(n => n.Id).ToList();
        var shorts = await db.ShortNumbers.AsNoTracking().Where(s => s.NumberId != null && ids.Contains(s.NumberId.Value)).ToListAsync(ct);
        return numbers.Select(n => new NumberDto(n.Id, n.ClientId, n.SiteId, n.E164, E164.ToNational(n.E164), n.OrderedAt, n.Assignee,
            n.UserId, n.IvrId, n.HuntGroupId,
            shorts.Where(s => s.NumberId == n.Id).Select(s => s.Digits).OrderBy(d => d.Length).ThenBy(d => d).ToList(), n.Version)).ToList();
    }
}
