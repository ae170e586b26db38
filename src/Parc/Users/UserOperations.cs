using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sophia.DeviceModels.Catalog;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Numbers;

namespace Sophia.Parc.Users;

/// <summary>
/// A client's users: listed, exported, created, changed (by an administrator, or by the user themself within the
/// self-care limits) and deleted; their SIP password renewed; their phones and SIP line shown to them.
/// </summary>
public sealed partial class UserOperations(SophiaDb db, IPasswordHasher<object> hasher, ILogger<UserOperations> log)
{
    /// <summary>The fields only an administrator sets, with the input's value of each.</summary>
    private static readonly (string Field, Func<UserInput, object?> Value)[] AdminOnlyFields =
    [
        ("login", i => i.Login),
        ("accountType", i => i.AccountType),
        ("services", i => i.Services),
        ("callRestrictionProfile", i => i.CallRestrictionProfile),
        ("presentedNumber", i => i.PresentedNumber),
    ];

    public async Task<Paged<UserDto>> ListAsync(Caller caller, int siteId, PageRequest page, CancellationToken ct)
    {
        await Visible.SiteAsync(db, caller, siteId, ct);
        var result = await SiteUsers(siteId).ToPageAsync(page, ct);
        return new Paged<UserDto>(await ToDtosAsync(result.Items, ct), result.Page, result.PageSize, result.Total);
    }

    /// <summary>Every user of the site as the CSV export's rows, with their phones.</summary>
    public async Task<IReadOnlyList<UserCsvRow>> ExportAsync(Caller caller, int siteId, CancellationToken ct)
    {
        await Visible.SiteAsync(db, caller, siteId, ct);
        var users = await SiteUsers(siteId).ToListAsync(ct);
        var phones = (await EquipmentOfAsync(users.Select(u => u.Id).ToList(), ct)).ToLookup(p => p.UserId, p => p.Dto);
        return (await ToDtosAsync(users, ct)).Select(u => UserCsvRow.From(u, phones[u.Id])).ToList();
    }

    /// <summary>A user the caller manages, or the caller themself.</summary>
    public async Task<UserDto> GetAsync(Caller caller, int userId, CancellationToken ct) =>
        await ToDtoAsync(await Visible.UserAsync(db, caller, userId, self: true, ct), ct);

    /// <summary>A new user of the site, with the login given or generated from the names (<c>cseldon@15rp.sewan.eu</c>).</summary>
    public async Task<UserDto> CreateAsync(Caller caller, int siteId, UserInput input, CancellationToken ct)
    {
        var site = await Visible.SiteAsync(db, caller, siteId, ct);
        var checks = await UserChecks.ForClientAsync(db, hasher, site.ClientId, ct);
        var findings = new Findings();
        var user = await checks.DraftAsync(site, input, findings, row: 0, ct);
        findings.ThrowIfAny();
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(user, ct);
    }

    /// <summary>
    /// Changes the fields the input gives. A plain user changes their own account only, and never the fields an
    /// administrator sets. Whoever changes their own password gives the current one. A new password ends the user's
    /// other sessions; the caller's own survives when it is theirs, since it has just proved the current password and
    /// ending it would only make them sign in again. A new account type ends all of them, since it changes what they may do.
    /// </summary>
    public async Task<UserDto> UpdateAsync(Caller caller, int userId, UserInput input, long? expectedVersion, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: true, ct);
        db.Expect(user, expectedVersion);
        if (!caller.CanManageClient(user.ClientId))
        {
            RefuseAdminOnlyFields(input);
        }
        var findings = new Findings();
        if (input.Login is { } login && !string.Equals(login.Trim(), user.Login, StringComparison.OrdinalIgnoreCase))
        {
            findings.Invalid(FieldError.Create("login", "login.immutable",
                "Login {login} cannot be changed once created: the SIP line and the phones depend on it.", ("login", user.Login)));
        }
        if (input.Password is not null && caller.UserId == user.Id)
        {
            CheckCurrentPassword(user, input.CurrentPassword, findings);
        }
        if (input.LastName is not null)
        {
            user.LastName = UserChecks.LastName(input.LastName, findings);
        }
        var roleChanged = input.AccountType is { } accountType && accountType != user.AccountType;
        await (await UserChecks.ForClientAsync(db, hasher, user.ClientId, ct)).ApplyAsync(user, input, findings, ct);
        findings.ThrowIfAny();
        if (roleChanged || input.Password is not null)
        {
            var kept = !roleChanged && caller.UserId == user.Id ? caller.TokenId : null;
            db.AccessTokens.RemoveRange(await db.AccessTokens.Where(t => t.UserId == user.Id && t.Id != kept).ToListAsync(ct));
        }
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(user, ct);
    }

    /// <summary>
    /// Deletes the user: their numbers are freed with their short numbers, their phones go back to the site's stock
    /// (their line is no longer served), and their sessions end.
    /// </summary>
    public async Task DeleteAsync(Caller caller, int userId, long? expectedVersion, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: false, ct);
        db.Expect(user, expectedVersion);
        // The bulk statements below run at once; the transaction undoes them if the final save fails (a concurrent change).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var number in await db.Numbers.Where(n => n.UserId == userId).ToListAsync(ct))
        {
            await NumberAssignments.UnassignAsync(db, number, ct);
        }
        // Through the context, not in bulk, so that each phone's return to the stock is in the audit trail.
        foreach (var equipment in await db.Equipment.Where(e => e.UserId == userId).ToListAsync(ct))
        {
            equipment.UserId = null;
        }
        // A DECT handset of theirs is freed; the base's other handsets keep their users.
        db.DectHandsets.RemoveRange(await db.DectHandsets.Where(h => h.UserId == userId).ToListAsync(ct));
        await db.AccessTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Gives the user's line a new random SIP password and returns it, the only time anyone but a phone sees it. The
    /// change moves the client's config stamp, so each of the user's phones gets it on its next fetch.
    /// </summary>
    public async Task<SipPasswordDto> RenewSipPasswordAsync(Caller caller, int userId, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: false, ct);
        var password = SipPasswords.New();
        user.SipPassword = password;
        await db.SaveChangesAsync(ct);
        LogSipPasswordRenewed(log, caller.Login, user.Login, user.Id);
        return new SipPasswordDto(password, user.Version);
    }

    /// <summary>
    /// Whether <paramref name="pin"/> is the user's outgoing-call PIN, for the call routing; false when the user has none.
    /// The PIN is stored hashed: this is the only way to use it.
    /// </summary>
    public async Task<bool> VerifyOutgoingPinAsync(Caller caller, int userId, string pin, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: false, ct);
        return OutgoingPins.Verify(hasher, user.OutgoingPin, pin);
    }

    /// <summary>The phones assigned to the user, with their registration state; for the user themself too.</summary>
    public async Task<IReadOnlyList<UserEquipmentDto>> ListEquipmentAsync(Caller caller, int userId, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: true, ct);
        return (await EquipmentOfAsync([user.Id], ct)).Select(p => p.Dto).ToList();
    }

    /// <summary>The user's SIP line (username, domain, registrar, numbers), never its password; for the user themself too.</summary>
    public async Task<SipIdentityDto> GetSipIdentityAsync(Caller caller, int userId, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: true, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == user.ClientId, ct);
        var dto = await ToDtoAsync(user, ct);
        return new SipIdentityDto(
            user.SipUsername, client.SipDomain, $"{user.SipUsername}@{client.SipDomain}",
            new SipRegistrarDto(client.RegistrarHost, client.RegistrarPort, client.RegistrarTransport), dto.Numbers, user.PresentedNumber);
    }

    private void CheckCurrentPassword(User user, string? current, Findings findings)
    {
        if (string.IsNullOrEmpty(current))
        {
            findings.Invalid(FieldError.Create("currentPassword", "password.currentRequired", "Changing your own password needs your current password."));
        }
        else if (user.PasswordHash is null || hasher.VerifyHashedPassword(new object(), user.PasswordHash, current) == PasswordVerificationResult.Failed)
        {
            findings.Invalid(FieldError.Create("currentPassword", "password.currentWrong", "The current password is not right."));
        }
    }

    /// <summary>What a plain user may not change on their own account: each field sent is named in the answer.</summary>
    private static void RefuseAdminOnlyFields(UserInput input)
    {
        var refused = AdminOnlyFields.Where(f => f.Value(input) is not null)
            .Select(f => FieldError.Create(f.Field, "user.adminOnlyField", "Only an administrator sets {field}.", ("field", f.Field)))
            .ToList();
        RuleViolationException.ThrowIfAny(refused, RuleViolationKind.Forbidden);
    }

    private IQueryable<User> SiteUsers(int siteId) =>
        db.Users.AsNoTracking().Where(u => u.SiteId == siteId).OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id);

    private async Task<List<(int UserId, UserEquipmentDto Dto)>> EquipmentOfAsync(List<int> userIds, CancellationToken ct)
    {
        var phones = await db.Equipment.AsNoTracking().Include(e => e.Site)
            .Where(e => e.UserId != null && userIds.Contains(e.UserId.Value)).OrderBy(e => e.Id).ToListAsync(ct);
        var phoneIds = phones.Select(e => e.Id).ToList();
        var states = await db.RegistrationStatuses.AsNoTracking().Where(s => phoneIds.Contains(s.EquipmentId)).ToDictionaryAsync(s => s.EquipmentId, ct);
        return phones.Select(e => (e.UserId!.Value, new UserEquipmentDto(
            e.Mac.ToDisplayString(), e.ModelId, DeviceCatalog.TryFind(e.ModelId, out var model) ? model.DisplayName : e.ModelId,
            e.SiteId, e.Site?.Name,
            states.TryGetValue(e.Id, out var state)
                ? new PhoneRegistrationDto(state.State, state.Since, state.CheckedAt)
                : new PhoneRegistrationDto("unknown", null, null)))).ToList();
    }

    private async Task<UserDto> ToDtoAsync(User user, CancellationToken ct) => (await ToDtosAsync([user], ct))[0];

    private async Task<List<UserDto>> ToDtosAsync(IReadOnlyList<User> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var numbers = await db.Numbers.AsNoTracking().Where(n => n.UserId != null && ids.Contains(n.UserId.Value)).OrderBy(n => n.E164).ToListAsync(ct);
        var numberIds = numbers.Select(n => n.Id).ToList();
        var shorts = await db.ShortNumbers.AsNoTracking().Where(s => s.NumberId != null && numberIds.Contains(s.NumberId.Value)).ToListAsync(ct);
        var profileIds = users.Where(u => u.CallRestrictionProfileId is not null).Select(u => u.CallRestrictionProfileId!.Value).Distinct().ToList();
        var profiles = profileIds.Count == 0
            ? new Dictionary<int, string>()
            : await db.CallRestrictionProfiles.AsNoTracking().Where(p => profileIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return users.Select(u => new UserDto(
            u.Id, u.ClientId, u.SiteId, u.Civility, u.LastName, u.FirstName, u.Function, u.Email, u.Language, u.Mobile,
            u.Description, u.Login, u.AccountType,
            Enum.GetValues<UserServices>().Where(s => s != UserServices.None && u.Services.HasFlag(s)).ToList(),
            u.SipUsername, u.OutgoingPin is not null,
            u.CallRestrictionProfileId is { } profileId ? profiles.GetValueOrDefault(profileId) : null,
            u.PresentedNumber,
            numbers.Where(n => n.UserId == u.Id)
                .Select(n => new UserNumberDto(n.Id, n.E164, shorts.Where(s => s.NumberId == n.Id).Select(s => s.Digits).OrderBy(d => d.Length).ThenBy(d => d).ToList()))
                .ToList(),
            u.Version)).ToList();
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "SIP password of user {UserLogin} ({UserId}) renewed by {CallerLogin}")]
    private static partial void LogSipPasswordRenewed(ILogger logger, string callerLogin, string userLogin, int userId);
}
