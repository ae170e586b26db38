namespace Sophia.Model.Contacts;

/// <summary>A client-wide contact outside the company, reachable by a 5xx short number.</summary>
public sealed class ExternalContact : IVersioned
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public required string LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Company { get; set; }

    /// <summary>The contact's function in their company ("Fonction").</summary>
    public string? JobTitle { get; set; }

    /// <summary>As the admin typed it, checked to be a phone number.</summary>
    public required string Phone { get; set; }

    /// <summary>As typed, checked; it may have a short number of its own.</summary>
    public string? Mobile { get; set; }
    public string? Email { get; set; }
    public long Version { get; set; }
}
