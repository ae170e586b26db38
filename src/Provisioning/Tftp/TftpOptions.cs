using System.Net;
using Microsoft.Extensions.Options;

namespace Sophia.Provisioning.Tftp;

/// <summary>Settings of the TFTP server, bound from <c>Sophia:Tftp</c>.</summary>
public sealed class TftpOptions
{
    public const string SectionName = "Sophia:Tftp";

    public bool Enabled { get; set; } = true;

    /// <summary>UDP port of the request listener; 0 picks a free one (tests), see <see cref="TftpServer.LocalEndPoints"/>.</summary>
    public int Port { get; set; } = 69;

    /// <summary>
    /// Addresses to listen on. Empty (the default) means one dual-stack socket on <c>[::]</c> that also takes IPv4,
    /// or <c>0.0.0.0</c> where the host has no IPv6. Listed addresses each get their own socket, IPv6 ones
    /// IPv6-only so that <c>0.0.0.0</c> and <c>::</c> can be listed together.
    /// </summary>
    public IList<string> Addresses { get; set; } = [];

    public int MaxSessions { get; set; } = 1000;

    public int MaxSessionsPerAddress { get; set; } = 64;

    /// <summary>Retransmission timeout when the client does not ask for one with the timeout option.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxRetries { get; set; } = 5;

    /// <summary>
    /// Resends of the first answer (OACK or block 1) before the client has acknowledged anything. A read request's
    /// source may be spoofed, so each resend to a silent client is traffic sent to a victim; a real phone that lost the
    /// answer asks again. At most <see cref="MaxRetries"/>.
    /// </summary>
    public int FirstAnswerRetries { get; set; } = 1;

    /// <summary>A session with no progress for this long is reaped, whatever timeout the client asked for.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle sessions are looked for.</summary>
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class TftpOptionsValidator : IValidateOptions<TftpOptions>
{
    public ValidateOptionsResult Validate(string? name, TftpOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > ushort.MaxValue)
        {
            failures.Add($"Sophia:Tftp:Port must be 0..65535, not {options.Port}.");
        }

        foreach (var address in options.Addresses)
        {
            if (!IPAddress.TryParse(address, out _))
            {
                failures.Add($"Sophia:Tftp:Addresses has '{address}', which is not an IP address.");
            }
        }

        if (options.MaxSessions < 1)
        {
            failures.Add("Sophia:Tftp:MaxSessions must be at least 1.");
        }

        if (options.MaxSessionsPerAddress < 1 || options.MaxSessionsPerAddress > options.MaxSessions)
        {
            failures.Add("Sophia:Tftp:MaxSessionsPerAddress must be between 1 and MaxSessions.");
        }

        if (options.Timeout < TimeSpan.FromMilliseconds(10) || options.Timeout > TimeSpan.FromSeconds(255))
        {
            failures.Add("Sophia:Tftp:Timeout must be between 10 ms and 255 s.");
        }

        if (options.MaxRetries is < 0 or > 100)
        {
            failures.Add("Sophia:Tftp:MaxRetries must be 0..100.");
        }

        if (options.FirstAnswerRetries < 0 || options.FirstAnswerRetries > options.MaxRetries)
        {
            failures.Add("Sophia:Tftp:FirstAnswerRetries must be 0..MaxRetries.");
        }

        if (options.IdleTimeout <= options.Timeout)
        {
            failures.Add("Sophia:Tftp:IdleTimeout must be longer than Timeout.");
        }

        if (options.ReapInterval <= TimeSpan.Zero || options.ReapInterval > options.IdleTimeout)
        {
            failures.Add("Sophia:Tftp:ReapInterval must be positive and at most IdleTimeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
