using Sophia.Model.Accounts;
using Sophia.Parc.Clients;
using Sophia.Parc.Sites;
using Sophia.Parc.Users;

namespace Sophia.Server.Console.Shared;

/// <summary>
/// The console's three levels (client, site, user) as the guide draws them: each page of a level gets the breadcrumb
/// from the top down to it and the left menu of its level with its own entry highlighted. The names come from the same
/// operations as the page's data, so a page of something the caller may not see fails as that operation does (404).
/// </summary>
public sealed class Levels(ClientOperations clients, SiteOperations sites, UserOperations users)
{
    public async Task<ClientDto> ClientAsync(ConsolePage page, int clientId, string active, CancellationToken ct)
    {
        var client = await clients.GetAsync(page.Caller, clientId, ct);
        Top(page);
        page.Frame.Breadcrumb.Add(new Crumb(client.Name, Links.ClientSites(client.Id)));
        var t = page.T;
        page.Frame.Menu.AddRange(new (string Key, string Url)[]
        {
            ("sites", Links.ClientSites(client.Id)),
            ("stock", Links.ClientStock(client.Id)),
            ("externalContacts", Links.ExternalContacts(client.Id)),
            ("internalContacts", Links.InternalContacts(client.Id)),
            ("restrictions", Links.Restrictions(client.Id)),
            ("phones", Links.Phones(client.Id)),
            ("audit", Links.ClientAudit(client.Id)),
        }.Select(e => new MenuEntry(t["menu.client." + e.Key], e.Url, e.Key == active)));
        if (!page.Caller.IsHelpdesk)
        {
            // A client admin's staff accounts are their client's; the helpdesk has them all in its own menu.
            page.Frame.Menu.Add(new MenuEntry(t["menu.accounts"], Links.Accounts, active == "accounts"));
        }
        return client;
    }

    public async Task<(ClientDto Client, SiteDto Site)> SiteAsync(ConsolePage page, int siteId, string active, CancellationToken ct)
    {
        var site = await sites.GetAsync(page.Caller, siteId, ct);
        var client = await clients.GetAsync(page.Caller, site.ClientId, ct);
        Top(page);
        page.Frame.Breadcrumb.Add(new Crumb(client.Name, Links.ClientSites(client.Id)));
        page.Frame.Breadcrumb.Add(new Crumb(site.Name, Links.SiteUsers(site.Id)));
        var t = page.T;
        page.Frame.Menu.AddRange(new (string Key, string Url)[]
        {
            ("users", Links.SiteUsers(site.Id)),
            ("equipment", Links.SiteEquipment(site.Id)),
            ("numbers", Links.SiteNumbers(site.Id)),
            ("edit", Links.EditSite(site.Id)),
        }.Select(e => new MenuEntry(t["menu.site." + e.Key], e.Url, e.Key == active)));
        page.Frame.Toolbar.Add(new ToolButton(ToolKind.Up, Links.ClientSites(client.Id)));
        return (client, site);
    }

    /// <summary>
    /// A user's level. An admin sees the whole path (client, site, user); a user in self-care only their own name, and
    /// the menu of what self-care offers.
    /// </summary>
    public async Task<UserDto> UserAsync(ConsolePage page, int userId, string active, CancellationToken ct)
    {
        var user = await users.GetAsync(page.Caller, userId, ct);
        var admin = page.Caller.CanManageClient(user.ClientId);
        if (admin)
        {
            var site = await sites.GetAsync(page.Caller, user.SiteId, ct);
            var client = await clients.GetAsync(page.Caller, user.ClientId, ct);
            Top(page);
            page.Frame.Breadcrumb.Add(new Crumb(client.Name, Links.ClientSites(client.Id)));
            page.Frame.Breadcrumb.Add(new Crumb(site.Name, Links.SiteUsers(site.Id)));
            page.Frame.Toolbar.Add(new ToolButton(ToolKind.Up, Links.SiteUsers(site.Id)));
        }
        page.Frame.Breadcrumb.Add(new Crumb(DisplayName(user), Links.User(user.Id)));
        var t = page.T;
        var entries = new List<(string Key, string Url)>();
        if (admin)
        {
            entries.Add(("general", Links.User(user.Id)));
        }
        entries.Add(("keys", Links.UserKeys(user.Id)));
        entries.Add(("phones", Links.UserPhones(user.Id)));
        entries.Add(("contacts", Links.UserContacts(user.Id)));
        if (!admin)
        {
            // The client's directories, which its users read from their self-care (an admin has them at the client's level).
            entries.Add(("externalContacts", Links.ExternalContacts(user.ClientId)));
            entries.Add(("internalContacts", Links.InternalContacts(user.ClientId)));
            entries.Add(("password", Links.UserPassword(user.Id)));
        }
        page.Frame.Menu.AddRange(entries.Select(e => new MenuEntry(t["menu.user." + e.Key], e.Url, e.Key == active)));
        return user;
    }

    public static string DisplayName(UserDto user) => string.IsNullOrWhiteSpace(user.FirstName) ? user.LastName : $"{user.FirstName} {user.LastName}";

    private static void Top(ConsolePage page)
    {
        if (page.Caller.Role == Role.Helpdesk)
        {
            page.Frame.Breadcrumb.Add(new Crumb(page.T["menu.clients"], Links.Clients));
        }
    }
}
