namespace Sophia.Model.Telephony;

/// <summary>An audio file of a client used as ring-back, hold or busy music.</summary>
public sealed class Music
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsDefault { get; set; }
}
