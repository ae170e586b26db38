using System.Collections.Frozen;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// A user's language code to the phone's language names. Yealink <c>lang.gui</c>/<c>lang.wui</c> names from the
/// reference notes (§2.1.11); Polycom <c>lcl.ml.lang</c> names as Wazo's plugin writes them.
/// </summary>
public static class Languages
{
    private static readonly FrozenDictionary<string, LanguageSetting> ByCode = new LanguageSetting[]
    {
        new("fr", "French", "French_France"),
        new("en", "English", "English_United_States"),
        new("de", "German", "German_Germany"),
        new("es", "Spanish", "Spanish_Spain"),
        new("it", "Italian", "Italian_Italy"),
        new("nl", null, "Dutch_Netherlands"),
        new("pl", "Polish", null),
        new("pt", "Portuguese", null),
        new("tr", "Turkish", null),
        new("ru", "Russian", null),
    }.ToFrozenDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The setting for a code such as <c>fr</c> or <c>fr-FR</c> (the region is not used); vendor names are null
    /// for a language the vendor lacks, and the phone keeps its own.
    /// </summary>
    public static LanguageSetting For(string code)
    {
        var primary = code.Split('-', '_')[0].Trim().ToLowerInvariant();
        return ByCode.TryGetValue(primary, out var setting) ? setting : new LanguageSetting(primary, null, null);
    }
}
