namespace Sophia.Registration.Sip;

public enum SipOutcomeKind
{
    /// <summary>A 2xx final response.</summary>
    Answered,

    /// <summary>A 3xx-6xx final response: something is alive at the contact, but it said no.</summary>
    Refused,

    /// <summary>No final response before Timer F (or the shorter timeout the caller gave).</summary>
    NoAnswer,

    /// <summary>The request could not be sent at all (unsupported transport, unresolvable host); see the reason.</summary>
    NotSent,
}

/// <summary>What became of one OPTIONS or NOTIFY.</summary>
public sealed record SipOutcome(SipOutcomeKind Kind, int? StatusCode, string? Reason, int Transmissions, TimeSpan Elapsed)
{
    /// <summary>The phone's SIP stack answered (with any final status): it is reachable at that contact.</summary>
    public bool GotResponse => Kind is SipOutcomeKind.Answered or SipOutcomeKind.Refused;

    public static SipOutcome FromFinal(int status, string? reason, int transmissions, TimeSpan elapsed) =>
        new(status is >= 200 and < 300 ? SipOutcomeKind.Answered : SipOutcomeKind.Refused, status, reason, transmissions, elapsed);

    public static SipOutcome NoAnswer(int transmissions, TimeSpan elapsed) =>
        new(SipOutcomeKind.NoAnswer, null, null, transmissions, elapsed);

    public static SipOutcome NotSent(string reason) => new(SipOutcomeKind.NotSent, null, reason, 0, TimeSpan.Zero);

    public override string ToString() => Kind switch
    {
        SipOutcomeKind.Answered or SipOutcomeKind.Refused => $"{Kind} {StatusCode} {Reason}".TrimEnd(),
        SipOutcomeKind.NoAnswer => $"NoAnswer after {Transmissions} transmissions in {Elapsed.TotalSeconds:0.#} s",
        _ => $"NotSent: {Reason}",
    };
}

/// <summary>
/// Where to send: the phone's Contact URI (the Request-URI), the AOR for the To header when known,
/// and Kamailio's <c>Received</c> source address when the registrar recorded one behind NAT
/// (then the datagram goes there, the Request-URI stays the contact).
/// </summary>
public sealed record SipTarget(string ContactUri, string? Aor = null, string? Received = null);

/// <summary>Sends the SIP requests Sophia needs to phones. Injectable; <see cref="SipUdpClient"/> is the implementation.</summary>
public interface ISipProbe
{
    /// <summary>
    /// OPTIONS to the contact: is a SIP stack answering there? Gives up after <paramref name="timeout"/> (capped at
    /// Timer F; null: Timer F) with <see cref="SipOutcomeKind.NoAnswer"/>. A sweep over many phones uses a shorter wait.
    /// </summary>
    Task<SipOutcome> SendOptionsAsync(SipTarget target, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>NOTIFY <c>Event: check-sync</c> (with <c>;reboot=true</c> when <paramref name="reboot"/>): re-provision.</summary>
    Task<SipOutcome> SendCheckSyncAsync(SipTarget target, bool reboot = false, CancellationToken cancellationToken = default);
}
