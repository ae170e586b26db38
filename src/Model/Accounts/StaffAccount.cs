namespace Sophia.Model.Accounts;

/// <summary>
/// A console login that is not one of a client's users: an operator helpdesk agent (every client)
/// or a client administrator (one client). Users log in with their own login and role User
/// (or ClientAdmin when their account type is Admin).
/// </summary>
public sealed class StaffAccount
{
    public int Id { get; set; }
    public required string Login { get; set; }
    public required string PasswordHash { get; set; }
    public Role Role { get; set; }
    public int? ClientId { get; set; }

    /// <summary>A disabled account cannot log in, and its tokens stop working at once.</summary>
    public bool Disabled { get; set; }

    /// <summary>Failed logins in a row (see <see cref="LoginLockout"/>); a success sets it back to 0.</summary>
    public int FailedLogins { get; set; }

    /// <summary>Until when no login of the account is even checked, after too many failures in a row.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// Secret: the TOTP key (base32), set at enrolment and used once <see cref="TotpEnabled"/>. Never in a response
    /// after the enrolment's own, nor in a log or an export.
    /// </summary>
    public string? TotpSecret { get; set; }

    /// <summary>Whether logins need a TOTP code: true once the enrolment was confirmed by a first valid code.</summary>
    public bool TotpEnabled { get; set; }

    /// <summary>The time step of the last code accepted, so that no code (nor an earlier one) is used twice.</summary>
    public long? TotpLastStep { get; set; }
}

public enum Role
{
    User,
    ClientAdmin,
    Helpdesk,
}
