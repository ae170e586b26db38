using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sophia.Server.Hosting;

/// <summary>
/// Secrets out of every logged address: the values of <c>access_token</c>, <c>code</c>, <c>token</c> and
/// <c>password</c> in a query string, and the whole query string of a provisioning address (<c>/prov/…?…</c>: some
/// phones are set up to carry their credentials there), are replaced by <c>[redacted]</c> in the message and in the structured values,
/// whoever logs them (ASP.NET's "Request starting …" lines at Information, HttpClient's, our own). It wraps the
/// logger factory, so every provider, including one added later, gets the redacted line only.
/// </summary>
public static partial class SecretRedaction
{
    public const string Redacted = "[redacted]";

    /// <summary>Replaces the host's logger factory with one that redacts; call after logging is set up.</summary>
    public static IServiceCollection AddSecretRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return services;
    }

    /// <summary><paramref name="text"/> with the value of each secret query parameter, and a provisioning address's query, replaced.</summary>
    public static string Redact(string text)
    {
        if (HasSecretParameter(text))
        {
            text = SecretParameter().Replace(text, "$1" + Redacted);
        }
        return HasProvisioningQuery(text) ? ProvisioningQuery().Replace(text, "$1?" + Redacted) : text;
    }

    public static bool HasSecret(string? text) => HasSecretParameter(text) || HasProvisioningQuery(text);

    private static bool HasSecretParameter(string? text) =>
        text is not null && text.Contains('=', StringComparison.Ordinal) && SecretParameter().IsMatch(text);

    private static bool HasProvisioningQuery(string? text) =>
        text is not null && text.Contains("/prov/", StringComparison.OrdinalIgnoreCase) && ProvisioningQuery().IsMatch(text);

    /// <summary>
    /// ASP.NET's request lines give the path and the query string as two values: the query of a <c>/prov/</c> path
    /// goes whole.
    /// </summary>
    private static bool IsProvisioningRequest(IReadOnlyList<KeyValuePair<string, object?>> values) =>
        values.Any(v => v.Key == "Path" && v.Value is string path && path.StartsWith("/prov/", StringComparison.OrdinalIgnoreCase))
        && values.Any(v => v.Key == "QueryString" && v.Value is string { Length: > 0 });

    // The name must start the query or follow '&', so that "?postcode=" or "&tokens=" is left alone.
    [GeneratedRegex(@"((?:^|[?&])(?:access_token|code|token|password)=)[^&#\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();

    [GeneratedRegex(@"(/prov/[^?\s]*)\?[^\s#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProvisioningQuery();

    private sealed class RedactingLoggerFactory(LoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                // The common case costs a look at each value, no formatting.
                var provisioning = IsProvisioningRequest(values);
                if (!provisioning && !values.Any(v => v.Key != "{OriginalFormat}" && HasSecret(Text(v.Value))))
                {
                    inner.Log(logLevel, eventId, state, exception, formatter);
                    return;
                }
                inner.Log(logLevel, eventId, new RedactedState(values, Redact(formatter(state, exception)), provisioning), exception, RedactedState.Format);
                return;
            }
            var message = formatter(state, exception);
            if (HasSecret(message))
            {
                inner.Log(logLevel, eventId, new RedactedState([], Redact(message), provisioningQuery: false), exception, RedactedState.Format);
                return;
            }
            inner.Log(logLevel, eventId, state, exception, formatter);
        }

        /// <summary>The text of a value that may hold an address; null for the rest (numbers, dates...), which cannot.</summary>
        private static string? Text(object? value) => value switch
        {
            string s => s,
            Uri or QueryString or PathString => value.ToString(),
            _ => null,
        };
    }

    /// <summary>A log line's state with its addresses redacted: the values as structured providers read them, and the message.</summary>
    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message, bool provisioningQuery)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public static readonly Func<RedactedState, Exception?, string> Format = static (state, _) => state.Message;

        public string Message => message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index]
        {
            get
            {
                var (key, value) = values[index];
                if (provisioningQuery && key == "QueryString")
                {
                    return new KeyValuePair<string, object?>(key, "?" + Redacted);
                }
                return key == "{OriginalFormat}" || value is not (string or Uri or QueryString or PathString)
                    ? values[index]
                    : new KeyValuePair<string, object?>(key, Redact(value.ToString()!));
            }
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
