using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sophia.Registration.Kamailio;

/// <summary>
/// Makes a <see cref="KamailioRpcClient"/> for a given RPC URL (clients may be served by different registrars),
/// on pooled handlers from <see cref="IHttpClientFactory"/>.
/// </summary>
public sealed class KamailioRegistrars(
    IHttpClientFactory httpClients, IOptions<KamailioOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    public const string HttpClientName = "sophia-kamailio";

    /// <summary>The global default registrar (<c>Sophia:Registration:Kamailio:RpcUrl</c>), or null when none is configured.</summary>
    public KamailioRpcClient? Default => options.Value.RpcUrl is { } url ? Create(url) : null;

    public KamailioRpcClient Create(Uri rpcUrl) => Create(rpcUrl, options.Value.Table);

    /// <summary>A Kamailio other than the default one, whose registrar saves to <paramref name="table"/>; timeouts are the global ones.</summary>
    public KamailioRpcClient Create(Uri rpcUrl, string table)
    {
        var global = options.Value;
        var settings = new KamailioOptions { RpcUrl = rpcUrl, Table = table, LookupTimeout = global.LookupTimeout, DumpTimeout = global.DumpTimeout };
        return new(httpClients.CreateClient(HttpClientName), rpcUrl, settings, time, loggers.CreateLogger<KamailioRpcClient>());
    }
}
