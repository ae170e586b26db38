namespace Sophia.Model.Numbers;

/// <summary>An internal short number ("numéro abrégé"), unique within a client.</summary>
public sealed class ShortNumber
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public required string Digits { get; set; }

    /// <summary>The number it was derived from, for a user's short numbers (4xx, 4xxx).</summary>
    public int? NumberId { get; set; }
    public int? UserId { get; set; }
    public int? HuntGroupId { get; set; }

    /// <summary>For an external contact's short number (5xx).</summary>
    public int? ExternalContactId { get; set; }
    public Contacts.ExternalContact? ExternalContact { get; set; }

    /// <summary>For an external contact: this short number dials the contact's mobile, not their phone.</summary>
    public bool DialsMobile { get; set; }
}
