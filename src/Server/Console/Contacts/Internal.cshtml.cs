using Sophia.Model.Contacts;
using Sophia.Parc.Contacts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>
/// The client's internal contacts (guide, chapter 7; the users' "contacts communs", 9.2): its users and hunt groups with
/// their numbers and short numbers, derived from the parc, so read only for everyone.
/// </summary>
public sealed class InternalModel(Levels levels, InternalContactOperations contacts) : ConsolePage
{
    public ListView<InternalContact> List { get; private set; } = null!;

    /// <summary>Whether the caller administers the client: then each user's name opens their account.</summary>
    public bool Admin { get; private set; }

    public async Task OnGetAsync(int clientId)
    {
        Admin = Caller.CanManageClient(clientId);
        if (Admin)
        {
            var client = await levels.ClientAsync(this, clientId, "internalContacts", Aborted);
            Frame.Title = T.Format("contacts.internal.title", ("client", client.Name));
            if (Caller.IsHelpdesk)
            {
                Frame.Toolbar.Add(new ToolButton(ToolKind.Up, Links.Clients));
            }
        }
        else
        {
            await SelfCare.FrameAsync(levels, this, "internalContacts");
            Frame.Title = T["contacts.internal.selfTitle"];
        }
        var all = await contacts.ListAsync(Caller, clientId, Aborted);
        List = ListView.Of(Request, all,
            c => string.Join(' ', c.Name, Kind(c), string.Join(' ', c.Numbers), string.Join(' ', c.ShortNumbers), c.Address),
            new Dictionary<string, Func<InternalContact, IComparable?>>
            {
                ["name"] = c => c.Name,
                ["kind"] = Kind,
                ["phone"] = c => c.Numbers.Count > 0 ? c.Numbers[0] : null,
                ["shortNumber"] = c => c.ShortNumbers.Count > 0 ? c.ShortNumbers[^1].Length.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + c.ShortNumbers[^1] : null,
                ["email"] = c => c.Address,
            });
    }

    public string Kind(InternalContact contact) => T["contacts.internal.kind." + contact.Kind];
}
