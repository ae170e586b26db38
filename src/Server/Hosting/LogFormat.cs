namespace Sophia.Server.Hosting;

/// <summary>
/// <c>Sophia:Logging:Format=json</c>: one JSON object per line on the console, with UTC timestamps and the scopes
/// (<c>CorrelationId</c>, <c>RequestPath</c>, <c>TraceId</c>), for a log shipper; anything else keeps the readable lines.
/// </summary>
public static class LogFormat
{
    public const string Key = "Sophia:Logging:Format";

    public static WebApplicationBuilder AddSophiaLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[Key];
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else if (format is { Length: > 0 } && !string.Equals(format, "text", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Key}: '{format}' is neither 'text' nor 'json'.");
        }
        return builder;
    }
}
