namespace Sophia.Registration.Registrar;

/// <summary>
/// An address-of-record as a registrar keys it: <c>user@domain</c>, or <c>user</c> alone when the registrar
/// ignores domains (Kamailio <c>use_domain=0</c>). Compared without case, as Kamailio does by default
/// (registrar <c>case_sensitive=0</c> lower-cases AORs). A user-only AOR matches that user in every domain.
/// </summary>
public readonly record struct SipAor
{
    public SipAor(string user, string? domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        User = user.Trim().ToLowerInvariant();
        Domain = string.IsNullOrWhiteSpace(domain) ? null : domain.Trim().ToLowerInvariant();
    }

    public string User { get; }

    public string? Domain { get; }

    /// <summary>The same AOR as a registrar without domains would key it.</summary>
    public SipAor WithoutDomain() => new(User, null);

    /// <summary>Parses <c>user@domain</c>, <c>user</c>, or either with a <c>sip:</c>/<c>sips:</c> prefix.</summary>
    public static SipAor Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var value = text.Trim();
        if (value.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[4..];
        }
        else if (value.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[5..];
        }
        var at = value.LastIndexOf('@');
        return at < 0 ? new SipAor(value, null) : new SipAor(value[..at], value[(at + 1)..]);
    }

    public override string ToString() => Domain is null ? User : $"{User}@{Domain}";
}
