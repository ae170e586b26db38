using Microsoft.AspNetCore.Http.Features;
using Sophia.Model.Rules;

namespace Sophia.Server.Api;

/// <summary>
/// The API's JSON bodies are small (the largest, a user's function keys, is a few KB): Kestrel's 30 MB default let an
/// anonymous login request carry 30 MB. CSV uploads keep their own bound (<see cref="CsvUpload.MaxBytes"/>).
/// </summary>
public static class JsonBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    public static IApplicationBuilder UseJsonBodyLimit(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/api")
            && !(http.Request.ContentType ?? "").StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            // Said at once, with its code, when the length is announced; a chunked body meets Kestrel's own bound.
            if (http.Request.ContentLength > MaxBytes)
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }
            body.MaxRequestBodySize = MaxBytes;
        }
        return next(http);
    });

    /// <summary>The refusal of a body past the limit, as the API says every error: a field, a code, a message.</summary>
    public static RuleViolationException TooLarge() => new(FieldError.Create("body", "body.tooLarge",
        "The request body is larger than {max} KB.", ("max", MaxBytes / 1024)));
}
