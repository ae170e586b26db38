using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sophia.Registration.Registrar;

namespace Sophia.Registration.Kamailio;

/// <summary>
/// Kamailio as a registrar source, over JSON-RPC 2.0 (jsonrpcs module, HTTP transport through xhttp):
/// <c>ul.dump</c> streamed, <c>ul.lookup &lt;table&gt; &lt;aor&gt;</c> per AOR. Works whether usrloc keys by
/// user@domain or by user (<c>use_domain</c>): lookups always send user@domain, which usrloc truncates itself
/// when it ignores domains, and dumped AORs say which keying is in use.
/// Measured on Kamailio 5.6.3: it builds the whole <c>ul.dump</c> reply in private (pkg) memory and appends to RPC
/// arrays in linear time, so a dump costs quadratic time in the number of AORs (25,000 AORs: about 10 s, and
/// slower on each repeat; 100,000 AORs: minutes, even with <c>brief</c>). It also needs <c>-M</c> well above the 8 MB
/// default and <c>tcp_conn_wq_max</c>/<c>tcp_wq_max</c> raised, or the reply fails or is cut off (then: Unavailable).
/// For large tables, <see cref="Registrar.RegistrarSourceExtensions.LookupManyAsync"/> is the lighter way to ask.
/// </summary>
public sealed partial class KamailioRpcClient(
    HttpClient http, Uri rpcUrl, KamailioOptions options, TimeProvider time, ILogger<KamailioRpcClient> logger)
    : IRegistrarSource
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long nextId;

    public string Name => "kamailio";

    public Uri RpcUrl => rpcUrl;

    /// <summary>The usrloc table looked up and dumped.</summary>
    public string Table => options.Table;

    public async IAsyncEnumerable<RegistrarContact> DumpAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(options.DumpTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;

        using var response = await SendAsync("ul.dump", [], cancellationToken, token);
        var now = time.GetUtcNow();
        await using var body = await ReadBodyAsync(response, cancellationToken, token);
        var count = 0;
        await using var contacts = KamailioDumpReader.ReadAsync(body, options.Table, now, token).GetAsyncEnumerator(token);
        while (true)
        {
            try
            {
                if (!await contacts.MoveNextAsync())
                {
                    break;
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RegistrarUnavailableException($"ul.dump took longer than {options.DumpTimeout}", e);
            }
            count++;
            yield return contacts.Current;
        }
        LogDumped(rpcUrl, count);
    }

    public async Task<RegistrarObservation> LookupAsync(SipAor aor, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(options.LookupTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await SendAsync("ul.lookup", [options.Table, aor.ToString()], cancellationToken, linked.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token);
            if (!IsJson(response))
            {
                throw new RegistrarUnavailableException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} without JSON from {rpcUrl}");
            }
            var answer = KamailioDumpReader.ReadLookup(bytes, time.GetUtcNow());
            if (answer.Error is { MeansNotRegistered: true })
            {
                return RegistrarObservation.NotRegistered(Name);
            }
            if (answer.Error is { } error)
            {
                throw new RegistrarUnavailableException($"ul.lookup {aor} failed: {error}");
            }
            return RegistrarObservation.Registered(Name, answer.Contacts);
        }
        catch (Exception e) when (e is RegistrarUnavailableException or JsonException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is OperationCanceledException ? $"ul.lookup took longer than {options.LookupTimeout}" : e.Message;
            LogUnavailable(rpcUrl, reason);
            return RegistrarObservation.Unavailable(Name, reason);
        }
    }

    /// <summary>
    /// Whether Kamailio answers at all (<c>core.version</c>, which costs it nothing, unlike a usrloc call), within
    /// <see cref="KamailioOptions.LookupTimeout"/>: null when it did, else why not, without its address.
    /// </summary>
    public async Task<string?> PingAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(options.LookupTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await SendAsync("core.version", [], cancellationToken, linked.Token);
            // Any JSON-RPC answer, an error included, proves Kamailio is there to answer.
            return IsJson(response) ? null : $"HTTP {(int)response.StatusCode} without JSON";
        }
        catch (RegistrarUnavailableException e)
        {
            return e.InnerException is HttpRequestException { HttpRequestError: var error } ? $"no answer ({error})" : "no answer in time";
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        string method, string[] parameters, CancellationToken callerToken, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, rpcUrl)
        {
            Content = new ByteArrayContent(RequestBody(method, parameters, Interlocked.Increment(ref nextId))),
        };
        request.Content.Headers.ContentType = Json;
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        }
        catch (HttpRequestException e)
        {
            throw new RegistrarUnavailableException($"{method} to {rpcUrl}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
        {
            throw new RegistrarUnavailableException($"{method} to {rpcUrl} timed out", e);
        }
    }

    private async Task<Stream> ReadBodyAsync(HttpResponseMessage response, CancellationToken callerToken, CancellationToken token)
    {
        if (!IsJson(response))
        {
            throw new RegistrarUnavailableException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} without JSON from {rpcUrl}");
        }
        try
        {
            // A JSON-RPC fault comes with its code on the status line and the error object in the body; the reader reports it.
            return await response.Content.ReadAsStreamAsync(token);
        }
        catch (HttpRequestException e)
        {
            throw new RegistrarUnavailableException($"ul.dump from {rpcUrl}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
        {
            throw new RegistrarUnavailableException($"ul.dump from {rpcUrl} timed out", e);
        }
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type && type.EndsWith("json", StringComparison.OrdinalIgnoreCase);

    private static byte[] RequestBody(string method, string[] parameters, long id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteString("method", method);
            if (parameters.Length > 0)
            {
                writer.WriteStartArray("params");
                foreach (var parameter in parameters)
                {
                    writer.WriteStringValue(parameter);
                }
                writer.WriteEndArray();
            }
            writer.WriteNumber("id", id);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "ul.dump from {RpcUrl}: {Count} live bindings")]
    private partial void LogDumped(Uri rpcUrl, int count);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Kamailio at {RpcUrl} unavailable: {Reason}")]
    private partial void LogUnavailable(Uri rpcUrl, string reason);
}
