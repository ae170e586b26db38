using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Search;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Search;

/// <summary>
/// What the header's search field found (guide: "retrouver un site, un utilisateur, un poste ou un numéro"), grouped
/// as Sites, Utilisateurs, Postes, Numéros, Numéros abrégés, each line a link to its page. When the search found
/// exactly one thing, its page opens straight away.
/// </summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class IndexModel(ParcSearch search) : ConsolePage
{
    public string? Query { get; private set; }

    public SearchResult? Result { get; private set; }

    public int Count => Result is null ? 0
        : Result.Sites.Count + Result.Users.Count + Result.Equipment.Count + Result.Numbers.Count + Result.ShortNumbers.Count;

    public async Task<IActionResult> OnGetAsync(string? q)
    {
        Query = q?.Trim();
        Frame.Title = string.IsNullOrEmpty(Query) ? T["search.title"] : T.Format("search.titleFor", ("q", Query));
        Frame.Breadcrumb.Add(new Crumb(T["search.title"], null));
        if (q is null)
        {
            return Page();
        }
        try
        {
            Result = await search.FindAsync(Caller, q, Aborted);
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal, new Dictionary<string, string> { ["q"] = "q" });
            return Page();
        }
        return Count == 1 ? Redirect(OnlyPage(Result)) : Page();
    }

    /// <summary>The page of the one thing found.</summary>
    private string OnlyPage(SearchResult found) =>
        found.Sites.Select(s => Links.SiteUsers(s.Id))
            .Concat(found.Users.Select(u => Links.User(u.Id)))
            .Concat(found.Equipment.Select(EquipmentPage))
            .Concat(found.Numbers.Select(NumberPage))
            .Concat(found.ShortNumbers.Select(s => ShortNumberPage(s) ?? Links.Search()))
            .Single();

    /// <summary>The helpdesk looks for a phone to diagnose it; an admin to see where it is in the stock.</summary>
    public string EquipmentPage(EquipmentHit e) => Caller.IsHelpdesk ? Links.Device(e.Mac) : Links.Equipment(e.Mac);

    /// <summary>The number among its site's numbers, the list filtered on it.</summary>
    public static string NumberPage(NumberHit n) => Links.SiteNumbers(n.SiteId) + "?q=" + Uri.EscapeDataString(n.E164);

    /// <summary>The page of who or what the short number reaches; a hunt group has none in the console yet.</summary>
    public static string? ShortNumberPage(ShortNumberHit s) => s switch
    {
        { UserId: { } userId } => Links.User(userId),
        { ExternalContactId: { } contactId } => Links.ExternalContact(s.ClientId, contactId),
        _ => null,
    };
}
