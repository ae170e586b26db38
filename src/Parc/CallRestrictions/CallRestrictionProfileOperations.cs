using System.Numerics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;

namespace Sophia.Parc.CallRestrictions;

/// <summary>A profile with the calls it allows as category names (<c>national</c>, <c>mobile</c>...) and how many users have it.</summary>
public sealed record CallRestrictionProfileDto(int Id, int ClientId, string Name, string? Description, IReadOnlyList<string> Allowed, int UsersCount, long Version);

/// <summary>
/// A profile to create, or the fields of one to change (a field left null keeps its value; an empty description clears
/// it). <see cref="Allowed"/> names the categories of calls allowed, the others being barred.
/// </summary>
public sealed record CallRestrictionProfileInput(string? Name, string? Description, IReadOnlyList<string>? Allowed);

/// <summary>
/// A client's call-restriction profiles ("profils de restrictions d'appels", guide 2.3.4: created at the client's
/// level, then picked for each user). Client admins and the helpdesk manage them; the client's users read the list.
/// </summary>
public sealed class CallRestrictionProfileOperations(SophiaDb db)
{
    /// <summary>The categories a profile is made of, by their API names; <c>None</c> and <c>All</c> are not categories.</summary>
    public static IReadOnlyList<string> CategoryNames { get; } = Categories().Select(c => Name(c)).ToList();

    public async Task<Paged<CallRestrictionProfileDto>> ListAsync(Caller caller, int clientId, PageRequest page, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, member: true, ct);
        var result = await db.CallRestrictionProfiles.AsNoTracking().Where(p => p.ClientId == clientId).OrderBy(p => p.Name)
            .Select(p => new { Profile = p, Users = db.Users.Count(u => u.CallRestrictionProfileId == p.Id) })
            .ToPageAsync(page, ct);
        return result.Select(r => ToDto(r.Profile, r.Users));
    }

    public async Task<CallRestrictionProfileDto> GetAsync(Caller caller, int profileId, CancellationToken ct)
    {
        var profile = await LoadAsync(caller, profileId, ct);
        return ToDto(profile, await UsersCountAsync(profile.Id, ct));
    }

    public async Task<CallRestrictionProfileDto> CreateAsync(Caller caller, int clientId, CallRestrictionProfileInput input, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var profile = new CallRestrictionProfile { ClientId = clientId, Name = "" };
        Apply(profile, input, creating: true);
        await CheckUniqueAsync(profile, ct);
        db.CallRestrictionProfiles.Add(profile);
        await db.SaveChangesAsync(ct);
        return ToDto(profile, 0);
    }

    public async Task<CallRestrictionProfileDto> UpdateAsync(Caller caller, int profileId, CallRestrictionProfileInput input, long? expectedVersion, CancellationToken ct)
    {
        var profile = await LoadAsync(caller, profileId, ct);
        db.Expect(profile, expectedVersion);
        Apply(profile, input, creating: false);
        await CheckUniqueAsync(profile, ct);
        await db.SaveChangesAsync(ct);
        return ToDto(profile, await UsersCountAsync(profile.Id, ct));
    }

    /// <summary>A profile still given to users stays: they would be left with no restriction at all.</summary>
    public async Task DeleteAsync(Caller caller, int profileId, long? expectedVersion, CancellationToken ct)
    {
        var profile = await LoadAsync(caller, profileId, ct);
        db.Expect(profile, expectedVersion);
        var users = await UsersCountAsync(profile.Id, ct);
        if (users > 0)
        {
            throw new RuleViolationException(FieldError.Create("profileId", "callRestrictionProfile.inUse",
                "Call-restriction profile {name} is given to {users} user(s); give them another profile first.",
                ("name", profile.Name), ("users", users)), RuleViolationKind.Conflict);
        }
        db.CallRestrictionProfiles.Remove(profile);
        await db.SaveChangesAsync(ct);
    }

    private async Task<CallRestrictionProfile> LoadAsync(Caller caller, int profileId, CancellationToken ct)
    {
        var profile = await db.CallRestrictionProfiles.FirstOrDefaultAsync(p => p.Id == profileId, ct);
        return profile is not null && caller.CanManageClient(profile.ClientId)
            ? profile
            : throw CommonErrors.NotFound("profileId", "callRestrictionProfile", profileId);
    }

    private Task<int> UsersCountAsync(int profileId, CancellationToken ct) =>
        db.Users.CountAsync(u => u.CallRestrictionProfileId == profileId, ct);

    /// <summary>Checks every field the input sets and reports all that are wrong at once; the profile changes only if none is.</summary>
    private static void Apply(CallRestrictionProfile profile, CallRestrictionProfileInput input, bool creating)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim();
        if ((creating || input.Name is not null) && string.IsNullOrEmpty(name))
        {
            errors.Add(CommonErrors.Required("name", "National"));
        }
        else if (name is { Length: > TextLimits.ProfileName })
        {
            errors.Add(CommonErrors.TooLong("name", TextLimits.ProfileName));
        }
        var description = input.Description?.Trim();
        if (description is { Length: > TextLimits.ProfileDescription })
        {
            errors.Add(CommonErrors.TooLong("description", TextLimits.ProfileDescription));
        }
        var allowed = CallCategories.None;
        if (input.Allowed is null && creating)
        {
            errors.Add(CommonErrors.Required("allowed", "[\"internal\", \"national\"]"));
        }
        for (var i = 0; i < (input.Allowed?.Count ?? 0); i++)
        {
            var text = input.Allowed![i];
            if (Parse(text) is { } category)
            {
                allowed |= category;
            }
            else
            {
                errors.Add(FieldError.Create($"allowed[{i}]", "callCategory.unknown", "'{value}' is not a call category; use {categories}.",
                    ("value", text), ("categories", CategoryNames)));
            }
        }
        RuleViolationException.ThrowIfAny(errors);
        profile.Name = name is { Length: > 0 } ? name : profile.Name;
        profile.Description = description is null ? profile.Description : description.Length > 0 ? description : null;
        profile.Allowed = input.Allowed is null ? profile.Allowed : allowed;
    }

    /// <summary>A category by its name in any case (<c>national</c>, <c>National</c>); null for anything else.</summary>
    private static CallCategories? Parse(string? text)
    {
        var trimmed = text?.Trim();
        foreach (var category in Categories())
        {
            if (string.Equals(category.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return category;
            }
        }
        return null;
    }

    /// <summary>The single flags, in declaration order: <c>None</c> and <c>All</c> are not categories.</summary>
    private static IEnumerable<CallCategories> Categories() =>
        Enum.GetValues<CallCategories>().Where(c => BitOperations.IsPow2((int)c));

    private static string Name(CallCategories category) => JsonNamingPolicy.CamelCase.ConvertName(category.ToString());

    private static CallRestrictionProfileDto ToDto(CallRestrictionProfile p, int users) => new(
        p.Id, p.ClientId, p.Name, p.Description, Categories().Where(c => p.Allowed.HasFlag(c)).Select(Name).ToList(), users, p.Version);

    private async Task CheckUniqueAsync(CallRestrictionProfile profile, CancellationToken ct)
    {
        if (await db.CallRestrictionProfiles.AnyAsync(p => p.Id != profile.Id && p.ClientId == profile.ClientId && p.Name == profile.Name, ct))
        {
            throw new RuleViolationException(FieldError.Create("name", "callRestrictionProfile.nameTaken",
                "The client already has a call-restriction profile named {name}.", ("name", profile.Name)), RuleViolationKind.Conflict);
        }
    }
}
