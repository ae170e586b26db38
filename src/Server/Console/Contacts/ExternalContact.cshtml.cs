using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Contacts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>
/// An external contact's record, or a new one (the same form at <see cref="Links.NewExternalContact"/>): short numbers
/// chosen, or left empty for the operation to give; Save, Reset, Delete, Cancel, and the conflict panel on a stale save.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class ExternalContactModel(Levels levels, ExternalContactOperations contacts) : ConsolePage
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["lastName"] = "Input.LastName",
        ["firstName"] = "Input.FirstName",
        ["company"] = "Input.Company",
        ["jobTitle"] = "Input.JobTitle",
        ["phone"] = "Input.Phone",
        ["mobile"] = "Input.Mobile",
        ["email"] = "Input.Email",
        ["shortNumber"] = "Input.ShortNumber",
        ["mobileShortNumber"] = "Input.MobileShortNumber",
    };

    [BindProperty]
    public ExternalContactForm Input { get; set; } = new();

    [BindProperty]
    public long? Version { get; set; }

    public int ClientId { get; private set; }

    public int? ContactId { get; private set; }

    /// <summary>The saved record when a save came too late: someone changed it since this form was read.</summary>
    public ExternalContactDto? Theirs { get; private set; }

    public async Task<IActionResult> OnGetAsync(int clientId, int? contactId)
    {
        var contact = await FrameAsync(clientId, contactId);
        if (contact is not null)
        {
            Input = ExternalContactForm.From(contact);
            Version = contact.Version;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int clientId, int? contactId)
    {
        try
        {
            if (contactId is { } id)
            {
                await contacts.UpdateAsync(Caller, clientId, id, Input.ToInput(), Version, Aborted);
            }
            else
            {
                await contacts.CreateAsync(Caller, clientId, Input.ToInput(), Aborted);
            }
            return Redirect(Links.ExternalContacts(clientId));
        }
        catch (RuleViolationException refusal)
        {
            var current = await FrameAsync(clientId, contactId);
            if (current is not null && refusal.Kind == RuleViolationKind.Stale)
            {
                Theirs = current;
                // Saving again now is a choice made seeing their version: it overwrites it knowingly.
                Version = current.Version;
                ModelState.Remove(nameof(Version));
            }
            Show(refusal, Fields);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(int clientId, int contactId)
    {
        try
        {
            await contacts.DeleteAsync(Caller, clientId, contactId, Version, Aborted);
            return Redirect(Links.ExternalContacts(clientId));
        }
        catch (RuleViolationException refusal)
        {
            var current = await FrameAsync(clientId, contactId);
            if (current is not null && refusal.Kind == RuleViolationKind.Stale)
            {
                Theirs = current;
                Version = current.Version;
                ModelState.Remove(nameof(Version));
            }
            Show(refusal);
            return Page();
        }
    }

    /// <summary>The client's frame and this record's toolbar; the contact as saved now (null for a new one).</summary>
    private async Task<ExternalContactDto?> FrameAsync(int clientId, int? contactId)
    {
        ClientId = clientId;
        ContactId = contactId;
        await levels.ClientAsync(this, clientId, "externalContacts", Aborted);
        if (contactId is not { } id)
        {
            Frame.Title = T["contacts.external.new.title"];
            Frame.Toolbar.AddRange([
                new ToolButton(ToolKind.Save, Form: "record"),
                new ToolButton(ToolKind.Cancel, Links.ExternalContacts(clientId)),
            ]);
            return null;
        }
        var contact = await contacts.GetAsync(Caller, clientId, id, Aborted);
        Frame.Title = T.Format("contacts.external.edit.title", ("name", string.Join(' ', contact.FirstName, contact.LastName).Trim()));
        var all = await Fetch.AllAsync(page => contacts.ListAsync(Caller, clientId, page, Aborted));
        Frame.Toolbar.AddRange(RecordNavigation.Around(all.Select(c => c.Id).ToList(), id, other => Links.ExternalContact(clientId, other)));
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Save, Form: "record"),
            new ToolButton(ToolKind.Reset, Links.ExternalContact(clientId, id)),
            new ToolButton(ToolKind.Delete, Form: "record", Handler: "Delete", Confirm: T["edit.confirmDelete"]),
            new ToolButton(ToolKind.Cancel, Links.ExternalContacts(clientId)),
        ]);
        return contact;
    }
}

/// <summary>
/// The contact's fields as the form edits them. Every field goes to the operation as typed, an emptied one as blank
/// (which clears it), so that the form, not the operation's "null keeps", says what the record becomes; an empty short
/// number stays null: keep the one it has, or give one.
/// </summary>
public sealed class ExternalContactForm
{
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Company { get; set; }
    public string? JobTitle { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }
    public string? ShortNumber { get; set; }
    public string? MobileShortNumber { get; set; }

    public static ExternalContactForm From(ExternalContactDto c) => new()
    {
        LastName = c.LastName,
        FirstName = c.FirstName,
        Company = c.Company,
        JobTitle = c.JobTitle,
        Phone = c.Phone,
        Mobile = c.Mobile,
        Email = c.Email,
        ShortNumber = c.ShortNumber,
        MobileShortNumber = c.MobileShortNumber,
    };

    public ExternalContactInput ToInput() => new(
        LastName ?? "", FirstName ?? "", Company ?? "", JobTitle ?? "", Phone ?? "", Mobile ?? "", Email ?? "", ShortNumber, MobileShortNumber);
}
