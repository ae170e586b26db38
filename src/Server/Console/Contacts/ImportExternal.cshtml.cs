using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Contacts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>
/// Importing external contacts from a CSV file: first the preview (the operation's dry run: every row with the short
/// numbers it would get, or the broken cells marked), then, only for a file without errors, the import itself, all
/// or nothing. The file travels back with the confirmation, so any node can take it.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class ImportExternalModel(Levels levels, ExternalContactOperations contacts) : ConsolePage
{
    public static readonly IReadOnlyList<string> Columns = ContactFiles.Columns(ExternalContactOperations.Layout);

    /// <summary>The file as sent, kept in the page to be confirmed.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    public ImportPreview? Preview { get; private set; }

    public ImportForm Form => new(T, T.Format("contacts.external.import.help", ("layout", ExternalContactOperations.Layout)), Preview, Csv);

    public async Task OnGetAsync(int clientId) => await FrameAsync(clientId);

    public async Task<IActionResult> OnPostPreviewAsync(int clientId, IFormFile? file)
    {
        await FrameAsync(clientId);
        try
        {
            Csv = await ContactFiles.ReadAsync(file, Aborted);
            var dryRun = await contacts.ImportAsync(Caller, clientId, new StringReader(Csv), dryRun: true, Aborted);
            Preview = ContactFiles.Accepted(Columns, dryRun.Rows.Select(r => (r.Row, r.Contact)), T);
        }
        catch (RuleViolationException refusal)
        {
            Preview = ContactFiles.Refused(Csv ?? "", Columns, refusal, T);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(int clientId)
    {
        try
        {
            var imported = await contacts.ImportAsync(Caller, clientId, new StringReader(Csv ?? ""), dryRun: false, Aborted);
            return Redirect(Links.ExternalContacts(clientId) + "?imported=" + imported.Count);
        }
        catch (RuleViolationException refusal)
        {
            // Something changed since the preview (a short number taken meanwhile): the same preview, with why.
            await FrameAsync(clientId);
            Preview = ContactFiles.Refused(Csv ?? "", Columns, refusal, T);
            return Page();
        }
    }

    private async Task FrameAsync(int clientId)
    {
        var client = await levels.ClientAsync(this, clientId, "externalContacts", Aborted);
        Frame.Title = T.Format("contacts.external.import.title", ("client", client.Name));
        Frame.Toolbar.Add(new ToolButton(ToolKind.Cancel, Links.ExternalContacts(clientId)));
    }
}
