using Microsoft.Extensions.Options;

namespace Sophia.Provisioning.Rendering;

/// <summary>Provisioning settings, bound from <c>Sophia:Provisioning</c>.</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Sophia:Provisioning";

    /// <summary>
    /// An operator's directory of templates (<c>yealink/mac.cfg.sbn</c>, ...): at start, a file there that differs
    /// from the database's override of the same relative name is imported as that override. Empty: overrides come from
    /// the API only.
    /// </summary>
    public string? TemplateDirectory { get; set; }

    /// <summary>
    /// How often each node asks the database whether an override changed (one sum over a handful of rows), in
    /// seconds: the longest another node serves the previous template after a change.
    /// </summary>
    public int TemplatePollSeconds { get; set; } = 2;

    /// <summary>
    /// Where the built-in templates are; empty means <c>templates</c> next to the binaries, where the server's
    /// build copies them.
    /// </summary>
    public string? BuiltInTemplateDirectory { get; set; }

    /// <summary>
    /// The provisioning base URL phones are told to come back to and fetch their phonebook from, e.g.
    /// <c>https://prov.example.com/prov/</c>. Never with credentials in it: phones authenticate like for every file.
    /// </summary>
    public string? ServerUrl { get; set; }

    /// <summary>How often phones ask the server again for their configuration, in minutes (Yealink 1 to 43200).</summary>
    public int ResyncIntervalMinutes { get; set; } = 1440;

    public string NtpServer { get; set; } = "pool.ntp.org";

    /// <summary>
    /// Idle seconds before a phone with a lock code locks itself; 0 means it locks only when the user locks it.
    /// The same for every phone: the self-care pages ask for the code only.
    /// </summary>
    public int PhoneLockTimeoutSeconds { get; set; }

    /// <summary>IANA time zone of phones with no site (in a client's general stock).</summary>
    public string DefaultTimeZone { get; set; } = "Europe/Paris";

    /// <summary>Language of phones with no user (staging), as a user's language code.</summary>
    public string DefaultLanguage { get; set; } = "fr";
}

public sealed class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ServerUrl) && ProvisioningContext.CheckServerUrl(options.ServerUrl) is { } problem)
        {
            failures.Add($"Sophia:Provisioning:ServerUrl {problem}");
        }
        if (options.ResyncIntervalMinutes is < 1 or > 43200)
        {
            failures.Add("Sophia:Provisioning:ResyncIntervalMinutes must be 1..43200.");
        }
        if (options.TemplatePollSeconds is < 1 or > 300)
        {
            failures.Add("Sophia:Provisioning:TemplatePollSeconds must be 1..300.");
        }
        if (options.PhoneLockTimeoutSeconds is < 0 or > 3600)
        {
            failures.Add("Sophia:Provisioning:PhoneLockTimeoutSeconds must be 0..3600.");
        }
        if (string.IsNullOrWhiteSpace(options.NtpServer) || options.NtpServer.Any(char.IsWhiteSpace))
        {
            failures.Add("Sophia:Provisioning:NtpServer must be a host name or address.");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZone, out _))
        {
            failures.Add($"Sophia:Provisioning:DefaultTimeZone '{options.DefaultTimeZone}' is not a time zone of this system.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
