using Sophia.Model.Csv;
using Sophia.Model.Rules;

namespace Sophia.Server.Console.Shared;

/// <summary>
/// What an import would do, as the console shows it before anything is written: the file's rows as a table, each
/// broken cell marked with its error (in the user's language), and the errors that name no cell listed above it.
/// Built from the rows an import read and the errors it found (<c>row N: column</c>), whatever the import.
/// </summary>
public sealed class ImportPreview
{
    public required IReadOnlyList<string> Columns { get; init; }
    public required IReadOnlyList<PreviewRow> Rows { get; init; }

    /// <summary>Errors of the file itself (a missing column) or of a row as a whole.</summary>
    public required IReadOnlyList<string> FileErrors { get; init; }

    public bool Valid => FileErrors.Count == 0 && Rows.All(r => r.Errors.Count == 0);

    /// <param name="rows">Each row's number (header = row 1) and its values by column.</param>
    /// <param name="errors">The import's refusals; their field names the row and column.</param>
    public static ImportPreview Of(IReadOnlyList<string> columns, IEnumerable<(int Row, IReadOnlyDictionary<string, string?> Values)> rows,
        IEnumerable<FieldError> errors, Func<FieldError, string> translate)
    {
        var byCell = new Dictionary<(int Row, string Column), List<string>>();
        var fileErrors = new List<string>();
        foreach (var error in errors)
        {
            var row = CsvTable.RowOf(error.Field);
            var colon = error.Field.IndexOf(':', StringComparison.Ordinal);
            var column = colon < 0 ? null : error.Field[(colon + 1)..].Trim();
            if (row > 1 && column is not null)
            {
                var key = (row, column.ToLowerInvariant());
                if (!byCell.TryGetValue(key, out var list))
                {
                    byCell[key] = list = [];
                }
                list.Add(translate(error));
            }
            else
            {
                fileErrors.Add(translate(error));
            }
        }
        var preview = rows.Select(r => new PreviewRow(r.Row, r.Values,
            byCell.Where(c => c.Key.Row == r.Row).ToDictionary(c => c.Key.Column, c => (IReadOnlyList<string>)c.Value))).ToList();
        // Rows refused before they could be read (a row the import could not parse) still show with their errors.
        foreach (var orphan in byCell.Keys.Select(k => k.Row).Distinct().Where(row => preview.All(p => p.Row != row)).Order())
        {
            preview.Add(new PreviewRow(orphan, new Dictionary<string, string?>(),
                byCell.Where(c => c.Key.Row == orphan).ToDictionary(c => c.Key.Column, c => (IReadOnlyList<string>)c.Value)));
        }
        return new ImportPreview { Columns = columns, Rows = preview.OrderBy(r => r.Row).ToList(), FileErrors = fileErrors };
    }
}

/// <param name="Errors">Per column (lower case), the errors of that cell.</param>
public sealed record PreviewRow(int Row, IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors);
