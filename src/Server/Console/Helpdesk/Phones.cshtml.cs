using Microsoft.AspNetCore.Authorization;
using Sophia.Model.Rules;
using Sophia.Parc.Sites;
using Sophia.Provisioning.Http;
using Sophia.Registration.Diagnostics;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Helpdesk;

/// <summary>
/// A client's assigned phones with their state, last fetch and pending changes (the client level's "Postes"); the
/// filter keeps those not registered or those with changes they have not fetched.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class PhonesModel(Levels levels, SiteOperations sites, PhoneListOperations phones) : ConsolePage
{
    public PhoneTable Table { get; private set; } = null!;

    public string? Filter { get; private set; }

    public int ClientId { get; private set; }

    public async Task OnGetAsync(int clientId, string? filter)
    {
        var client = await levels.ClientAsync(this, clientId, "phones", Aborted);
        ClientId = clientId;
        Filter = string.IsNullOrEmpty(filter) ? null : filter;
        Frame.Title = T.Format("helpdesk.phones.title", ("client", client.Name));
        if (Caller.IsHelpdesk)
        {
            Frame.Toolbar.Add(new ToolButton(ToolKind.Up, Links.Clients));
        }
        List<PhoneRow> rows;
        try
        {
            rows = await PhoneRows.OfClientAsync(sites, phones, Caller, client, Filter, ProvisioningEndpoints.BaseUrl(HttpContext), Aborted);
        }
        catch (RuleViolationException refusal) when (refusal.Kind == RuleViolationKind.Invalid)
        {
            Show(refusal);
            rows = [];
        }
        Table = PhoneRows.Table(this, rows, showClient: false);
    }
}
