namespace Sophia.Model.Parc;

/// <summary>A person of a client, on one site: a login for the console and, with fixed telephony, a SIP line.</summary>
public sealed class User : IVersioned
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public int SiteId { get; set; }
    public Site? Site { get; set; }

    public string? Civility { get; set; }
    public required string LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Function { get; set; }
    public string? Email { get; set; }
    public string Language { get; set; } = "fr";
    public string? Mobile { get; set; }
    public string? Description { get; set; }

    /// <summary>Unique across the operator, e.g. <c>cseldon@15rp.sewan.eu</c>.</summary>
    public required string Login { get; set; }
    public string? PasswordHash { get; set; }

    /// <summary>Failed console logins in a row (see <see cref="Accounts.LoginLockout"/>); a success sets it back to 0.</summary>
    public int FailedLogins { get; set; }

    /// <summary>Until when no console login of the user is even checked, after too many failures in a row.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public AccountType AccountType { get; set; } = AccountType.Individual;
    public UserServices Services { get; set; } = UserServices.FixedTelephony;

    /// <summary>SIP auth user of the user's line.</summary>
    public required string SipUsername { get; set; }

    /// <summary>Secret: only the phone and a helpdesk preview ever see it.</summary>
    public required string SipPassword { get; set; }

    /// <summary>Asked before every outgoing call when set; stored hashed, never readable back (<c>UserOperations.VerifyOutgoingPinAsync</c>).</summary>
    public string? OutgoingPin { get; set; }

    /// <summary>One of the client's call-restriction profiles; none means no restriction.</summary>
    public int? CallRestrictionProfileId { get; set; }
    public CallRestrictionProfile? CallRestrictionProfile { get; set; }

    /// <summary>Number shown to called parties: one of the user's numbers, or a free number.</summary>
    public string? PresentedNumber { get; set; }

    public long Version { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(FirstName) ? LastName : $"{FirstName} {LastName}";

    public List<FunctionKey> FunctionKeys { get; } = [];
}

public enum AccountType
{
    Individual,
    Admin,
}

[Flags]
public enum UserServices
{
    None = 0,
    FixedTelephony = 1,
    Mobile = 2,
    InstantMessaging = 4,
    Fax = 8,
    ConferenceBridge = 16,
}
