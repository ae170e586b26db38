using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace Sophia.Model.Csv;

/// <summary>
/// Writes any list the API returns as CSV, one column per property, so that an export re-imports. Every text cell goes
/// out through <see cref="CsvCell.Escaped"/>: no name or label a user typed runs as a formula in a spreadsheet.
/// </summary>
public static class CsvExport
{
    public static async Task WriteAsync<T>(TextWriter writer, IEnumerable<T> rows, CancellationToken ct = default)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.Context.TypeConverterCache.AddConverter<string>(new EscapingConverter());
        await csv.WriteRecordsAsync(rows, ct);
        await csv.FlushAsync();
    }

    private sealed class EscapingConverter : StringConverter
    {
        public override string? ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) =>
            value is string text ? CsvCell.Escaped(text) : base.ConvertToString(value, row, memberMapData);
    }
}
