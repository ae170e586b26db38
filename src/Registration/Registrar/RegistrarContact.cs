namespace Sophia.Registration.Registrar;

/// <summary>One binding held by a registrar: an AOR bound to a phone's Contact URI.</summary>
/// <param name="Aor">The AOR as the registrar keys it: <c>user</c> or <c>user@domain</c>.</param>
/// <param name="Domain">Null when the registrar keys by user only.</param>
/// <param name="Expires">When the binding lapses; null for a permanent binding.</param>
/// <param name="Received">The source address the registrar saw (NAT), as a SIP URI, when it recorded one.</param>
/// <param name="Instance">The <c>+sip.instance</c> of RFC 5626, when the phone sent one.</param>
/// <param name="LastModified">When the registrar last refreshed the binding.</param>
public sealed record RegistrarContact(
    string Aor,
    string User,
    string? Domain,
    string ContactUri,
    DateTimeOffset? Expires,
    string? UserAgent,
    string? Received,
    double? Q = null,
    string? CallId = null,
    string? Instance = null,
    string? Socket = null,
    DateTimeOffset? LastModified = null)
{
    public SipAor Key => new(User, Domain);
}
