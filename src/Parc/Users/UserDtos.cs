using Sophia.Model.Parc;

namespace Sophia.Parc.Users;

public sealed record UserNumberDto(int Id, string E164, IReadOnlyList<string> ShortNumbers);

/// <summary>A user as the API shows them: never their SIP password, console password hash or PIN (only whether one is set).</summary>
/// <param name="CallRestrictionProfile">The name of the client's call-restriction profile the user has, or null for none.</param>
public sealed record UserDto(
    int Id, int ClientId, int SiteId, string? Civility, string LastName, string? FirstName, string? Function,
    string? Email, string Language, string? Mobile, string? Description, string Login, AccountType AccountType,
    IReadOnlyList<UserServices> Services, string SipUsername, bool HasOutgoingPin, string? CallRestrictionProfile,
    string? PresentedNumber, IReadOnlyList<UserNumberDto> Numbers, long Version);

/// <summary>A user to create, or the fields of one to change (a field left null keeps its value; an empty string clears it).</summary>
/// <param name="Login">Generated from the names on creation when left out; never changed afterwards.</param>
/// <param name="CallRestrictionProfile">The name of one of the client's call-restriction profiles; empty for none.</param>
public sealed record UserInput(
    string? Civility, string? LastName, string? FirstName, string? Function, string? Email, string? Language,
    string? Mobile, string? Description, string? Login, string? Password, AccountType? AccountType,
    IReadOnlyList<UserServices>? Services, string? OutgoingPin, string? CallRestrictionProfile, string? PresentedNumber)
{
    /// <summary>
    /// The password the user has now, required when they change their own <see cref="Password"/>: a session left open
    /// (or stolen) is then not enough to take the account over. An administrator changing someone else's needs none.
    /// </summary>
    public string? CurrentPassword { get; init; }
}

/// <summary>A renewed SIP password, shown once to whoever renewed it; the user's phones get it on their next fetch.</summary>
public sealed record SipPasswordDto(string SipPassword, long Version);

/// <summary>A phone of the user, with its registration state as the last check saw it.</summary>
/// <param name="Mac">Display form, <c>00:15:65:98:8C:06</c>.</param>
/// <param name="Model">The catalog's model id (<c>yealink-t46s</c>); <paramref name="ModelName"/> is its display name.</param>
public sealed record UserEquipmentDto(string Mac, string Model, string ModelName, int? SiteId, string? SiteName, PhoneRegistrationDto Registration);

/// <param name="State"><c>registered</c>, <c>not-registered</c>, <c>unreachable</c>, or <c>unknown</c> when never checked.</param>
public sealed record PhoneRegistrationDto(string State, DateTimeOffset? Since, DateTimeOffset? CheckedAt);

/// <summary>The user's SIP line as a softphone or a technician needs it, without its password.</summary>
/// <param name="Aor">The address of record the line registers as, <c>username@domain</c>.</param>
public sealed record SipIdentityDto(
    string Username, string Domain, string Aor, SipRegistrarDto Registrar, IReadOnlyList<UserNumberDto> Numbers, string? PresentedNumber);

public sealed record SipRegistrarDto(string Host, int Port, SipTransport Transport);
