using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Csv;
using Sophia.Model.Rules;
using Sophia.Parc.Users;
using Sophia.Server.Api;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Users;

/// <summary>
/// A site's users from a CSV file: the file is checked first (a dry run of the import) and shown as a table, each row
/// with the login it would get and its broken cells marked; "Importer" then creates them all, or none. The file travels
/// between the two as the form's text, so nothing is kept on the server meanwhile.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
[RequestFormLimits(ValueLengthLimit = CsvUpload.MaxBytes * 2, MultipartBodyLengthLimit = CsvUpload.MaxBytes * 3L)]
[RequestSizeLimit(CsvUpload.MaxBytes * 3L)]
public sealed class ImportModel(Levels levels, UserImport import) : ConsolePage
{
    /// <summary>The file's columns the preview shows, in the import's order; the login is always shown, as it would be.</summary>
    private static readonly string[] Columns = UserImport.Layout.Split(", ");

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The file being imported, as text, between its preview and its import.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    public ImportPreview? Preview { get; private set; }

    public string Layout => UserImport.Layout;

    public int SiteId { get; private set; }

    public async Task OnGetAsync(int siteId) => await FrameAsync(siteId);

    public async Task<IActionResult> OnPostPreviewAsync(int siteId)
    {
        await FrameAsync(siteId);
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), T.Error(CommonErrors.Required("file")));
            return Page();
        }
        if (Upload.Length > CsvUpload.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), T.Error(CsvUpload.TooLarge("file")));
            return Page();
        }
        using (var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            Csv = await reader.ReadToEndAsync(Aborted);
        }
        ModelState.Remove(nameof(Csv));
        await PreviewAsync(siteId, Csv);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int siteId)
    {
        await FrameAsync(siteId);
        if (string.IsNullOrEmpty(Csv))
        {
            return Page();
        }
        if (Csv.Length > CsvUpload.MaxBytes)
        {
            Show(new RuleViolationException(CsvUpload.TooLarge("file")));
            return Page();
        }
        try
        {
            using var text = new StringReader(Csv);
            var imported = await import.ImportAsync(Caller, siteId, text, dryRun: false, Aborted);
            TempData[IndexModel.ImportedKey] = imported.Count;
            return Redirect(Links.SiteUsers(siteId));
        }
        catch (RuleViolationException)
        {
            // The file no longer imports (a login taken since its preview): show why, row by row, as the preview does.
            await PreviewAsync(siteId, Csv);
            return Page();
        }
    }

    private async Task PreviewAsync(int siteId, string csv)
    {
        UserImportResult result;
        try
        {
            using var text = new StringReader(csv);
            result = await import.ImportAsync(Caller, siteId, text, dryRun: true, Aborted);
        }
        catch (RuleViolationException refusal)
        {
            // The file as a whole is refused (empty, a column missing, too many rows): no row to show.
            Preview = ImportPreview.Of([], [], refusal.Errors, T.Error);
            return;
        }
        var logins = result.Rows.ToDictionary(r => r.Row, r => r.Login);
        var (columns, rows) = Read(csv, logins);
        Preview = ImportPreview.Of(columns, rows, result.Errors, T.Error);
    }

    /// <summary>The file's cells as the preview shows them, by the import's own reader; each row's login is the one it would get.</summary>
    private static (List<string> Columns, List<(int Row, IReadOnlyDictionary<string, string?> Values)> Rows) Read(string csv, Dictionary<int, string> logins)
    {
        using var table = CsvTable.Open(new StringReader(csv), [], UserImport.Layout);
        var columns = Columns.Where(c => table.Has(c.ToLowerInvariant()) || c == "login").ToList();
        var rows = new List<(int, IReadOnlyDictionary<string, string?>)>();
        while (table.Read())
        {
            var values = columns.ToDictionary(c => c.ToLowerInvariant(), c => table.Get(c.ToLowerInvariant()));
            values["login"] = logins.GetValueOrDefault(table.Row) is { Length: > 0 } login ? login : values["login"];
            rows.Add((table.Row, values));
        }
        return (columns, rows);
    }

    private async Task FrameAsync(int siteId)
    {
        var (_, site) = await levels.SiteAsync(this, siteId, "users", Aborted);
        SiteId = siteId;
        Frame.Title = T.Format("users.import.title", ("site", site.Name));
        Frame.Toolbar.Add(new ToolButton(ToolKind.Cancel, Links.SiteUsers(siteId)));
    }
}
