using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Csv;
using Sophia.Model.Rules;

namespace Sophia.Server.Api;

/// <summary>Lists answer JSON pages by default and a whole CSV file with <c>?format=csv</c>.</summary>
public static class CsvDownload
{
    /// <summary>Whether <c>?format=</c> asks for CSV; any other format than csv or none is refused, naming the field.</summary>
    public static bool Wanted(string? format) => format switch
    {
        null or "" or "json" => false,
        "csv" => true,
        _ => throw new RuleViolationException(FieldError.Create("format", "format.unknown",
            "'{value}' is not an export format; use csv, or leave it out for JSON.", ("value", format))),
    };

    /// <summary>Writes <paramref name="rows"/> as a UTF-8 CSV attachment, one column per property.</summary>
    public static async Task<EmptyHttpResult> WriteAsync<T>(HttpContext http, IEnumerable<T> rows, string fileName, CancellationToken ct)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await CsvExport.WriteAsync(writer, rows, ct);
        return TypedResults.Empty;
    }
}
