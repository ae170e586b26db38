using System.Globalization;
using Sophia.Model.Rules;

namespace Sophia.Server.Api;

/// <summary>
/// ETag / If-Match over an entity's version: a GET or a change answers the version as an ETag, and a change sent
/// with If-Match is refused with 412 when that version is no longer the current one.
/// </summary>
public static class ETags
{
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpContext http, long version) => http.Response.Headers.ETag = Of(version);

    /// <summary>The version If-Match names, or null when none is sent (or <c>*</c>); an If-Match this API did not issue is a 400.</summary>
    public static long? IfMatch(this HttpContext http)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch) || ifMatch == "*")
        {
            return null;
        }
        var wanted = ifMatch.Trim().TrimStart('W', '/').Trim('"');
        return long.TryParse(wanted, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new RuleViolationException(FieldError.Create("If-Match", "ifMatch.invalid", "'{value}' is not an ETag this API issued.", ("value", ifMatch)));
    }

    /// <summary>200 with <paramref name="value"/> and its version as ETag.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Ok<T> Tagged<T>(this HttpContext http, T value, long etagVersion)
    {
        http.SetETag(etagVersion);
        return TypedResults.Ok(value);
    }
}
