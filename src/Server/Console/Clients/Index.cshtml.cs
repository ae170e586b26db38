using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Clients;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Clients;

/// <summary>The helpdesk's way in: every client of the operator, and what its phones' device certificates do.</summary>
[Authorize(Policy = ConsoleHosting.Helpdesk)]
public sealed class IndexModel(ClientOperations clients) : ConsolePage
{
    public ListView<ClientDto> List { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Frame.Title = T["menu.clients"];
        Frame.Breadcrumb.Add(new Crumb(T["menu.clients"], Links.Clients));
        Frame.Menu.Add(new MenuEntry(T["menu.clients"], Links.Clients, true));
        Frame.Menu.Add(new MenuEntry(T["helpdesk.menu.notRegistered"], Links.NotRegistered, false));
        Frame.Menu.Add(new MenuEntry(T["helpdesk.menu.pendingChanges"], Links.PendingChanges, false));
        Frame.Menu.Add(new MenuEntry(T["menu.unknownDevices"], Links.UnknownDevices, false));
        Frame.Menu.Add(new MenuEntry(T["menu.jobs"], Links.Jobs, false));
        Frame.Menu.Add(new MenuEntry(T["menu.audit"], Links.Audit, false));
        Frame.Menu.Add(new MenuEntry(T["menu.accounts"], Links.Accounts, false));
        Frame.Menu.Add(new MenuEntry(T["menu.totp"], Links.Totp, false));
        var all = await Fetch.AllAsync(page => clients.ListAsync(Caller, page, Aborted));
        List = ListView.Of(Request, all, c => $"{c.Name} {c.SipDomain}", new Dictionary<string, Func<ClientDto, IComparable?>>
        {
            ["name"] = c => c.Name,
            ["domain"] = c => c.SipDomain,
        });
    }

    public async Task<IActionResult> OnPostDeviceCertificateAsync(int clientId, DeviceCertificatePolicy policy, long version)
    {
        try
        {
            await clients.UpdateAsync(Caller, clientId, new ClientInput(null, null, null, null, null, null, null, policy), version, Aborted);
            return Redirect(Links.Clients);
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal);
            await OnGetAsync();
            return Page();
        }
    }
}
