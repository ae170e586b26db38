using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;

namespace Sophia.Parc.Users;

/// <summary>
/// What a valid user is, in one place for a creation, an update and every row of an import: a name with a letter, a
/// login at the client's SIP domain that nobody holds, a language the phones speak, phone numbers, a PIN of digits, a
/// password long enough and one of the client's call-restriction profiles. Each check adds to the findings instead of
/// throwing, so that every error of a request (or of a file) is reported at once.
/// </summary>
internal sealed class UserChecks
{
    public static readonly IReadOnlyList<string> Languages = ["fr", "en"];

    private readonly SophiaDb db;
    private readonly Client client;
    private readonly IPasswordHasher<object> hasher;
    private List<CallRestrictionProfile>? profiles;

    private UserChecks(SophiaDb db, Client client, IPasswordHasher<object> hasher)
    {
        this.db = db;
        this.client = client;
        this.hasher = hasher;
        Logins = new LoginBook(db, client.SipDomain);
    }

    public LoginBook Logins { get; }

    public static async Task<UserChecks> ForClientAsync(SophiaDb db, IPasswordHasher<object> hasher, int clientId, CancellationToken ct) =>
        new(db, await db.Clients.AsNoTracking().FirstAsync(c => c.Id == clientId, ct), hasher);

    /// <summary>
    /// A new user of <paramref name="site"/> (not yet added to the database) from <paramref name="input"/>: the last name,
    /// the login chosen or generated (claimed for <paramref name="row"/> of a file, so no later row gets it), then every
    /// other field. A random SIP password; a console password only if the input gives one.
    /// </summary>
    public async Task<User> DraftAsync(Site site, UserInput input, Findings findings, int row, CancellationToken ct)
    {
        var known = findings.Errors.Count;
        var lastName = LastName(input.LastName ?? "", findings);
        var login = await LoginAsync(input, findings.Errors.Count == known ? lastName : null, findings, row, ct);
        var user = new User
        {
            ClientId = site.ClientId,
            SiteId = site.Id,
            LastName = lastName,
            Login = login,
            SipUsername = login.Contains('@', StringComparison.Ordinal) ? login[..login.IndexOf('@', StringComparison.Ordinal)] : login,
            SipPassword = SipPasswords.New(),
        };
        await ApplyAsync(user, input, findings, ct);
        return user;
    }

    /// <summary>The trimmed last name; one without a letter or digit (empty, <c>---</c>) is reported.</summary>
    public static string LastName(string lastName, Findings findings)
    {
        var trimmed = lastName.Trim();
        if (trimmed.Length == 0)
        {
            findings.Invalid(FieldError.Create("lastName", "lastName.required", "lastName is required."));
        }
        else if (trimmed.Length > TextLimits.Name)
        {
            findings.Invalid(CommonErrors.TooLong("lastName", TextLimits.Name));
        }
        else if (!trimmed.Any(char.IsLetterOrDigit))
        {
            findings.Invalid(FieldError.Create("lastName", "lastName.noLetter", "'{value}' is not a name: it needs at least one letter.", ("value", trimmed)));
        }
        return trimmed;
    }

    /// <summary>Sets every field <paramref name="input"/> gives except the last name and login, reporting each one that is wrong.</summary>
    public async Task ApplyAsync(User user, UserInput input, Findings findings, CancellationToken ct)
    {
        if (!Bounded(input, findings))
        {
            return;
        }
        user.Civility = input.Civility?.Trim() ?? user.Civility;
        user.FirstName = input.FirstName?.Trim() ?? user.FirstName;
        user.Function = input.Function?.Trim() ?? user.Function;
        user.Description = input.Description ?? user.Description;
        if (input.AccountType is { } accountType && !Enum.IsDefined(accountType))
        {
            findings.Invalid(CommonErrors.Undefined("accountType", accountType));
        }
        user.AccountType = input.AccountType ?? user.AccountType;
        if (input.Services is { } services)
        {
            foreach (var service in services.Where(s => !Enum.IsDefined(s)))
            {
                findings.Invalid(CommonErrors.Undefined("services", service));
            }
            user.Services = services.Aggregate(UserServices.None, (all, s) => all | s);
        }
        if (input.Email is { } email)
        {
            var trimmed = email.Trim();
            if (trimmed.Length > 0 && !MailAddress.TryCreate(trimmed, out _))
            {
                findings.Invalid(CommonErrors.NotEmail("email", email));
            }
            user.Email = trimmed.Length > 0 ? trimmed : null;
        }
        if (input.Language is { } language)
        {
            if (Languages.Contains(language))
            {
                user.Language = language;
            }
            else
            {
                findings.Invalid(FieldError.Create("language", "language.unsupported",
                    "'{value}' is not a language the phones and console speak: {languages}.", ("value", language), ("languages", Languages)));
            }
        }
        user.Mobile = PhoneNumber("mobile", input.Mobile, user.Mobile, findings);
        user.PresentedNumber = PhoneNumber("presentedNumber", input.PresentedNumber, user.PresentedNumber, findings);
        if (input.OutgoingPin is { } pin)
        {
            if (pin.Length > 0 && (pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit)))
            {
                findings.Invalid(FieldError.Create("outgoingPin", "outgoingPin.digits", "outgoingPin must be {min} to {max} digits.", ("min", 4), ("max", 8)));
            }
            user.OutgoingPin = pin.Length > 0 ? OutgoingPins.Hash(hasher, pin) : null;
        }
        if (input.CallRestrictionProfile is { } profileName)
        {
            user.CallRestrictionProfileId = await ProfileIdAsync(profileName.Trim(), findings, ct);
        }
        if (input.Password is { } password)
        {
            var refused = PasswordPolicy.Check("password", password, user.Login);
            foreach (var error in refused)
            {
                findings.Invalid(error);
            }
            if (refused.Count == 0 && findings.Errors.Count == 0)
            {
                // Hashing is slow on purpose: only for a change that is going to be saved.
                user.PasswordHash = hasher.HashPassword(new object(), password);
            }
        }
    }

    /// <summary>
    /// Whether every text of <paramref name="input"/> is within its limit (<see cref="TextLimits"/>); each one that is not
    /// is reported, and nothing else is checked then: the other checks would quote the oversized value.
    /// </summary>
    private static bool Bounded(UserInput input, Findings findings)
    {
        var errors = new List<FieldError>();
        TextLimits.Check(input.Civility?.Trim(), TextLimits.Civility, "civility", errors);
        TextLimits.Check(input.FirstName?.Trim(), TextLimits.Name, "firstName", errors);
        TextLimits.Check(input.Function?.Trim(), TextLimits.Name, "function", errors);
        TextLimits.Check(input.Description, TextLimits.Comment, "description", errors);
        TextLimits.Check(input.Email?.Trim(), TextLimits.Email, "email", errors);
        TextLimits.Check(input.Mobile, TextLimits.PhoneNumber, "mobile", errors);
        TextLimits.Check(input.PresentedNumber, TextLimits.PhoneNumber, "presentedNumber", errors);
        TextLimits.Check(input.Password, TextLimits.Password, "password", errors);
        TextLimits.Check(input.CallRestrictionProfile?.Trim(), TextLimits.ProfileName, "callRestrictionProfile", errors);
        foreach (var error in errors)
        {
            findings.Invalid(error);
        }
        return errors.Count == 0;
    }

    /// <summary>
    /// The login chosen (checked) or generated from the names (not from a <paramref name="lastName"/> already refused,
    /// null); reported when wrong, taken or impossible to make.
    /// </summary>
    private async Task<string> LoginAsync(UserInput input, string? lastName, Findings findings, int row, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(input.Login))
        {
            var login = input.Login.Trim().ToLowerInvariant();
            if (login.Length > TextLimits.Email)
            {
                findings.Invalid(CommonErrors.TooLong("login", TextLimits.Email));
                return "";
            }
            if (LoginProblem(login) is { } problem)
            {
                findings.Invalid(problem);
            }
            else if (await Logins.StoredAsync(login, ct))
            {
                findings.Conflict(FieldError.Create("login", "login.taken", "Login {login} is already taken.", ("login", login)));
            }
            else if (Logins.ClaimedOnRow(login) is { } earlier)
            {
                findings.Invalid(FieldError.Create("login", "login.repeated", "Login {login} is already on row {row} of this file.", ("login", login), ("row", earlier)));
            }
            Logins.Claim(login, row);
            return login;
        }
        if (lastName is null)
        {
            return "";
        }
        var generated = await Logins.GenerateAsync(lastName, input.FirstName?.Trim(), ct);
        if (generated is null)
        {
            findings.Invalid(FieldError.Create("login", "login.cannotGenerate",
                "No login can be made from '{name}' (it needs a Latin letter or a digit); give one in login.", ("name", $"{input.FirstName} {lastName}".Trim())));
            return "";
        }
        Logins.Claim(generated, row);
        return generated;
    }

    /// <summary>A login chosen by hand is still the SIP user of the line: user@the client's SIP domain, in characters SIP allows unescaped.</summary>
    private FieldError? LoginProblem(string login)
    {
        var at = login.IndexOf('@', StringComparison.Ordinal);
        var local = at < 0 ? login : login[..at];
        if (at < 0 || !string.Equals(login[(at + 1)..], client.SipDomain, StringComparison.OrdinalIgnoreCase))
        {
            return FieldError.Create("login", "login.domain", "'{login}' must be of the form name@{domain}, the client's SIP domain.",
                ("login", login), ("domain", client.SipDomain));
        }
        if (local.Length == 0 || !local.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return FieldError.Create("login", "login.characters", "The part before @ of '{login}' must be letters, digits, '.', '-' or '_'.", ("login", login));
        }
        return null;
    }

    /// <summary>The E.164 form of <paramref name="text"/>: null clears with an empty string, keeps <paramref name="current"/> when not given.</summary>
    private static string? PhoneNumber(string field, string? text, string? current, Findings findings)
    {
        if (text is null)
        {
            return current;
        }
        if (text.Length == 0)
        {
            return null;
        }
        if (E164.TryNormalize(text, out var e164, out var error))
        {
            return e164;
        }
        findings.Invalid(CommonErrors.NotPhoneNumber(field, error));
        return current;
    }

    /// <summary>The id of the client's profile named <paramref name="name"/> (its exact spelling first, else whatever the case); none for an empty name.</summary>
    private async Task<int?> ProfileIdAsync(string name, Findings findings, CancellationToken ct)
    {
        if (name.Length == 0)
        {
            return null;
        }
        profiles ??= await db.CallRestrictionProfiles.AsNoTracking().Where(p => p.ClientId == client.Id).OrderBy(p => p.Name).ToListAsync(ct);
        var profile = profiles.FirstOrDefault(p => p.Name == name) ?? profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (profile is null)
        {
            IReadOnlyList<string> known = profiles.Count == 0 ? ["none"] : [.. profiles.Select(p => p.Name)];
            findings.Invalid(FieldError.Create("callRestrictionProfile", "callRestrictionProfile.unknown",
                "The client has no call-restriction profile named {name} (its profiles: {profiles}).", ("name", name), ("profiles", known)));
            return null;
        }
        return profile.Id;
    }
}
