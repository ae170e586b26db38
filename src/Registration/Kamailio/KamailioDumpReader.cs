using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Sophia.Registration.Registrar;

namespace Sophia.Registration.Kamailio;

/// <summary>
/// Streams the answer of Kamailio's <c>ul.dump</c> (usrloc module, ul_rpc.c) without holding it in memory.
/// Shape in 5.6, one AOR element at a time being small enough to parse whole:
/// <code>
/// {"jsonrpc":"2.0","result":{"Domains":[{"Domain":{"Domain":"location","Size":1024,
///   "AoRs":[{"Info":{"AoR":"rlu@15rp.sewan.eu","HashID":1279440714,"Contacts":[{"Contact":{
///     "Address":"sip:rlu-0x55d3@127.0.0.1:15070","Expires":57,"Q":-1,"Call-ID":"906d...","CSeq":38603,
///     "User-Agent":"baresip v1.0.0 (x86_64/linux)","Received":"[not set]","Path":"[not set]","State":"CS_NEW",
///     "Flags":0,"CFlags":0,"Socket":"udp:127.0.0.1:15060","Methods":5087,"Ruid":"uloc-...","Instance":"[not set]",
///     "Reg-Id":0,"Server-Id":0,"Tcpconn-Id":-1,"Keepalive":0,"Last-Keepalive":1795810265,"KA-Roundtrip":0,
///     "Last-Modified":1795810265}}]}}],
///   "Stats":{"Records":1,"Max-Slots":1}}}]},"id":1}
/// </code>
/// or a JSON-RPC error <c>{"error":{"code":500,"message":"..."}}</c>. "AoR" is <c>user</c> when usrloc runs with
/// <c>use_domain=0</c>. "Expires" is the seconds left, or "permanent", "expired" or "deleted".
/// </summary>
public static class KamailioDumpReader
{
    private const int InitialBufferSize = 64 * 1024;

    /// <param name="table">Only AORs of this usrloc table (e.g. <c>location</c>); null for all.</param>
    /// <param name="now">The time the answer was produced, to turn "seconds left" into an instant.</param>
    public static async IAsyncEnumerable<RegistrarContact> ReadAsync(
        Stream stream, string? table, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parser = new DumpParser(table, now);
        var found = new List<RegistrarContact>();
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        int start = 0, end = 0;
        var endOfStream = false;
        try
        {
            while (true)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    // One AOR element larger than the buffer: grow until it fits.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                if (!endOfStream)
                {
                    int read;
                    try
                    {
                        read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        throw new RegistrarUnavailableException($"ul.dump answer broke off: {e.Message}", e);
                    }
                    endOfStream = read == 0;
                    end += read;
                }

                int consumed;
                try
                {
                    consumed = parser.Parse(buffer.AsSpan(start, end - start), endOfStream, found);
                }
                catch (JsonException e)
                {
                    throw new RegistrarUnavailableException(
                        endOfStream
                            ? $"ul.dump answer ended before its JSON was complete: {e.Message}"
                            : $"ul.dump answer is not the JSON we expect: {e.Message}",
                        e);
                }
                start += consumed;

                foreach (var contact in found)
                {
                    yield return contact;
                }
                found.Clear();

                if (parser.Done)
                {
                    parser.ThrowIfNoResult();
                    yield break;
                }
                if (endOfStream)
                {
                    throw new RegistrarUnavailableException("ul.dump answer ended before its JSON was complete");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads an <c>ul.lookup</c> answer (small, read whole): the live contacts, or the JSON-RPC error.</summary>
    public static KamailioLookupAnswer ReadLookup(ReadOnlySpan<byte> json, DateTimeOffset now)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("ul.lookup answer is not a JSON object");
        }
        var contacts = new List<RegistrarContact>();
        KamailioRpcError? error = null;
        var sawResult = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("result"))
            {
                reader.Read();
                sawResult = true;
                ContactFields.ReadAorElement(ref reader, now, contacts);
            }
            else if (reader.ValueTextEquals("error"))
            {
                reader.Read();
                error = KamailioRpcError.Read(ref reader);
            }
            else
            {
                reader.Read();
                JsonSkip.Value(ref reader);
            }
        }
        return error is not null || sawResult
            ? new KamailioLookupAnswer(contacts, error)
            : throw new JsonException("ul.lookup answer has neither result nor error");
    }

    /// <summary>The token-by-token walk down to <c>result.Domains[].Domain.AoRs[]</c>, resumable across buffers.</summary>
    private sealed class DumpParser(string? table, DateTimeOffset now)
    {
        private const int MaxTrackedDepth = 8;
        private readonly string?[] containerNames = new string?[MaxTrackedDepth];
        private JsonReaderState state;
        private string? pendingName;
        private string? currentTable;
        private bool sawResult;

        public bool Done { get; private set; }

        public void ThrowIfNoResult()
        {
            if (!sawResult)
            {
                throw new RegistrarUnavailableException("ul.dump answer has no result");
            }
        }

        /// <summary>Consumes as many whole tokens as <paramref name="data"/> holds; returns the bytes consumed.</summary>
        public int Parse(ReadOnlySpan<byte> data, bool isFinalBlock, List<RegistrarContact> found)
        {
            var reader = new Utf8JsonReader(data, isFinalBlock, state);
            while (!Done)
            {
                var checkpointState = reader.CurrentState;
                var checkpoint = reader.BytesConsumed;
                if (!reader.Read())
                {
                    break;
                }
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = depth < MaxTrackedDepth ? reader.GetString() : null;
                        break;

                    case JsonTokenType.StartObject when IsAorElement(depth) || IsRpcError(depth):
                        // Parse the element only once all of it is buffered; otherwise come back with more bytes.
                        var lookahead = reader;
                        if (!lookahead.TrySkip())
                        {
                            state = checkpointState;
                            return (int)checkpoint;
                        }
                        if (IsRpcError(depth))
                        {
                            var error = KamailioRpcError.Read(ref reader);
                            throw new RegistrarUnavailableException($"ul.dump failed: {error}");
                        }
                        if (table is null || currentTable is null || string.Equals(currentTable, table, StringComparison.Ordinal))
                        {
                            ContactFields.ReadAorElement(ref reader, now, found);
                        }
                        else
                        {
                            JsonSkip.Value(ref reader);
                        }
                        pendingName = null;
                        break;

                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (depth < MaxTrackedDepth)
                        {
                            containerNames[depth] = pendingName;
                        }
                        sawResult |= depth == 1 && pendingName == "result";
                        pendingName = null;
                        break;

                    case JsonTokenType.EndObject when depth == 0:
                        Done = true;
                        break;

                    case JsonTokenType.String when pendingName == "Domain" && depth >= 1 && containerNames[depth - 1] == "Domain":
                        currentTable = reader.GetString();
                        pendingName = null;
                        break;

                    default:
                        pendingName = null;
                        break;
                }
            }
            state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private bool IsAorElement(int depth) => depth >= 1 && depth <= MaxTrackedDepth && containerNames[depth - 1] == "AoRs";

        private bool IsRpcError(int depth) => depth == 1 && pendingName == "error";
    }
}

/// <summary>An <c>ul.lookup</c> answer: live contacts, or the JSON-RPC error Kamailio gave.</summary>
public sealed record KamailioLookupAnswer(IReadOnlyList<RegistrarContact> Contacts, KamailioRpcError? Error);

/// <summary>A JSON-RPC error object (JSON-RPC 2.0 §5.1); Kamailio puts the same code on the HTTP status line.</summary>
public sealed record KamailioRpcError(int Code, string Message)
{
    /// <summary>ul_rpc.c answers these two when an AOR has no live binding: a fact, not a failure.</summary>
    public bool MeansNotRegistered =>
        Message.Contains("AOR not found", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("AOR has no contacts", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Code} {Message}";

    internal static KamailioRpcError Read(ref Utf8JsonReader reader)
    {
        var code = 0;
        var message = "";
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            if (reader.ValueTextEquals("code"))
            {
                reader.Read();
                code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : 0;
            }
            else if (reader.ValueTextEquals("message"))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? "" : "";
            }
            else
            {
                reader.Read();
                JsonSkip.Value(ref reader);
            }
        }
        return new KamailioRpcError(code, message);
    }
}

internal static class JsonSkip
{
    /// <summary>Skips a value known to be buffered whole; <see cref="Utf8JsonReader.Skip"/> refuses any reader over a partial payload.</summary>
    public static void Value(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("a JSON value ends past the data read");
        }
    }
}
