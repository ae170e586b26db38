namespace Sophia.Parc.Accounts;

/// <summary><c>Sophia:Auth</c>: how often one may try to log in, and how long a session lasts.</summary>
public sealed class AuthOptions
{
    public const string Section = "Sophia:Auth";

    /// <summary>Login attempts accepted per source address and minute; more get 429.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a single-use code (the Hangfire dashboard's) may wait to be used.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether every helpdesk account must log in with a TOTP code: one without TOTP yet can then, after its password,
    /// only enrol (nothing else is open to it until it has).
    /// </summary>
    public bool RequireTotpForHelpdesk { get; set; }
}
