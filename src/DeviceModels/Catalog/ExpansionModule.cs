namespace Sophia.DeviceModels.Catalog;

/// <summary>
/// A key expansion module a phone accepts (Yealink EXP40, EXP43, EXP50; Poly VVX EM50, VVX Color Expansion Module).
/// </summary>
/// <param name="Name">The vendor's name for the module, e.g. <c>EXP43</c>.</param>
/// <param name="KeysPerModule">
/// Programmable keys on one module, all pages included, because that is how the configuration addresses them
/// (Yealink <c>expansion_module.X.key.Y</c>, Y = 1..KeysPerModule).
/// </param>
/// <param name="MaxModules">How many of them can be daisy-chained on one phone.</param>
public sealed record ExpansionModule(string Name, int KeysPerModule, int MaxModules)
{
    /// <summary>Keys available when the phone carries the most modules it can.</summary>
    public int MaxKeys => KeysPerModule * MaxModules;
}
