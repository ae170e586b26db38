using System.Buffers;
using System.Collections;

namespace Sophia.Server.Hosting;

/// <summary>
/// A correlation id per request: the caller's <c>X-Request-Id</c> when it is sane (1 to 64 letters, digits, <c>-</c>,
/// <c>_</c>, <c>.</c>, <c>:</c>: a balancer's or a UUID), else a new one. It is echoed in the response's
/// <c>X-Request-Id</c>, is the request's <see cref="HttpContext.TraceIdentifier"/> (the <c>traceId</c> of a problem), and
/// is in a log scope (<c>CorrelationId</c>) around everything the request logs, so that a shipped log finds every line of
/// one request, on whichever node answered it.
/// </summary>
public static class RequestCorrelation
{
    public const string Header = "X-Request-Id";
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public static IApplicationBuilder UseRequestCorrelation(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Sophia.Server.Requests");
        return app.Use(async (http, next) =>
        {
            var id = Sane(http.Request.Headers[Header].ToString()) ?? Guid.NewGuid().ToString("N");
            http.TraceIdentifier = id;
            http.Response.Headers[Header] = id;
            using (log.BeginScope(new Scope(id)))
            {
                await next(http);
            }
        });
    }

    /// <summary>The id as given when it is safe to log and to echo; null otherwise (a new one is made).</summary>
    public static string? Sane(string? given) =>
        given is { Length: > 0 and <= MaxLength } && !given.AsSpan().ContainsAnyExcept(Allowed) ? given : null;

    /// <summary>The scope's state: one structured value, which JSON logs write as <c>"CorrelationId": "…"</c>.</summary>
    private sealed class Scope(string id) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("CorrelationId", id) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"CorrelationId:{id}";
    }
}
