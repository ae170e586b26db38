namespace Sophia.Model.Contacts;

/// <summary>A contact of one user's own phonebook.</summary>
public sealed class PersonalContact : IVersioned
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public string? Civility { get; set; }
    public required string LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Company { get; set; }
    public string? JobTitle { get; set; }
    public required string Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }
    public long Version { get; set; }
}
