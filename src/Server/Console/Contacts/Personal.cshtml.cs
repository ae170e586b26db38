using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Contacts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>
/// A user's personal contacts (guide, self-care 9.1), for the user themself or an admin of their client: the list, and
/// above it the record being added or edited (<c>?edit=new</c>, <c>?edit=12</c>) with Save, Reset, Delete, Cancel and
/// the conflict panel on a stale save.
/// </summary>
public sealed class PersonalModel(Levels levels, PersonalContactOperations contacts) : ConsolePage
{
    public const string New = "new";

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["lastName"] = "Input.LastName",
        ["firstName"] = "Input.FirstName",
        ["company"] = "Input.Company",
        ["jobTitle"] = "Input.JobTitle",
        ["phone"] = "Input.Phone",
        ["mobile"] = "Input.Mobile",
        ["email"] = "Input.Email",
    };

    [BindProperty]
    public PersonalContactForm Input { get; set; } = new();

    [BindProperty]
    public long? Version { get; set; }

    /// <summary>The contact being edited; null while adding one.</summary>
    [BindProperty]
    public int? ContactId { get; set; }

    /// <summary>Whether the form shows (adding or editing) above the list.</summary>
    public bool Editing { get; private set; }

    public PersonalContactDto? Theirs { get; private set; }

    public ListView<PersonalContactDto> List { get; private set; } = null!;

    public int UserId { get; private set; }

    /// <summary>How many contacts an import just added, said once above the list.</summary>
    public int? Imported { get; private set; }

    public async Task OnGetAsync(int userId, string? edit, int? imported)
    {
        Imported = imported;
        if (edit == New)
        {
            Editing = true;
        }
        else if (int.TryParse(edit, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            var contact = await contacts.GetAsync(Caller, userId, id, Aborted);
            Input = PersonalContactForm.From(contact);
            Version = contact.Version;
            ContactId = id;
            Editing = true;
        }
        await FrameAsync(userId);
    }

    public async Task<IActionResult> OnPostAsync(int userId)
    {
        try
        {
            if (ContactId is { } id)
            {
                await contacts.UpdateAsync(Caller, userId, id, Input.ToInput(), Version, Aborted);
            }
            else
            {
                await contacts.CreateAsync(Caller, userId, Input.ToInput(), Aborted);
            }
            return Redirect(Links.UserContacts(userId));
        }
        catch (RuleViolationException refusal)
        {
            await RefusedAsync(userId, refusal, Fields);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int userId)
    {
        try
        {
            await contacts.DeleteAsync(Caller, userId, ContactId ?? 0, Version, Aborted);
            return Redirect(Links.UserContacts(userId));
        }
        catch (RuleViolationException refusal)
        {
            await RefusedAsync(userId, refusal, null);
            return Page();
        }
    }

    /// <summary>The user's phonebook as CSV, in the columns an import reads back.</summary>
    public async Task<IActionResult> OnGetExportAsync(int userId)
    {
        var rows = await contacts.ExportAsync(Caller, userId, Aborted);
        return File(await ContactFiles.CsvAsync(rows, Aborted), "text/csv; charset=utf-8", $"user-{userId}-contacts.csv");
    }

    public static string ExportUrl(int userId) => Links.UserContacts(userId) + "?handler=export";

    public static string EditUrl(int userId, int? contactId) => Links.UserContacts(userId) + "?edit=" + (contactId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? New);

    private async Task RefusedAsync(int userId, RuleViolationException refusal, IReadOnlyDictionary<string, string>? fields)
    {
        Editing = true;
        if (ContactId is { } id && refusal.Kind == RuleViolationKind.Stale)
        {
            Theirs = await contacts.GetAsync(Caller, userId, id, Aborted);
            // Saving again now is a choice made seeing their version: it overwrites it knowingly.
            Version = Theirs.Version;
            ModelState.Remove(nameof(Version));
        }
        await FrameAsync(userId);
        Show(refusal, fields);
    }

    private async Task FrameAsync(int userId)
    {
        UserId = userId;
        var user = await levels.UserAsync(this, userId, "contacts", Aborted);
        Frame.Title = T.Format("contacts.personal.title", ("user", Levels.DisplayName(user)));
        if (Editing)
        {
            Frame.Toolbar.Add(new ToolButton(ToolKind.Save, Form: "record"));
            if (ContactId is { } id)
            {
                Frame.Toolbar.Add(new ToolButton(ToolKind.Reset, EditUrl(userId, id)));
                Frame.Toolbar.Add(new ToolButton(ToolKind.Delete, Form: "record", Handler: "Delete", Confirm: T["edit.confirmDelete"]));
            }
            Frame.Toolbar.Add(new ToolButton(ToolKind.Cancel, Links.UserContacts(userId)));
        }
        else
        {
            Frame.Toolbar.Add(new ToolButton(ToolKind.Add, EditUrl(userId, null)));
            Frame.Toolbar.Add(new ToolButton(ToolKind.Import, Links.ImportUserContacts(userId)));
            Frame.Toolbar.Add(new ToolButton(ToolKind.Export, ExportUrl(userId)));
        }
        var all = await Fetch.AllAsync(page => contacts.ListAsync(Caller, userId, page, Aborted));
        List = ListView.Of(Request, all,
            c => string.Join(' ', c.Civility, c.LastName, c.FirstName, c.Company, c.JobTitle, c.Phone, c.Mobile, c.Email),
            new Dictionary<string, Func<PersonalContactDto, IComparable?>>
            {
                ["lastName"] = c => c.LastName + " " + c.FirstName,
                ["firstName"] = c => c.FirstName,
                ["company"] = c => c.Company,
                ["jobTitle"] = c => c.JobTitle,
                ["phone"] = c => c.Phone,
                ["mobile"] = c => c.Mobile,
                ["email"] = c => c.Email,
            });
    }
}

/// <summary>A personal contact's fields as the form edits them; an emptied field goes as blank, which clears it.</summary>
public sealed class PersonalContactForm
{
    public string? Civility { get; set; }
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Company { get; set; }
    public string? JobTitle { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }

    public static PersonalContactForm From(PersonalContactDto c) => new()
    {
        Civility = c.Civility,
        LastName = c.LastName,
        FirstName = c.FirstName,
        Company = c.Company,
        JobTitle = c.JobTitle,
        Phone = c.Phone,
        Mobile = c.Mobile,
        Email = c.Email,
    };

    public PersonalContactInput ToInput() => new(
        Civility ?? "", LastName ?? "", FirstName ?? "", Company ?? "", JobTitle ?? "", Phone ?? "", Mobile ?? "", Email ?? "");
}
