using System.Globalization;
using CsvHelper;

namespace Sophia.Model.Csv;

/// <summary>Writes any list the API returns as CSV, one column per property, so that an export re-imports.</summary>
public static class CsvExport
{
    public static async Task WriteAsync<T>(TextWriter writer, IEnumerable<T> rows, CancellationToken ct = default)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        await csv.WriteRecordsAsync(rows, ct);
        await csv.FlushAsync();
    }
}
