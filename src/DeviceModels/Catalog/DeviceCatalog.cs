using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Sophia.DeviceModels.Catalog;

/// <summary>Every phone model Sophia provisions, and lookups by id or by the names people and phones write.</summary>
public static class DeviceCatalog
{
    public static IReadOnlyList<DeviceModel> All { get; } = [.. YealinkCatalog.Models, .. PolycomCatalog.Models];

    private static readonly FrozenDictionary<string, DeviceModel> ById =
        All.ToFrozenDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, DeviceModel> ByCompactName =
        All.ToFrozenDictionary(m => Compact(m.Name, out _) ?? m.Id, StringComparer.Ordinal);

    /// <summary>The model with this <see cref="DeviceModel.Id"/> (any case).</summary>
    /// <exception cref="KeyNotFoundException">No model has that id.</exception>
    public static DeviceModel Get(string id) =>
        ById.TryGetValue(id, out var model)
            ? model
            : throw new KeyNotFoundException($"No device model has the id '{id}'. Known ids: {string.Join(", ", All.Select(m => m.Id))}.");

    /// <summary>
    /// Finds a model from how a CSV file, an API client or a person names it, in any case:
    /// the id (<c>yealink-t46s</c>), the name (<c>T46S</c>, <c>VVX 450</c>), with the vendor
    /// (<c>Yealink T46S</c>, <c>Polycom VVX 450</c>), Yealink's <c>SIP-T46S</c>, or with other separators
    /// (<c>VVX450</c>, <c>vvx-450</c>, <c>VVX_450</c>). A vendor that does not make the model finds nothing.
    /// </summary>
    public static bool TryFind(string? text, [NotNullWhen(true)] out DeviceModel? model)
    {
        model = null;
        if (text is null || Compact(text, out var vendor) is not { } key || !ByCompactName.TryGetValue(key, out var found))
        {
            return false;
        }
        if (vendor is not null && vendor != found.Vendor)
        {
            return false;
        }
        model = found;
        return true;
    }

    // "Yealink SIP-T46S" -> "t46s" (vendor Yealink); "vvx-450" -> "vvx450". Null when nothing is left or the text
    // holds a character no model name has.
    private static string? Compact(string text, out Vendor? vendor)
    {
        vendor = null;
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (length == buffer.Length)
                {
                    return null;
                }
                buffer[length++] = char.ToLowerInvariant(c);
            }
            else if (c is not (' ' or '-' or '_' or '.' or '\t'))
            {
                return null;
            }
        }
        ReadOnlySpan<char> key = buffer[..length];
        if (StripPrefix(ref key, "yealink"))
        {
            vendor = Vendor.Yealink;
        }
        else if (StripPrefix(ref key, "polycom") || StripPrefix(ref key, "poly"))
        {
            vendor = Vendor.Polycom;
        }
        if (vendor is null or Vendor.Yealink)
        {
            // Yealink names its phones "SIP-T46S" in firmware and on older boxes.
            StripPrefix(ref key, "sip");
        }
        return key.IsEmpty ? null : key.ToString();
    }

    private static bool StripPrefix(ref ReadOnlySpan<char> key, string prefix)
    {
        if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal))
        {
            key = key[prefix.Length..];
            return true;
        }
        return false;
    }
}
