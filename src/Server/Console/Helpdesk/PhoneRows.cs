using Sophia.Model.Accounts;
using Sophia.Parc.Clients;
using Sophia.Parc.Sites;
using Sophia.Registration.Diagnostics;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Helpdesk;

/// <summary>A phone in a list, with its client and the time zone its site reads times in.</summary>
public sealed record PhoneRow(PhoneDto Phone, ClientDto Client, TimeZoneInfo Zone);

/// <summary>A list of phones as <c>_Phones</c> draws it; <see cref="ShowClient"/> on the helpdesk's lists across clients.</summary>
public sealed record PhoneTable(ListView<PhoneRow> List, bool ShowClient);

/// <summary>The phone lists' rows: a client's assigned phones through <see cref="PhoneListOperations"/>, all of them.</summary>
public static class PhoneRows
{
    /// <param name="filter"><c>not-registered</c>, <c>pending-changes</c> or null, as the operation takes it.</param>
    public static async Task<List<PhoneRow>> OfClientAsync(
        SiteOperations sites, PhoneListOperations phones, Caller caller, ClientDto client, string? filter, Uri baseUrl, CancellationToken ct)
    {
        var zones = (await Fetch.AllAsync(page => sites.ListAsync(caller, client.Id, page, ct))).ToDictionary(s => s.Id, s => HelpdeskFrame.Zone(s.TimeZone));
        var all = await Fetch.AllAsync(page => phones.ListAsync(caller, client.Id, filter, null, page, baseUrl, ct));
        return all.Select(p => new PhoneRow(p, client, p.SiteId is { } siteId && zones.TryGetValue(siteId, out var zone) ? zone : HelpdeskFrame.Zone(null))).ToList();
    }

    /// <summary>The page of <paramref name="rows"/> the request asks for, filtered over what each row shows.</summary>
    public static PhoneTable Table(ConsolePage page, IEnumerable<PhoneRow> rows, bool showClient)
    {
        var texts = page.T;
        return new PhoneTable(ListView.Of(page.Request, rows,
            r => $"{r.Phone.Mac} {r.Phone.Model} {r.Phone.UserName} {r.Phone.UserLogin} {HelpdeskFrame.State(texts, r.Phone.State)} {(showClient ? r.Client.Name : "")}",
            new Dictionary<string, Func<PhoneRow, IComparable?>>
            {
                ["user"] = r => r.Phone.UserName,
                ["mac"] = r => r.Phone.Mac,
                ["model"] = r => r.Phone.Model,
                ["state"] = r => HelpdeskFrame.State(texts, r.Phone.State),
                ["since"] = r => r.Phone.Since,
                ["fetch"] = r => r.Phone.LastFetchAt,
                ["client"] = r => r.Client.Name,
            }), showClient);
    }
}
