namespace Sophia.Registration.Kamailio;

/// <summary>The global default registrar, section <c>Sophia:Registration:Kamailio</c>.</summary>
public sealed class KamailioOptions
{
    public const string Section = "Sophia:Registration:Kamailio";

    /// <summary>
    /// Kamailio's JSON-RPC endpoint (jsonrpcs module over xhttp), e.g. <c>http://127.0.0.1:5080/RPC</c>.
    /// Unset: no global registrar.
    /// </summary>
    public Uri? RpcUrl { get; set; }

    /// <summary>The usrloc table the registrar saves to (<c>save("location")</c>).</summary>
    public string Table { get; set; } = "location";

    /// <summary>Bound on one <c>ul.lookup</c>.</summary>
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound on a whole <c>ul.dump</c>, body included (Kamailio builds it in memory, then sends it).</summary>
    public TimeSpan DumpTimeout { get; set; } = TimeSpan.FromMinutes(2);

    internal IEnumerable<string> Validate()
    {
        if (RpcUrl is not null && (!RpcUrl.IsAbsoluteUri || RpcUrl.Scheme is not ("http" or "https")))
        {
            yield return $"{Section}:RpcUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:5080/RPC.";
        }
        else if (RpcUrl is { UserInfo.Length: > 0 })
        {
            // Kamailio's xhttp has no authentication to give them to, and a URL is logged and shown to the helpdesk.
            yield return $"{Section}:RpcUrl must not carry credentials; keep Kamailio's RPC on a private address instead.";
        }
        if (string.IsNullOrWhiteSpace(Table))
        {
            yield return $"{Section}:Table must name a usrloc table.";
        }
        if (LookupTimeout <= TimeSpan.Zero || DumpTimeout <= TimeSpan.Zero)
        {
            yield return $"{Section}: timeouts must be positive.";
        }
    }
}
