using Sophia.Model.Csv;
using Sophia.Model.Rules;

namespace Sophia.Parc.Contacts;

/// <summary>
/// What a contact import did, or on a dry run would do: every row of the file with the contact it makes (short numbers
/// included), in the export's columns. An import with any bad row is refused whole and this is never returned.
/// </summary>
public sealed record ContactImport<T>(int Count, bool DryRun, IReadOnlyList<ImportedContact<T>> Rows);

/// <summary>One row of an import: its number in the file (the header is row 1) and the contact it makes.</summary>
public sealed record ImportedContact<T>(int Row, T Contact);

internal static class ContactCsv
{
    /// <summary>The cell of <paramref name="column"/> (named as the export names it, matched whatever its case); null when blank.</summary>
    public static string? Cell(this CsvTable table, string column) => table.Get(column.ToLowerInvariant());

    /// <summary>
    /// Refuses the file when any row is wrong, every error named by row and column and sorted by row: a 400 when any
    /// error is in the file itself, a 409 when the only trouble is short numbers the client already holds.
    /// </summary>
    public static void ThrowIfAny(List<FieldError> invalid, List<FieldError> conflicts)
    {
        if (invalid.Count + conflicts.Count > 0)
        {
            var all = invalid.Concat(conflicts).OrderBy(e => CsvTable.RowOf(e.Field)).ToList();
            throw new RuleViolationException(all, invalid.Count > 0 ? RuleViolationKind.Invalid : RuleViolationKind.Conflict);
        }
    }
}
