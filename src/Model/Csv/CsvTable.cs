using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Sophia.Model.Rules;

namespace Sophia.Model.Csv;

/// <summary>
/// A CSV file as an import reads it: comma, semicolon or tab separated (as spreadsheets save them), a header row whose
/// names match whatever their case and spacing, rows numbered as a spreadsheet shows them (the header is row 1), and
/// at most <see cref="MaxRows"/> rows. Every problem names its row and column as <c>row 7: mac</c>.
/// </summary>
public sealed class CsvTable : IDisposable
{
    public const int MaxRows = 50_000;

    private readonly CsvReader reader;
    private readonly HashSet<string> columns;
    private int rows;

    private CsvTable(CsvReader reader, HashSet<string> columns)
    {
        this.reader = reader;
        this.columns = columns;
    }

    /// <summary>The row being read, 1-based with the header as row 1.</summary>
    public int Row => reader.Parser.Row;

    /// <summary>
    /// Reads the header. <paramref name="layout"/> is the expected header (e.g. <c>mac, model, serial, label</c>), named in
    /// the errors; an empty file, or one without every column of <paramref name="required"/>, is refused on row 1.
    /// </summary>
    public static CsvTable Open(TextReader text, IReadOnlyList<string> required, string layout)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            BadDataFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        var reader = new CsvReader(text, config);
        if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is null)
        {
            reader.Dispose();
            throw new RuleViolationException(FieldError.Create("row 1", "csv.empty", "The file is empty: expected a header row with {layout}.", ("layout", layout)));
        }
        var header = reader.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var missing = required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            reader.Dispose();
            throw new RuleViolationException(FieldError.Create("row 1", "csv.missingColumns",
                "The header lacks column(s) {columns}; expected {layout}.", ("columns", missing), ("layout", layout)));
        }
        return new CsvTable(reader, header);
    }

    /// <summary>Moves to the next row; false at the end. A file longer than <see cref="MaxRows"/> rows is refused.</summary>
    public bool Read()
    {
        if (!reader.Read())
        {
            return false;
        }
        if (++rows > MaxRows)
        {
            throw new RuleViolationException(FieldError.Create($"row {Row}", "csv.tooManyRows", "The file has more than {max} rows; split it.", ("max", MaxRows)));
        }
        return true;
    }

    public bool Has(string column) => columns.Contains(column);

    /// <summary>
    /// The trimmed value of <paramref name="column"/> in this row, with the quote an export put before a formula-like cell
    /// dropped (<see cref="CsvCell.Unescaped"/>); null when blank or when the file has no such column.
    /// </summary>
    public string? Get(string column) =>
        columns.Contains(column) && reader.GetField(column) is { } cell && CsvCell.Unescaped(cell) is var value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Where an error of this row's <paramref name="column"/> is reported.</summary>
    public string Field(string column) => $"row {Row}: {column}";

    /// <summary>The row number an error's field names (0 when it names none), to sort a report by row.</summary>
    public static int RowOf(string field) =>
        field.StartsWith("row ", StringComparison.Ordinal) && int.TryParse(field[4..].Split(':')[0], CultureInfo.InvariantCulture, out var n) ? n : 0;

    public void Dispose() => reader.Dispose();
}
