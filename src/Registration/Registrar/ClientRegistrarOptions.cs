namespace Sophia.Registration.Registrar;

/// <summary>
/// Which registrar serves which client, section <c>Sophia:Registration:Clients</c>, keyed by the client's SIP domain
/// (<c>Sophia:Registration:Clients:15rp.sewan.eu:RpcUrl</c>). A client without an entry is served by the global
/// default: the Kamailio of <c>Sophia:Registration:Kamailio:RpcUrl</c> when set, else the OPTIONS probe alone.
/// </summary>
public sealed class RegistrarSelectionOptions
{
    public const string Section = "Sophia:Registration";
    public const string ClientsSection = Section + ":Clients";

    /// <summary>By SIP domain, compared without case as the AORs are.</summary>
    public Dictionary<string, ClientRegistrarOptions> Clients { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal IEnumerable<string> Validate()
    {
        foreach (var (domain, client) in Clients)
        {
            var key = $"{ClientsSection}:{domain}";
            if (Uri.CheckHostName(domain) == UriHostNameType.Unknown)
            {
                yield return $"{key}: '{domain}' is not a SIP domain (a host name such as 15rp.sewan.eu).";
            }
            foreach (var error in client.Validate(key))
            {
                yield return error;
            }
        }
    }
}

/// <summary>The registrar of one client: its own Kamailio (<see cref="RpcUrl"/>), or none (<c>Source=options</c>).</summary>
public sealed class ClientRegistrarOptions
{
    public const string KamailioSource = "kamailio";
    public const string OptionsSource = "options";

    /// <summary><c>kamailio</c> (implied by <see cref="RpcUrl"/>) or <c>options</c>: no registrar, even when a global one is set.</summary>
    public string? Source { get; set; }

    /// <summary>The client's Kamailio JSON-RPC endpoint, e.g. <c>http://127.0.0.1:5081/RPC</c>.</summary>
    public Uri? RpcUrl { get; set; }

    /// <summary>The usrloc table of that Kamailio; unset: <c>Sophia:Registration:Kamailio:Table</c>.</summary>
    public string? Table { get; set; }

    /// <summary>Whether the client is served by no registrar, only by OPTIONS probes.</summary>
    public bool OptionsOnly => string.Equals(Source?.Trim(), OptionsSource, StringComparison.OrdinalIgnoreCase);

    internal IEnumerable<string> Validate(string key)
    {
        var source = Source?.Trim();
        if (source is not null && !source.Equals(KamailioSource, StringComparison.OrdinalIgnoreCase) && !OptionsOnly)
        {
            yield return $"{key}:Source must be {KamailioSource} or {OptionsSource}, not '{Source}'.";
            yield break;
        }
        if (OptionsOnly)
        {
            if (RpcUrl is not null || Table is not null)
            {
                yield return $"{key}: Source={OptionsSource} means no registrar; remove RpcUrl and Table, or drop Source to use that Kamailio.";
            }
            yield break;
        }
        if (RpcUrl is null)
        {
            yield return $"{key}:RpcUrl is required (the client's Kamailio, e.g. http://127.0.0.1:5081/RPC), or set {key}:Source={OptionsSource}.";
        }
        else if (!RpcUrl.IsAbsoluteUri || RpcUrl.Scheme is not ("http" or "https"))
        {
            yield return $"{key}:RpcUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:5081/RPC.";
        }
        else if (RpcUrl.UserInfo.Length > 0)
        {
            // Kamailio's xhttp has no authentication to give them to, and a URL is logged and shown to the helpdesk.
            yield return $"{key}:RpcUrl must not carry credentials; keep Kamailio's RPC on a private address instead.";
        }
        if (Table is not null && string.IsNullOrWhiteSpace(Table))
        {
            yield return $"{key}:Table must name a usrloc table.";
        }
    }
}
