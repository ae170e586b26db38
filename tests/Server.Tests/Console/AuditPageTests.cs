using System.Net;
using System.Text.RegularExpressions;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>The change log's page ("Journal des modifications"): filtered, before and after, in French or English, for admins only.</summary>
public sealed partial class AuditPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_change_made_in_the_console_shows_in_the_clients_change_log_with_the_filter_kept()
    {
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var newProfile = $"/clients/{ids.ClientId}/restrictions/new";
        var created = await admin.PostFormAsync(newProfile, newProfile, new()
        {
            ["Input.Name"] = "Journal interne",
            ["Input.Allowed"] = "internal",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var page = $"/clients/{ids.ClientId}/audit?objectType=CallRestrictionProfile&login={Uri.EscapeDataString(SophiaFactory.Admin15Rp)}";
        var html = WebUtility.HtmlDecode(await admin.Http.GetStringAsync(page));

        Assert.Contains("<h1>15RP : journal des modifications</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"CallRestrictionProfile\" selected=\"selected\">Profil de restrictions</option>", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{SophiaFactory.Admin15Rp}\"", html, StringComparison.Ordinal);
        var row = Assert.Single(AuditRows().Matches(html)).Value;
        Assert.Contains("Création", row, StringComparison.Ordinal);
        Assert.Contains("Profil de restrictions Journal interne", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"before\">∅</span> <span>→</span> <span class=\"after\">Journal interne</span>", row, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/clients/{ids.ClientId}/audit\" class=\"active\" aria-current=\"page\">Journal des modifications</a>", html, StringComparison.Ordinal);
        Assert.Contains($"/clients/{ids.ClientId}/audit?objectType=CallRestrictionProfile&login={Uri.EscapeDataString(SophiaFactory.Admin15Rp)}&handler=Export", html, StringComparison.Ordinal);

        var csv = await admin.Http.GetStringAsync(page + "&handler=Export");
        Assert.StartsWith("At,Login,", csv, StringComparison.Ordinal);
        Assert.Contains("Name: ∅ → Journal interne", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_helpdesk_reads_the_whole_change_log_in_English_and_a_bad_period_is_said_in_its_language()
    {
        var helpdesk = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk, "en");

        var html = WebUtility.HtmlDecode(await helpdesk.Http.GetStringAsync("/audit?login=system&objectType=Client"));
        Assert.Contains("<h1>Change log</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Client 15RP", html, StringComparison.Ordinal);
        Assert.Contains("Created", html, StringComparison.Ordinal);
        Assert.Contains("changed (secret)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("prov-demo", html, StringComparison.Ordinal);

        var refused = WebUtility.HtmlDecode(await helpdesk.Http.GetStringAsync("/audit?from=2026-05-02&to=2026-05-01"));
        Assert.Contains("The period's end must come after its start.", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_admin_is_taken_to_their_clients_log_and_a_plain_user_cannot_open_it()
    {
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var redirected = await admin.Http.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal($"/clients/{ids.ClientId}/audit", redirected.Headers.Location?.OriginalString);

        var lu = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);
        foreach (var page in new[] { "/audit", $"/clients/{ids.ClientId}/audit" })
        {
            var response = await lu.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<tr data-audit=\"\\d+\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex AuditRows();
}
