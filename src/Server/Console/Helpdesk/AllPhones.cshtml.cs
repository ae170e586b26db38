using Microsoft.AspNetCore.Authorization;
using Sophia.Parc.Clients;
using Sophia.Parc.Sites;
using Sophia.Provisioning.Http;
using Sophia.Registration.Diagnostics;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Helpdesk;

/// <summary>
/// The helpdesk's watch lists across every client: the phones not registered, or those with changes they have not
/// fetched. Each client's list comes from the same operation as the client's own "Postes".
/// </summary>
[Authorize(Policy = ConsoleHosting.Helpdesk)]
public sealed class AllPhonesModel(ClientOperations clients, SiteOperations sites, PhoneListOperations phones) : ConsolePage
{
    public PhoneTable Table { get; private set; } = null!;

    public async Task OnGetAsync(string filter)
    {
        var pending = filter == PhoneListOperations.PendingChangesFilter;
        HelpdeskFrame.Top(this, pending ? "pendingChanges" : "notRegistered", T[pending ? "helpdesk.menu.pendingChanges" : "helpdesk.menu.notRegistered"]);
        var baseUrl = ProvisioningEndpoints.BaseUrl(HttpContext);
        var rows = new List<PhoneRow>();
        foreach (var client in await Fetch.AllAsync(page => clients.ListAsync(Caller, page, Aborted)))
        {
            rows.AddRange(await PhoneRows.OfClientAsync(sites, phones, Caller, client, filter, baseUrl, Aborted));
        }
        Table = PhoneRows.Table(this, rows, showClient: true);
    }
}
