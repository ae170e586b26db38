using System.Text;
using Sophia.Model.Csv;
using Sophia.Model.Rules;
using Sophia.Server.Console.Localization;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>The CSV files of the contact pages: the export to download, the upload read, and its cells for the preview.</summary>
internal static class ContactFiles
{
    /// <summary>As the API's uploads: enough for the most rows an import takes.</summary>
    public const int MaxBytes = Api.CsvUpload.MaxBytes;

    public static async Task<byte[]> CsvAsync<T>(IEnumerable<T> rows, CancellationToken ct)
    {
        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            await CsvExport.WriteAsync(writer, rows, ct);
        }
        return buffer.ToArray();
    }

    /// <summary>The uploaded file as text; a file too large is refused on the file field, as the API refuses a body.</summary>
    public static async Task<string> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return "";
        }
        if (file.Length > MaxBytes)
        {
            throw new RuleViolationException(Api.CsvUpload.TooLarge("file"));
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>
    /// The file's cells in <paramref name="columns"/>, row by row as the import numbers them, to show a refused file as it
    /// was sent. A file too broken to read shows no rows: the import's own errors then say why.
    /// </summary>
    public static List<(int Row, IReadOnlyDictionary<string, string?> Values)> Cells(string csv, IReadOnlyList<string> columns)
    {
        var rows = new List<(int, IReadOnlyDictionary<string, string?>)>();
        try
        {
            using var table = CsvTable.Open(new StringReader(csv), [], string.Join(", ", columns));
            while (table.Read())
            {
                rows.Add((table.Row, columns.ToDictionary(c => c.ToLowerInvariant(), c => table.Get(c.ToLowerInvariant()))));
            }
        }
        catch (RuleViolationException)
        {
            // The import reports the same refusal (an empty file, too many rows) with its field; nothing more to show here.
        }
        return rows;
    }

    /// <summary>The preview of a refused file: its cells, each error on its row and column.</summary>
    public static ImportPreview Refused(string csv, IReadOnlyList<string> columns, RuleViolationException refusal, ConsoleTexts texts) =>
        ImportPreview.Of(columns, Cells(csv, columns), refusal.Errors, texts.Error);

    /// <summary>The preview of a file the dry run accepted: what each row makes, short numbers given included.</summary>
    public static ImportPreview Accepted<T>(IReadOnlyList<string> columns, IEnumerable<(int Row, T Contact)> rows, ConsoleTexts texts) =>
        ImportPreview.Of(columns, rows.Select(r => (r.Row, (IReadOnlyDictionary<string, string?>)Values(r.Contact))), [], texts.Error);

    /// <summary>A CSV row's values by its property names in lower case, the columns the import reads.</summary>
    private static Dictionary<string, string?> Values<T>(T row) =>
        typeof(T).GetProperties().ToDictionary(p => p.Name.ToLowerInvariant(), p => p.GetValue(row)?.ToString());

    /// <summary>The columns of a layout such as <c>lastName, firstName, phone</c>.</summary>
    public static IReadOnlyList<string> Columns(string layout) => layout.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>What the import partial shows: the help on the file's columns, and the preview once a file is sent.</summary>
public sealed record ImportForm(ConsoleTexts Texts, string Help, ImportPreview? Preview, string? Csv);
