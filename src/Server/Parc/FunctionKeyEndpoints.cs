using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public sealed record FunctionKeyDto(int Index, FunctionKeyKind Kind, int? SupervisedUserId, string? SupervisedLogin, string? Number, string Label);

public sealed record FunctionKeyInput(int? Index, FunctionKeyKind? Kind, int? SupervisedUserId, string? Number, string? Label);

/// <summary>A user's function keys, read and replaced as one ordered list (the phone shows them in that order).</summary>
public static class FunctionKeyEndpoints
{
    public const int MaxLabelLength = 32;
    public const int MaxKeys = 200;

    public static void MapFunctionKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/users/{userId:int}/function-keys").WithTags("Function keys").RequireAuthorization();
        keys.MapGet("/", List);
        keys.MapPut("/", Replace);
    }

    private static async Task<Ok<IReadOnlyList<FunctionKeyDto>>> List(HttpContext http, SophiaDb db, int userId, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, Caller.From(http.User), userId, self: true, ct);
        http.SetETag(user.Version);
        return TypedResults.Ok(await Load(db, userId, ct));
    }

    /// <summary>Replaces the whole list; If-Match carries the user's ETag. One bad key rejects the whole list.</summary>
    private static async Task<Ok<IReadOnlyList<FunctionKeyDto>>> Replace(HttpContext http, SophiaDb db, int userId, IReadOnlyList<FunctionKeyInput> keys, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, Caller.From(http.User), userId, self: true, ct);
        db.Expect(user, http.IfMatch());
        var errors = new List<FieldError>();
        if (keys.Count > MaxKeys)
        {
            throw new RuleViolationException("keys", $"At most {MaxKeys} function keys per user.");
        }
        var supervisedIds = keys.Where(k => k.SupervisedUserId is not null).Select(k => k.SupervisedUserId!.Value).Distinct().ToList();
        var supervisable = await db.Users.AsNoTracking()
            .Where(u => supervisedIds.Contains(u.Id) && u.ClientId == user.ClientId)
            .Select(u => u.Id).ToListAsync(ct);
        var seen = new HashSet<int>();
        var result = new List<FunctionKey>();
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var at = $"keys[{i}]";
            var index = key.Index ?? i + 1;
            if (index < 1 || !seen.Add(index))
            {
                errors.Add(new FieldError($"{at}.index", index < 1 ? "index starts at 1." : $"index {index} is used twice."));
            }
            if (string.IsNullOrWhiteSpace(key.Label) || key.Label.Length > MaxLabelLength)
            {
                errors.Add(new FieldError($"{at}.label", $"label is required, at most {MaxLabelLength} characters."));
            }
            switch (key.Kind)
            {
                case FunctionKeyKind.Supervision:
                    if (key.SupervisedUserId is not { } supervised || !supervisable.Contains(supervised))
                    {
                        errors.Add(new FieldError($"{at}.supervisedUserId", "A supervision key needs supervisedUserId, a user of the same client."));
                    }
                    else if (supervised == user.Id)
                    {
                        errors.Add(new FieldError($"{at}.supervisedUserId", "A user cannot supervise their own line."));
                    }
                    break;
                case FunctionKeyKind.SpeedDial:
                    if (!IsDialable(key.Number))
                    {
                        errors.Add(new FieldError($"{at}.number", $"'{key.Number}' is not a number to dial (digits, optionally a leading + and * or #)."));
                    }
                    break;
                default:
                    errors.Add(new FieldError($"{at}.kind", "kind is required: supervision or speedDial."));
                    break;
            }
            result.Add(new FunctionKey
            {
                UserId = user.Id,
                Index = index,
                Kind = key.Kind ?? FunctionKeyKind.SpeedDial,
                SupervisedUserId = key.Kind == FunctionKeyKind.Supervision ? key.SupervisedUserId : null,
                Number = key.Kind == FunctionKeyKind.SpeedDial ? key.Number?.Trim() : null,
                Label = key.Label?.Trim() ?? "",
            });
        }
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.FunctionKeys.Where(k => k.UserId == user.Id).ExecuteDeleteAsync(ct);
        db.FunctionKeys.AddRange(result);
        // The user's version moves with the keys: the phone's config and the ETag change together.
        db.Entry(user).Property(u => u.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        http.SetETag(user.Version);
        return TypedResults.Ok(await Load(db, user.Id, ct));
    }

    private static bool IsDialable(string? number)
    {
        var text = number?.Trim() ?? "";
        var body = text.StartsWith('+') ? text[1..] : text;
        return body.Length is >= 2 and <= 20 && body.All(c => char.IsAsciiDigit(c) || c is '*' or '#');
    }

    private static async Task<IReadOnlyList<FunctionKeyDto>> Load(SophiaDb db, int userId, CancellationToken ct) =>
        await db.FunctionKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.Index)
            .Select(k => new FunctionKeyDto(k.Index, k.Kind, k.SupervisedUserId, k.SupervisedUser != null ? k.SupervisedUser.Login : null, k.Number, k.Label))
            .ToListAsync(ct);
}
