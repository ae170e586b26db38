namespace Sophia.Registration.Registrar;

public enum RegistrarStatus
{
    /// <summary>The registrar holds at least one live binding for the AOR.</summary>
    Registered,

    /// <summary>The registrar answered and holds no binding for the AOR.</summary>
    NotRegistered,

    /// <summary>The registrar could not be asked (down, timed out, garbled answer): it tells nothing.</summary>
    Unavailable,

    /// <summary>No registrar serves this device; only an OPTIONS probe can tell.</summary>
    NotConsulted,
}

/// <summary>What one registrar said about one AOR, and when.</summary>
/// <param name="Contacts">The live bindings, best first (see <see cref="Registered"/>); empty unless Registered.</param>
/// <param name="Error">Why the registrar was unavailable.</param>
public sealed record RegistrarObservation(RegistrarStatus Status, string? Source, IReadOnlyList<RegistrarContact> Contacts, string? Error)
{
    public static RegistrarObservation NotConsulted { get; } = new(RegistrarStatus.NotConsulted, null, [], null);

    /// <summary>
    /// A registered observation. Bindings are ordered best first: the most recently refreshed one, since a phone that
    /// re-registered last is the one that is there now (an AOR shared by two phones has two bindings).
    /// </summary>
    public static RegistrarObservation Registered(string source, IEnumerable<RegistrarContact> contacts)
    {
        var ordered = contacts.ToList();
        if (ordered.Count > 1)
        {
            ordered = [.. ordered
                .OrderByDescending(c => c.LastModified ?? DateTimeOffset.MinValue)
                .ThenByDescending(c => c.Expires ?? DateTimeOffset.MaxValue)];
        }
        return ordered.Count == 0
            ? NotRegistered(source)
            : new(RegistrarStatus.Registered, source, ordered, null);
    }

    public static RegistrarObservation NotRegistered(string source) => new(RegistrarStatus.NotRegistered, source, [], null);

    public static RegistrarObservation Unavailable(string source, string error) => new(RegistrarStatus.Unavailable, source, [], error);

    /// <summary>
    /// The binding that belongs to one phone: the one whose User-Agent carries its MAC (Yealink and Polycom
    /// put it there), else the best one.
    /// </summary>
    public RegistrarContact? ContactFor(string? mac)
    {
        if (Contacts.Count == 0)
        {
            return null;
        }
        if (!string.IsNullOrEmpty(mac))
        {
            var bare = new string(mac.Where(char.IsAsciiHexDigit).ToArray());
            var match = Contacts.FirstOrDefault(c => c.UserAgent is { } ua && bare.Length == 12
                && new string(ua.Where(char.IsAsciiHexDigit).ToArray()).Contains(bare, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }
        return Contacts[0];
    }
}
