using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Contacts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>Importing a user's personal contacts from a CSV file: the preview first (the dry run), then all or nothing.</summary>
public sealed class ImportPersonalModel(Levels levels, PersonalContactOperations contacts) : ConsolePage
{
    public static readonly IReadOnlyList<string> Columns = ContactFiles.Columns(PersonalContactOperations.Layout);

    /// <summary>The file as sent, kept in the page to be confirmed.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    public ImportPreview? Preview { get; private set; }

    public ImportForm Form => new(T, T.Format("contacts.personal.import.help", ("layout", PersonalContactOperations.Layout)), Preview, Csv);

    public async Task OnGetAsync(int userId) => await FrameAsync(userId);

    public async Task<IActionResult> OnPostPreviewAsync(int userId, IFormFile? file)
    {
        await FrameAsync(userId);
        try
        {
            Csv = await ContactFiles.ReadAsync(file, Aborted);
            var dryRun = await contacts.ImportAsync(Caller, userId, new StringReader(Csv), dryRun: true, Aborted);
            Preview = ContactFiles.Accepted(Columns, dryRun.Rows.Select(r => (r.Row, r.Contact)), T);
        }
        catch (RuleViolationException refusal)
        {
            Preview = ContactFiles.Refused(Csv ?? "", Columns, refusal, T);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(int userId)
    {
        try
        {
            var imported = await contacts.ImportAsync(Caller, userId, new StringReader(Csv ?? ""), dryRun: false, Aborted);
            return Redirect(Links.UserContacts(userId) + "?imported=" + imported.Count);
        }
        catch (RuleViolationException refusal)
        {
            await FrameAsync(userId);
            Preview = ContactFiles.Refused(Csv ?? "", Columns, refusal, T);
            return Page();
        }
    }

    private async Task FrameAsync(int userId)
    {
        var user = await levels.UserAsync(this, userId, "contacts", Aborted);
        Frame.Title = T.Format("contacts.personal.import.title", ("user", Levels.DisplayName(user)));
        Frame.Toolbar.Add(new ToolButton(ToolKind.Cancel, Links.UserContacts(userId)));
    }
}
