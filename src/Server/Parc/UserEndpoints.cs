using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public sealed record UserNumberDto(int Id, string E164, IReadOnlyList<string> ShortNumbers);

public sealed record UserDto(
    int Id, int ClientId, int SiteId, string? Civility, string LastName, string? FirstName, string? Function,
    string? Email, string Language, string? Mobile, string? Description, string Login, AccountType AccountType,
    IReadOnlyList<UserServices> Services, string SipUsername, bool HasOutgoingPin, string? CallRestrictionProfile,
    string? PresentedNumber, IReadOnlyList<UserNumberDto> Numbers, long Version);

public sealed record UserInput(
    string? Civility, string? LastName, string? FirstName, string? Function, string? Email, string? Language,
    string? Mobile, string? Description, string? Login, string? Password, AccountType? AccountType,
    IReadOnlyList<UserServices>? Services, string? OutgoingPin, string? CallRestrictionProfile, string? PresentedNumber);

public static class UserEndpoints
{
    public static void MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("").WithTags("Users");
        users.MapGet("/sites/{siteId:int}/users", List).RequireAuthorization(Roles.ClientAdmin);
        users.MapPost("/sites/{siteId:int}/users", Create).RequireAuthorization(Roles.ClientAdmin);
        users.MapGet("/users/{userId:int}", Get).RequireAuthorization();
        users.MapPut("/users/{userId:int}", Update).RequireAuthorization();
        users.MapDelete("/users/{userId:int}", Delete).RequireAuthorization(Roles.ClientAdmin);
    }

    private static async Task<Ok<Paged<UserDto>>> List(HttpContext http, SophiaDb db, int siteId, int? page, int? pageSize, CancellationToken ct)
    {
        await Access.SiteAsync(db, Caller.From(http.User), siteId, ct);
        var result = await db.Users.AsNoTracking().Where(u => u.SiteId == siteId)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ToPageAsync(page, pageSize, ct);
        var dtos = await ToDtos(db, result.Items, ct);
        return TypedResults.Ok(new Paged<UserDto>(dtos, result.Page, result.PageSize, result.Total));
    }

    private static async Task<Ok<UserDto>> Get(HttpContext http, SophiaDb db, int userId, CancellationToken ct)
    {
        var user = await Access.UserAsync(db, Caller.From(http.User), userId, self: true, ct);
        http.SetETag(user);
        return TypedResults.Ok((await ToDtos(db, [user], ct))[0]);
    }

    private static async Task<Created<UserDto>> Create(HttpContext http, SophiaDb db, IPasswordHasher<object> hasher, int siteId, UserInput input, CancellationToken ct)
    {
        var site = await Access.SiteAsync(db, Caller.From(http.User), siteId, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == site.ClientId, ct);
        if (string.IsNullOrWhiteSpace(input.LastName))
        {
            throw new RuleViolationException("lastName", "lastName is required.");
        }
        string login;
        if (!string.IsNullOrWhiteSpace(input.Login))
        {
            login = input.Login.Trim().ToLowerInvariant();
            if (await LoginTaken(db, login, ct))
            {
                throw new RuleViolationException("login", $"Login {login} is already taken.", RuleViolationKind.Conflict);
            }
        }
        else
        {
            var baseLogin = LoginGenerator.Base(input.LastName, input.FirstName, client.SipDomain);
            var local = baseLogin[..baseLogin.IndexOf('@', StringComparison.Ordinal)];
            var similar = await db.Users.Where(u => u.Login.StartsWith(local)).Select(u => u.Login)
                .Concat(db.StaffAccounts.Where(a => a.Login.StartsWith(local)).Select(a => a.Login))
                .ToListAsync(ct);
            var taken = similar.ToHashSet(StringComparer.OrdinalIgnoreCase);
            login = LoginGenerator.Unique(input.LastName, input.FirstName, client.SipDomain, taken.Contains);
        }
        var user = new User
        {
            ClientId = site.ClientId,
            SiteId = site.Id,
            LastName = input.LastName.Trim(),
            Login = login,
            SipUsername = login[..login.IndexOf('@', StringComparison.Ordinal)],
            SipPassword = NewSipPassword(),
        };
        Apply(hasher, user, input);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        http.SetETag(user);
        return TypedResults.Created($"/api/v1/users/{user.Id}", (await ToDtos(db, [user], ct))[0]);
    }

    private static async Task<Ok<UserDto>> Update(HttpContext http, SophiaDb db, IPasswordHasher<object> hasher, int userId, UserInput input, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var user = await Access.UserAsync(db, caller, userId, self: true, ct);
        http.CheckIfMatch(db, user);
        if (!caller.CanManageClient(user.ClientId) && (input.AccountType is not null || input.Services is not null || input.Login is not null || input.CallRestrictionProfile is not null))
        {
            throw new RuleViolationException("accountType", "Only an administrator changes a user's login, account type, services or call restrictions.");
        }
        if (input.Login is { } newLogin && !string.Equals(newLogin.Trim(), user.Login, StringComparison.OrdinalIgnoreCase))
        {
            throw new RuleViolationException("login", "A login cannot be changed once created: the SIP line and the phones depend on it.");
        }
        if (input.LastName is not null)
        {
            user.LastName = string.IsNullOrWhiteSpace(input.LastName) ? throw new RuleViolationException("lastName", "lastName cannot be empty.") : input.LastName.Trim();
        }
        Apply(hasher, user, input);
        await db.SaveChangesAsync(ct);
        http.SetETag(user);
        return TypedResults.Ok((await ToDtos(db, [user], ct))[0]);
    }

    private static async Task<NoContent> Delete(HttpContext http, SophiaDb db, int userId, CancellationToken ct)
    {
        var user = await Access.UserAsync(db, Caller.From(http.User), userId, self: false, ct);
        http.CheckIfMatch(db, user);
        var numbers = await db.Numbers.Where(n => n.UserId == userId).ToListAsync(ct);
        foreach (var number in numbers)
        {
            await NumberAssignments.UnassignAsync(db, number, ct);
        }
        // The user's phones go back to the site stock; their credentials stop being served at once.
        await db.Equipment.Where(e => e.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(e => e.UserId, (int?)null).SetProperty(e => e.Version, e => e.Version + 1), ct);
        await db.AccessTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static void Apply(IPasswordHasher<object> hasher, User user, UserInput input)
    {
        var errors = new List<FieldError>();
        user.Civility = input.Civility?.Trim() ?? user.Civility;
        user.FirstName = input.FirstName?.Trim() ?? user.FirstName;
        user.Function = input.Function?.Trim() ?? user.Function;
        user.Description = input.Description ?? user.Description;
        user.CallRestrictionProfile = input.CallRestrictionProfile ?? user.CallRestrictionProfile;
        user.AccountType = input.AccountType ?? user.AccountType;
        if (input.Email is { } email)
        {
            if (email.Length > 0 && !MailAddress.TryCreate(email.Trim(), out _))
            {
                errors.Add(new FieldError("email", $"'{email}' is not an e-mail address."));
            }
            user.Email = email.Length > 0 ? email.Trim() : null;
        }
        if (input.Language is { } language)
        {
            if (language is "fr" or "en")
            {
                user.Language = language;
            }
            else
            {
                errors.Add(new FieldError("language", $"'{language}' is not a language the phones and console speak: fr or en."));
            }
        }
        if (input.Mobile is { } mobile)
        {
            if (mobile.Length == 0)
            {
                user.Mobile = null;
            }
            else if (E164.TryNormalize(mobile, out var e164, out var error))
            {
                user.Mobile = e164;
            }
            else
            {
                errors.Add(new FieldError("mobile", error));
            }
        }
        if (input.Services is { } services)
        {
            user.Services = services.Aggregate(UserServices.None, (all, s) => all | s);
        }
        if (input.Password is { } password)
        {
            if (password.Length < 8)
            {
                errors.Add(new FieldError("password", "password needs at least 8 characters."));
            }
            else
            {
                user.PasswordHash = hasher.HashPassword(new object(), password);
            }
        }
        if (input.OutgoingPin is { } pin)
        {
            if (pin.Length == 0)
            {
                user.OutgoingPin = null;
            }
            else if (pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit))
            {
                errors.Add(new FieldError("outgoingPin", "outgoingPin must be 4 to 8 digits."));
            }
            else
            {
                user.OutgoingPin = pin;
            }
        }
        if (input.PresentedNumber is { } presented)
        {
            if (presented.Length == 0)
            {
                user.PresentedNumber = null;
            }
            else if (!E164.TryNormalize(presented, out var e164, out var error))
            {
                errors.Add(new FieldError("presentedNumber", error));
            }
            else
            {
                user.PresentedNumber = e164;
            }
        }
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }

    private static async Task<bool> LoginTaken(SophiaDb db, string login, CancellationToken ct) =>
        await db.Users.AnyAsync(u => u.Login == login, ct) || await db.StaffAccounts.AnyAsync(a => a.Login == login, ct);

    /// <summary>A line password nobody types: 24 characters from 62, about 143 bits.</summary>
    public static string NewSipPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24);

    public static async Task<List<UserDto>> ToDtos(SophiaDb db, IReadOnlyList<User> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var numbers = await db.Numbers.AsNoTracking().Where(n => n.UserId != null && ids.Contains(n.UserId.Value)).OrderBy(n => n.E164).ToListAsync(ct);
        var numberIds = numbers.Select(n => n.Id).ToList();
        var shorts = await db.ShortNumbers.AsNoTracking().Where(s => s.NumberId != null && numberIds.Contains(s.NumberId.Value)).ToListAsync(ct);
        return users.Select(u => new UserDto(
            u.Id, u.ClientId, u.SiteId, u.Civility, u.LastName, u.FirstName, u.Function, u.Email, u.Language, u.Mobile,
            u.Description, u.Login, u.AccountType,
            Enum.GetValues<UserServices>().Where(s => s != UserServices.None && u.Services.HasFlag(s)).ToList(),
            u.SipUsername, u.OutgoingPin is not null, u.CallRestrictionProfile, u.PresentedNumber,
            numbers.Where(n => n.UserId == u.Id)
                .Select(n => new UserNumberDto(n.Id, n.E164, shorts.Where(s => s.NumberId == n.Id).Select(s => s.Digits).OrderBy(d => d.Length).ThenBy(d => d).ToList()))
                .ToList(),
            u.Version)).ToList();
    }
}
