namespace Sophia.Model.Contacts;

/// <summary>A client-wide contact outside the company, reachable by a 5xx short number.</summary>
public sealed class ExternalContact : IVersioned
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public required string LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Company { get; set; }
    public required string Phone { get; set; }
    public string? Email { get; set; }
    public long Version { get; set; }
}
