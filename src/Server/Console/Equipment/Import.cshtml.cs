using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Csv;
using Sophia.Model.Rules;
using Sophia.Server.Api;
using Sophia.Server.Console.Shared;
using Sophia.Stock.Import;
using Sophia.Stock.Inventory;

namespace Sophia.Server.Console.Equipment;

/// <summary>
/// Equipment from a CSV file into the client's general stock, as the guide's "Importer" does, in two steps: the file's
/// preview (the import's dry run: every row, each broken cell marked with its error), then the import itself, all or
/// nothing. The file travels from one step to the next in the form, so any node can take the second step.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
[RequestFormLimits(MultipartBodyLengthLimit = CsvUpload.MaxBytes, ValueLengthLimit = CsvUpload.MaxBytes)]
public sealed class ImportModel(Levels levels, EquipmentOperations equipment) : ConsolePage
{
    private static readonly string[] Columns = ["mac", "model", "serial", "label"];

    /// <summary>The previewed file's text, sent back with the confirmation.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    public ImportPreview? Preview { get; private set; }

    public string Layout => EquipmentCsvImport.Layout;

    public async Task OnGetAsync(int clientId) => await FrameAsync(clientId);

    public async Task<IActionResult> OnPostPreviewAsync(int clientId, IFormFile? file)
    {
        await FrameAsync(clientId);
        Csv = await ReadAsync(file);
        try
        {
            await equipment.ImportAsync(Caller, clientId, new StringReader(Csv), dryRun: true, Aborted);
            Preview = PreviewOf(Csv, []);
        }
        catch (RuleViolationException refusal)
        {
            Preview = PreviewOf(Csv, refusal.Errors);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(int clientId)
    {
        try
        {
            var result = await equipment.ImportAsync(Caller, clientId, new StringReader(Csv ?? ""), dryRun: false, Aborted);
            TempData["notice"] = T.Format("equipment.import.done", ("count", result.Count));
            return Redirect(Links.ClientStock(clientId));
        }
        catch (RuleViolationException refusal)
        {
            // Something changed since the preview (a MAC taken meanwhile): the file shows again with what is wrong now.
            await FrameAsync(clientId);
            Preview = PreviewOf(Csv ?? "", refusal.Errors);
            return Page();
        }
    }

    private ImportPreview PreviewOf(string csv, IReadOnlyList<FieldError> errors) =>
        ImportPreview.Of(Columns, Rows(csv), errors, T.Error);

    /// <summary>
    /// The file's cells as they were typed, to show them. Reading only: what is wrong with them is the import's to say,
    /// and a file it cannot read at all shows no rows, only the import's error.
    /// </summary>
    private static List<(int Row, IReadOnlyDictionary<string, string?> Values)> Rows(string csv)
    {
        var rows = new List<(int, IReadOnlyDictionary<string, string?>)>();
        try
        {
            using var table = CsvTable.Open(new StringReader(csv), [], EquipmentCsvImport.Layout);
            while (table.Read())
            {
                rows.Add((table.Row, Columns.ToDictionary(c => c, c => table.Get(c))));
            }
        }
        catch (RuleViolationException)
        {
            // The import reports the same problem, as a file error.
        }
        return rows;
    }

    private static async Task<string> ReadAsync(IFormFile? file)
    {
        if (file is null)
        {
            return "";
        }
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync();
    }

    private async Task FrameAsync(int clientId)
    {
        await levels.ClientAsync(this, clientId, "stock", Aborted);
        Frame.Title = T["equipment.import.title"];
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Up, Links.ClientStock(clientId)),
            new ToolButton(ToolKind.Cancel, Links.ClientStock(clientId)),
        ]);
    }
}
