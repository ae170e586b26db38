using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Accounts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Home;

/// <summary>Where a login lands: the helpdesk on its clients, a client admin on their client, a user on their self-care.</summary>
public sealed class IndexModel : ConsolePage
{
    public IActionResult OnGet() => Caller switch
    {
        { Role: Role.Helpdesk } => Redirect(Links.Clients),
        { Role: Role.ClientAdmin, ClientId: { } clientId } => Redirect(Links.ClientSites(clientId)),
        { UserId: { } userId } => Redirect(Links.UserKeys(userId)),
        _ => Redirect(Links.Login),
    };
}
