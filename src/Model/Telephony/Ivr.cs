namespace Sophia.Model.Telephony;

/// <summary>An interactive voice response menu ("SVI"); its call flow comes with the telephony services.</summary>
public sealed class Ivr
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public int SiteId { get; set; }
    public required string Name { get; set; }
}
