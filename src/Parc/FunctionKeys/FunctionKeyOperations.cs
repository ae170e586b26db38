using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Rules;

namespace Sophia.Parc.FunctionKeys;

public sealed record FunctionKeyDto(int Index, FunctionKeyKind Kind, int? SupervisedUserId, string? SupervisedLogin, string? Number, string Label);

/// <summary>One key of a list to save; <see cref="Index"/> defaults to the key's position in the list, from 1.</summary>
public sealed record FunctionKeyInput(int? Index, FunctionKeyKind? Kind, int? SupervisedUserId, string? Number, string? Label);

/// <summary>A user's keys in their order, with the user's version: the ETag of the list and of the phone's config.</summary>
public sealed record FunctionKeyList(IReadOnlyList<FunctionKeyDto> Keys, long Version);

/// <summary>
/// A user's function keys ("touches de fonction"), read and replaced as one ordered list as the phone shows them:
/// by the user (self-care), their client's admin or the helpdesk.
/// </summary>
public sealed class FunctionKeyOperations(SophiaDb db)
{
    public const int MaxKeys = 200;

    public async Task<FunctionKeyList> ListAsync(Caller caller, int userId, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: true, ct);
        return new FunctionKeyList(await LoadAsync(user.Id, ct), user.Version);
    }

    /// <summary>Replaces the whole list; one bad key rejects it all, and every bad key is reported at once.</summary>
    public async Task<FunctionKeyList> ReplaceAsync(Caller caller, int userId, IReadOnlyList<FunctionKeyInput> keys, long? expectedVersion, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: true, ct);
        db.Expect(user, expectedVersion);
        if (keys.Count > MaxKeys)
        {
            throw new RuleViolationException(FieldError.Create("keys", "keys.tooMany",
                "At most {max} function keys per user; the list has {count}.", ("max", MaxKeys), ("count", keys.Count)));
        }
        var supervisedIds = keys.Where(k => k.SupervisedUserId is not null).Select(k => k.SupervisedUserId!.Value).Distinct().ToList();
        var colleagues = (await db.Users.AsNoTracking()
            .Where(u => supervisedIds.Contains(u.Id) && u.ClientId == user.ClientId)
            .Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var errors = new List<FieldError>();
        var seen = new HashSet<int>();
        var result = new List<FunctionKey>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var at = $"keys[{i}]";
            var index = key.Index ?? i + 1;
            if (index < 1)
            {
                errors.Add(FieldError.Create($"{at}.index", "index.range", "index starts at 1; it is {index}.", ("index", index)));
            }
            else if (!seen.Add(index))
            {
                errors.Add(FieldError.Create($"{at}.index", "index.duplicate", "index {index} is used twice.", ("index", index)));
            }
            var label = key.Label?.Trim() ?? "";
            if (label.Length == 0)
            {
                errors.Add(FieldError.Create($"{at}.label", "label.required", "Key {index} needs a label, at most {max} characters.", ("index", index), ("max", TextLimits.KeyLabel)));
            }
            else if (label.Length > TextLimits.KeyLabel)
            {
                errors.Add(CommonErrors.TooLong($"{at}.label", TextLimits.KeyLabel));
            }
            errors.AddRange(CheckTarget(key, at, user, colleagues));
            result.Add(new FunctionKey
            {
                UserId = user.Id,
                Index = index,
                Kind = key.Kind ?? FunctionKeyKind.SpeedDial,
                SupervisedUserId = key.Kind == FunctionKeyKind.Supervision ? key.SupervisedUserId : null,
                Number = key.Kind == FunctionKeyKind.SpeedDial ? key.Number?.Trim() : null,
                Label = label,
            });
        }
        RuleViolationException.ThrowIfAny(errors);
        // Each key is changed in place, added or removed (not the list deleted in bulk and rewritten), so that the audit
        // trail says which keys changed and how.
        var existing = await db.FunctionKeys.Where(k => k.UserId == user.Id).ToDictionaryAsync(k => k.Index, ct);
        foreach (var key in result)
        {
            if (existing.Remove(key.Index, out var kept))
            {
                kept.Kind = key.Kind;
                kept.SupervisedUserId = key.SupervisedUserId;
                kept.Number = key.Number;
                kept.Label = key.Label;
            }
            else
            {
                db.FunctionKeys.Add(key);
            }
        }
        db.FunctionKeys.RemoveRange(existing.Values);
        // The user's version moves with the keys: the phone's config and the ETag change together.
        db.Entry(user).Property(u => u.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return new FunctionKeyList(await LoadAsync(user.Id, ct), user.Version);
    }

    /// <summary>What the key points at: a colleague to supervise (of the same client, not oneself) or a number to dial.</summary>
    private static IEnumerable<FieldError> CheckTarget(FunctionKeyInput key, string at, User user, HashSet<int> colleagues)
    {
        switch (key.Kind)
        {
            case FunctionKeyKind.Supervision when key.SupervisedUserId is null:
                yield return FieldError.Create($"{at}.supervisedUserId", "supervision.required", "A supervision key needs supervisedUserId, a user of the same client.");
                break;
            case FunctionKeyKind.Supervision when !colleagues.Contains(key.SupervisedUserId.Value):
                yield return FieldError.Create($"{at}.supervisedUserId", "supervision.otherClient",
                    "User {userId} is not a user of this client; a key supervises a colleague.", ("userId", key.SupervisedUserId.Value));
                break;
            case FunctionKeyKind.Supervision when key.SupervisedUserId == user.Id:
                yield return FieldError.Create($"{at}.supervisedUserId", "supervision.self", "A user cannot supervise their own line.");
                break;
            case FunctionKeyKind.Supervision:
                break;
            case FunctionKeyKind.SpeedDial when !IsDialable(key.Number):
                yield return FieldError.Create($"{at}.number", "speedDial.notDialable",
                    "'{value}' is not a number to dial (2 to 20 digits, optionally a leading + and * or #).", ("value", key.Number));
                break;
            case FunctionKeyKind.SpeedDial:
                break;
            case null:
                yield return FieldError.Create($"{at}.kind", "kind.required", "kind is required: supervision or speedDial.");
                break;
            default:
                yield return CommonErrors.Undefined($"{at}.kind", key.Kind.Value);
                break;
        }
    }

    private static bool IsDialable(string? number)
    {
        var text = number?.Trim() ?? "";
        var body = text.StartsWith('+') ? text[1..] : text;
        return body.Length is >= 2 and <= 20 && body.All(c => char.IsAsciiDigit(c) || c is '*' or '#');
    }

    private async Task<IReadOnlyList<FunctionKeyDto>> LoadAsync(int userId, CancellationToken ct) =>
        await db.FunctionKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.Index)
            .Select(k => new FunctionKeyDto(k.Index, k.Kind, k.SupervisedUserId, k.SupervisedUser != null ? k.SupervisedUser.Login : null, k.Number, k.Label))
            .ToListAsync(ct);
}
