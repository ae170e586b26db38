using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Numbers;
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

    private static async Task<Results<Ok<Paged<UserDto>>, EmptyHttpResult>> List(
        HttpContext http, SophiaDb db, int siteId, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        await Visible.SiteAsync(db, Caller.From(http.User), siteId, ct);
        var query = db.Users.AsNoTracking().Where(u => u.SiteId == siteId).OrderBy(u => u.LastName).ThenBy(u => u.FirstName);
        if (CsvDownload.Wanted(format))
        {
            var all = await ToDtos(db, await query.ToListAsync(ct), ct);
            return await CsvDownload.WriteAsync(http, all.Select(UserCsvRow.From), $"site-{siteId}-users.csv", ct);
        }
        var result = await query.ToPageAsync(new PageRequest(page, pageSize), ct);
        var dtos = await ToDtos(db, result.Items, ct);
        return TypedResults.Ok(new Paged<UserDto>(dtos, result.Page, result.PageSize, result.Total));
    }

    private static async Task<Ok<UserDto>> Get(HttpContext http, SophiaDb db, int userId, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, Caller.From(http.User), userId, self: true, ct);
        http.SetETag(user.Version);
        return TypedResults.Ok((await ToDtos(db, [user], ct))[0]);
    }

    private static async Task<Created<UserDto>> Create(HttpContext http, SophiaDb db, IPasswordHasher<object> hasher, int siteId, UserInput input, CancellationToken ct)
    {
        var site = await Visible.SiteAsync(db, Caller.From(http.User), siteId, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == site.ClientId, ct);
        var errors = new List<FieldError>();
        var lastName = CheckLastName(input.LastName ?? "", errors);
        var login = "";
        if (!string.IsNullOrWhiteSpace(input.Login))
        {
            login = input.Login.Trim().ToLowerInvariant();
            if (LoginProblem(login, client.SipDomain) is { } problem)
            {
                errors.Add(new FieldError("login", problem));
            }
        }
        else if (errors.Count == 0)
        {
            login = await GenerateLogin(db, lastName, input.FirstName, client.SipDomain, ct) ?? "";
            if (login.Length == 0)
            {
                errors.Add(new FieldError("login", $"No login can be made from '{input.FirstName} {lastName}' (it needs a Latin letter or a digit); give one in login."));
            }
        }
        var user = new User
        {
            ClientId = site.ClientId,
            SiteId = site.Id,
            LastName = lastName,
            Login = login,
            SipUsername = login.Contains('@', StringComparison.Ordinal) ? login[..login.IndexOf('@', StringComparison.Ordinal)] : login,
            SipPassword = NewSipPassword(),
        };
        Apply(hasher, user, input, errors);
        if (!string.IsNullOrWhiteSpace(input.Login) && await LoginTaken(db, login, ct))
        {
            throw new RuleViolationException("login", $"Login {login} is already taken.", RuleViolationKind.Conflict);
        }
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        http.SetETag(user.Version);
        return TypedResults.Created($"/api/v1/users/{user.Id}", (await ToDtos(db, [user], ct))[0]);
    }

    private static async Task<Ok<UserDto>> Update(HttpContext http, SophiaDb db, IPasswordHasher<object> hasher, int userId, UserInput input, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var user = await Visible.UserAsync(db, caller, userId, self: true, ct);
        db.Expect(user, http.IfMatch());
        if (!caller.CanManageClient(user.ClientId))
        {
            RefuseAdminOnlyFields(input);
        }
        if (input.Login is { } newLogin && !string.Equals(newLogin.Trim(), user.Login, StringComparison.OrdinalIgnoreCase))
        {
            throw new RuleViolationException("login", "A login cannot be changed once created: the SIP line and the phones depend on it.");
        }
        var errors = new List<FieldError>();
        if (input.LastName is not null)
        {
            user.LastName = CheckLastName(input.LastName, errors);
        }
        Apply(hasher, user, input, errors);
        await db.SaveChangesAsync(ct);
        http.SetETag(user.Version);
        return TypedResults.Ok((await ToDtos(db, [user], ct))[0]);
    }

    private static async Task<NoContent> Delete(HttpContext http, SophiaDb db, int userId, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, Caller.From(http.User), userId, self: false, ct);
        db.Expect(user, http.IfMatch());
        // The bulk statements below run at once; the transaction undoes them if the final save fails (a concurrent change).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
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
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>What a plain user may not change on their own account: each field sent is named in the answer.</summary>
    private static void RefuseAdminOnlyFields(UserInput input)
    {
        var refused = new List<FieldError>();
        void Refuse(object? value, string field, string what)
        {
            if (value is not null)
            {
                refused.Add(new FieldError(field, $"Only an administrator changes {what}."));
            }
        }
        Refuse(input.Login, "login", "a login");
        Refuse(input.AccountType, "accountType", "an account type");
        Refuse(input.Services, "services", "the services of a user");
        Refuse(input.CallRestrictionProfile, "callRestrictionProfile", "call restrictions");
        Refuse(input.PresentedNumber, "presentedNumber", "the number presented to called parties");
        if (refused.Count > 0)
        {
            throw new RuleViolationException(refused);
        }
    }

    /// <summary>Checks the fields the input sets, adding to <paramref name="errors"/>; throws with all of them if any.</summary>
    private static void Apply(IPasswordHasher<object> hasher, User user, UserInput input, List<FieldError> errors)
    {
        user.Civility = input.Civility?.Trim() ?? user.Civility;
        user.FirstName = input.FirstName?.Trim() ?? user.FirstName;
        user.Function = input.Function?.Trim() ?? user.Function;
        user.Description = input.Description ?? user.Description;
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
                errors.Add(CommonErrors.NotPhoneNumber("mobile", error));
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
                errors.Add(CommonErrors.NotPhoneNumber("presentedNumber", error));
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

    /// <summary>The trimmed last name; one without a letter or digit (empty, <c>---</c>) is added to <paramref name="errors"/>.</summary>
    private static string CheckLastName(string lastName, List<FieldError> errors)
    {
        var trimmed = lastName.Trim();
        if (!trimmed.Any(char.IsLetterOrDigit))
        {
            errors.Add(new FieldError("lastName", trimmed.Length == 0 ? "lastName is required." : $"'{trimmed}' is not a name: it needs at least one letter."));
        }
        return trimmed;
    }

    /// <summary>A login chosen by hand is still the SIP user of the line: user@the client's SIP domain, in characters SIP allows unescaped.</summary>
    private static string? LoginProblem(string login, string sipDomain)
    {
        var at = login.IndexOf('@', StringComparison.Ordinal);
        var local = at < 0 ? login : login[..at];
        if (at < 0 || login[(at + 1)..] != sipDomain)
        {
            return $"'{login}' must be of the form name@{sipDomain}, the client's SIP domain.";
        }
        if (local.Length == 0 || !local.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return $"The part before @ of '{login}' must be letters, digits, '.', '-' or '_'.";
        }
        return null;
    }

    /// <summary>The guide's login for these names, with a digit if it is taken; null when the names give no usable letter.</summary>
    private static async Task<string?> GenerateLogin(SophiaDb db, string lastName, string? firstName, string sipDomain, CancellationToken ct)
    {
        string baseLogin;
        try
        {
            baseLogin = LoginGenerator.Base(lastName, firstName, sipDomain);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var local = baseLogin[..baseLogin.IndexOf('@', StringComparison.Ordinal)];
        var similar = await db.Users.Where(u => u.Login.StartsWith(local)).Select(u => u.Login)
            .Concat(db.StaffAccounts.Where(a => a.Login.StartsWith(local)).Select(a => a.Login))
            .ToListAsync(ct);
        var taken = similar.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return LoginGenerator.Unique(lastName, firstName, sipDomain, taken.Contains);
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
            u.SipUsername, u.OutgoingPin is not null, u.CallRestrictionProfile?.Name, u.PresentedNumber,
            numbers.Where(n => n.UserId == u.Id)
                .Select(n => new UserNumberDto(n.Id, n.E164, shorts.Where(s => s.NumberId == n.Id).Select(s => s.Digits).OrderBy(d => d.Length).ThenBy(d => d).ToList()))
                .ToList(),
            u.Version)).ToList();
    }
}
