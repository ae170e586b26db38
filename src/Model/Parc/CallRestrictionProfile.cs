namespace Sophia.Model.Parc;

/// <summary>
/// A client's named set of calls its users may place ("profil de restrictions d'appels"): users pick one from the
/// client's list. Emergency numbers are always allowed and are not a category here.
/// </summary>
public sealed class CallRestrictionProfile : IVersioned
{
    public int Id { get; set; }
    public int ClientId { get; set; }

    /// <summary>Unique within the client, e.g. <c>National</c>.</summary>
    public required string Name { get; set; }
    public string? Description { get; set; }

    public CallCategories Allowed { get; set; } = CallCategories.All;

    public long Version { get; set; }
}

/// <summary>The kinds of outgoing calls a restriction profile allows.</summary>
[Flags]
public enum CallCategories
{
    None = 0,

    /// <summary>Short numbers and the client's own users.</summary>
    Internal = 1,

    /// <summary>Geographic and non-geographic numbers of the user's country.</summary>
    National = 2,

    /// <summary>Mobile numbers of the user's country.</summary>
    Mobile = 4,

    /// <summary>Numbers of other countries.</summary>
    International = 8,

    /// <summary>Premium-rate and special-service numbers ("numéros surtaxés").</summary>
    Premium = 16,

    All = Internal | National | Mobile | International | Premium,
}
