using Sophia.Model.Parc;

namespace Sophia.Model.Stock;

/// <summary>
/// Handset <see cref="Number"/> (2..N) of a DECT base and the user whose account it registers. Handset 1 is the base's
/// own user (<see cref="Equipment.UserId"/>), so that a base is assigned, moved and provisioned like any phone; a
/// handset with no row is free. Its changes are versioned through its base's <see cref="Equipment.Version"/>.
/// </summary>
public sealed class DectHandset
{
    public int Id { get; set; }

    public int EquipmentId { get; set; }
    public Equipment? Equipment { get; set; }

    /// <summary>2..the model's handset count; the base's account of the same number.</summary>
    public int Number { get; set; }

    public int UserId { get; set; }
    public User? User { get; set; }
}
