namespace Sophia.Model.Accounts;

/// <summary>
/// A bearer token issued at login. Only its SHA-256 is stored, so a database dump gives no usable token;
/// tokens live in the database so that any node of a cluster accepts them and they can be revoked.
/// </summary>
public sealed class AccessToken
{
    public int Id { get; set; }
    public required byte[] TokenHash { get; set; }
    public Role Role { get; set; }
    public int? ClientId { get; set; }
    public int? UserId { get; set; }
    public int? StaffAccountId { get; set; }
    public required string Login { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
