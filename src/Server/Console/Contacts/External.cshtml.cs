using Microsoft.AspNetCore.Mvc;
using Sophia.Parc.Contacts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>
/// The client's external contacts (guide, chapter 6), in the guide's columns. Its admins and the helpdesk reach it from
/// the client's menu and write it; the client's users read it from their self-care menu, with nothing that writes.
/// </summary>
public sealed class ExternalModel(Levels levels, ExternalContactOperations contacts) : ConsolePage
{
    public ListView<ExternalContactDto> List { get; private set; } = null!;

    public int ClientId { get; private set; }

    /// <summary>Whether the caller writes the directory (an admin of the client or the helpdesk) or only reads it.</summary>
    public bool Writes { get; private set; }

    /// <summary>How many contacts an import just added, said once above the list.</summary>
    public int? Imported { get; private set; }

    public async Task OnGetAsync(int clientId, int? imported)
    {
        ClientId = clientId;
        Writes = Caller.CanManageClient(clientId);
        Imported = imported;
        if (Writes)
        {
            var client = await levels.ClientAsync(this, clientId, "externalContacts", Aborted);
            Frame.Title = T.Format("contacts.external.title", ("client", client.Name));
            if (Caller.IsHelpdesk)
            {
                Frame.Toolbar.Add(new ToolButton(ToolKind.Up, Links.Clients));
            }
            Frame.Toolbar.Add(new ToolButton(ToolKind.Add, Links.NewExternalContact(clientId)));
            Frame.Toolbar.Add(new ToolButton(ToolKind.Import, Links.ImportExternalContacts(clientId)));
        }
        else
        {
            await SelfCare.FrameAsync(levels, this, "externalContacts");
            Frame.Title = T["contacts.external.readOnly"];
        }
        Frame.Toolbar.Add(new ToolButton(ToolKind.Export, ExportUrl(clientId)));

        var all = await Fetch.AllAsync(page => contacts.ListAsync(Caller, clientId, page, Aborted));
        List = ListView.Of(Request, all,
            c => string.Join(' ', c.LastName, c.FirstName, c.Phone, c.ShortNumber, c.Mobile, c.MobileShortNumber, c.Company, c.JobTitle, c.Email),
            new Dictionary<string, Func<ExternalContactDto, IComparable?>>
            {
                ["lastName"] = c => c.LastName + " " + c.FirstName,
                ["firstName"] = c => c.FirstName,
                ["phone"] = c => c.Phone,
                ["shortNumber"] = c => ShortNumberOrder(c.ShortNumber),
                ["mobile"] = c => c.Mobile,
                ["mobileShortNumber"] = c => ShortNumberOrder(c.MobileShortNumber),
                ["company"] = c => c.Company,
                ["jobTitle"] = c => c.JobTitle,
                ["email"] = c => c.Email,
            });
    }

    /// <summary>The whole directory as CSV, in the columns an import reads back.</summary>
    public async Task<IActionResult> OnGetExportAsync(int clientId)
    {
        var rows = await contacts.ExportAsync(Caller, clientId, Aborted);
        return File(await ContactFiles.CsvAsync(rows, Aborted), "text/csv; charset=utf-8", $"client-{clientId}-external-contacts.csv");
    }

    public static string ExportUrl(int clientId) => Links.ExternalContacts(clientId) + "?handler=export";

    // 500 before 5000 before 50000: the order in which they are given.
    private static string? ShortNumberOrder(string? digits) => digits is null ? null : digits.Length.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + digits;
}
