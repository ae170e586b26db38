using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sophia.Model;
using Sophia.Model.Data;
using Sophia.Model.Rules;

namespace Sophia.Server.Api;

/// <summary>ETag / If-Match over <see cref="IVersioned.Version"/>: a stale update gets 412 and changes nothing.</summary>
public static class Versions
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpContext http, IVersioned entity) =>
        http.Response.Headers.ETag = ETag(entity.Version);

    /// <summary>
    /// Checks If-Match (when sent) against the entity's version and makes EF check it again at save time,
    /// so that a concurrent writer between this read and the save also fails.
    /// </summary>
    public static void CheckIfMatch(this HttpContext http, SophiaDb db, IVersioned entity)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch) || ifMatch == "*")
        {
            return;
        }
        var wanted = ifMatch.Trim().TrimStart('W', '/').Trim('"');
        if (!long.TryParse(wanted, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
        {
            throw new RuleViolationException("If-Match", $"'{ifMatch}' is not an ETag this API issued.");
        }
        if (version != entity.Version)
        {
            throw new DbUpdateConcurrencyException($"If-Match {ifMatch} is stale: the current version is {entity.Version}.");
        }
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = version;
    }
}
