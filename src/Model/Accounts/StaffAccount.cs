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
}

public enum Role
{
    User,
    ClientAdmin,
    Helpdesk,
}
