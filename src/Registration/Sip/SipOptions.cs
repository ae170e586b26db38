namespace Sophia.Registration.Sip;

/// <summary>Settings of the SIP UDP client, section <c>Sophia:Registration:Sip</c>.</summary>
public sealed class SipOptions
{
    public const string Section = "Sophia:Registration:Sip";

    /// <summary>Local address to bind; <c>0.0.0.0</c> (any IPv4) by default, <c>::</c> for dual-stack.</summary>
    public string LocalAddress { get; set; } = "0.0.0.0";

    /// <summary>Local UDP port; 0 lets the system choose one.</summary>
    public int LocalPort { get; set; }

    /// <summary>
    /// Host put in Via and Contact. When unset: the bound address, or if bound to "any", the address the system would
    /// use to reach the phone (so a phone on another network gets an address it can answer to).
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>User part of From and Contact.</summary>
    public string User { get; set; } = "sophia";

    public string UserAgent { get; set; } = "Sophia";

    public TimeSpan T1 { get; set; } = SipTimers.Default.T1;

    public TimeSpan T2 { get; set; } = SipTimers.Default.T2;

    /// <summary>Timer F: how long to wait for a final response, retransmissions included. At most 64*T1 (§17.1.2.2).</summary>
    public TimeSpan TransactionTimeout { get; set; } = SipTimers.Default.TimerF;

    public SipTimers Timers => new(T1, T2, TransactionTimeout);

    internal IEnumerable<string> Validate()
    {
        if (!System.Net.IPAddress.TryParse(LocalAddress, out _))
        {
            yield return $"{Section}:LocalAddress '{LocalAddress}' is not an IP address.";
        }
        if (LocalPort is < 0 or > 65535)
        {
            yield return $"{Section}:LocalPort {LocalPort} is not a port.";
        }
        if (T1 <= TimeSpan.Zero || T2 < T1)
        {
            yield return $"{Section}: T1 must be positive and T2 at least T1.";
        }
        if (TransactionTimeout <= TimeSpan.Zero || TransactionTimeout > 64 * T1)
        {
            yield return $"{Section}:TransactionTimeout must be positive and at most 64*T1.";
        }
        if (string.IsNullOrWhiteSpace(User) || User.Any(c => char.IsWhiteSpace(c) || c is '@' or ':' or ';' or '<' or '>'))
        {
            yield return $"{Section}:User must be a plain SIP user part.";
        }
    }
}
