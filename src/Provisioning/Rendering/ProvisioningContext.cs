using Microsoft.Extensions.Options;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// What a render needs besides the parc: the server's own base URL (written into configs for re-checks and the
/// phonebook, never with credentials), operator-wide defaults and the current time (which year's DST dates apply).
/// </summary>
public sealed record ProvisioningContext
{
    private readonly Uri serverUrl = new("http://localhost/prov/");

    /// <summary>Absolute http(s) URL ending with <c>/</c>, without user info, query or fragment.</summary>
    public required Uri ServerUrl
    {
        get => serverUrl;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (CheckServerUrl(value.OriginalString) is { } problem)
            {
                throw new ArgumentException($"Server URL {problem}", nameof(value));
            }
            serverUrl = value.AbsoluteUri.EndsWith('/') ? value : new Uri(value.AbsoluteUri + "/");
        }
    }

    public required DateTimeOffset Now { get; init; }

    public string NtpServer { get; init; } = "pool.ntp.org";

    public int ResyncIntervalMinutes { get; init; } = 1440;

    public int PhoneLockTimeoutSeconds { get; init; }

    public string DefaultTimeZone { get; init; } = "Europe/Paris";

    public string DefaultLanguage { get; init; } = "fr";

    /// <summary>Why <paramref name="url"/> cannot be the server URL written into configs, or null when it can.</summary>
    public static string? CheckServerUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"'{url}' must be an absolute http or https URL.";
        }
        // Phones write the URL into their own configuration and logs: a password there leaks.
        if (uri.UserInfo.Length > 0)
        {
            return "must not carry credentials; phones authenticate with HTTP digest.";
        }
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return "must not have a query or fragment; file names are appended to it.";
        }
        return null;
    }
}

/// <summary>Builds the <see cref="ProvisioningContext"/> of a request from the options and the clock.</summary>
public sealed class ProvisioningContextFactory(IOptionsMonitor<ProvisioningOptions> options, TimeProvider time)
{
    /// <summary>
    /// The context for a render now. <c>Sophia:Provisioning:ServerUrl</c> wins; otherwise
    /// <paramref name="requestBaseUrl"/> (the base the HTTP layer was reached at) is used.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither is given.</exception>
    public ProvisioningContext Create(Uri? requestBaseUrl = null)
    {
        var current = options.CurrentValue;
        var url = !string.IsNullOrWhiteSpace(current.ServerUrl) ? new Uri(current.ServerUrl)
            : requestBaseUrl ?? throw new InvalidOperationException(
                "Sophia:Provisioning:ServerUrl is not set and no request base URL was given: configs need the server's URL.");
        return new ProvisioningContext
        {
            ServerUrl = url,
            Now = time.GetUtcNow(),
            NtpServer = current.NtpServer,
            ResyncIntervalMinutes = current.ResyncIntervalMinutes,
            PhoneLockTimeoutSeconds = current.PhoneLockTimeoutSeconds,
            DefaultTimeZone = current.DefaultTimeZone,
            DefaultLanguage = current.DefaultLanguage,
        };
    }
}
