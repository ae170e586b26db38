using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>Call-restriction profiles and the search page without a browser: the profiles' checkboxes, a delete refused while in use, search redirects and errors.</summary>
public sealed class ContactsRestrictionsAndSearchPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_profile_is_made_from_its_checkboxes_and_deleting_it_while_a_user_has_it_is_refused_in_French()
    {
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var newProfile = $"/clients/{ids.ClientId}/restrictions/new";
        var form = new FormUrlEncodedContent(
        [
            new("Input.Name", "Sans surtaxés"),
            new("Input.Description", "Tout sauf les numéros surtaxés"),
            new("Input.Allowed", "internal"),
            new("Input.Allowed", "national"),
            new("Input.Allowed", "mobile"),
            new("Input.Allowed", "international"),
            new("__RequestVerificationToken", await TokenAsync(admin, newProfile)),
        ]);
        var created = await admin.Http.PostAsync(newProfile, form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var profile = (await api.GetJson($"/api/v1/clients/{ids.ClientId}/call-restriction-profiles")).Items().Single(p => p.Str("name") == "Sans surtaxés");
        Assert.Equal(["internal", "national", "mobile", "international"], profile.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        var list = WebUtility.HtmlDecode(await admin.Http.GetStringAsync($"/clients/{ids.ClientId}/restrictions"));
        Assert.Contains("<li class=\"barred\" title=\"Interdit\">Numéros surtaxés</li>", list, StringComparison.Ordinal);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            await db.Users.Where(u => u.Id == ids.Picard).ExecuteUpdateAsync(s => s.SetProperty(u => u.CallRestrictionProfileId, profile.Int("id")));
        }
        var record = $"/restrictions/{profile.Int("id")}";
        var refused = await admin.PostFormAsync(record, record + "?handler=Delete", []);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Le profil Sans surtaxés est attribué à 1 utilisateur(s) : retirez-le-leur d'abord.", html, StringComparison.Ordinal);
        Assert.Contains("Attribué à 1 utilisateur(s).", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/call-restriction-profiles/{profile.Int("id")}")).StatusCode);
    }

    [Fact]
    public async Task A_plain_user_cannot_open_the_profiles()
    {
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var lu = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);
        foreach (var page in new[] { $"/clients/{ids.ClientId}/restrictions", $"/clients/{ids.ClientId}/restrictions/new" })
        {
            var response = await lu.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_search_that_finds_one_thing_opens_it_and_one_that_finds_several_lists_them_grouped()
    {
        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);

        var mac = await admin.Http.GetAsync("/search?q=" + Uri.EscapeDataString("00-15-65-98-8C-06"));
        Assert.Equal(HttpStatusCode.Redirect, mac.StatusCode);
        Assert.Equal("/equipment/001565988c06", mac.Headers.Location!.ToString());
        var helpdesk = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk);
        Assert.Equal("/devices/001565988c06", (await helpdesk.Http.GetAsync("/search?q=001565988C06")).Headers.Location!.ToString());

        var model = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/search?q=T46"));
        Assert.Contains("data-group=\"equipment\"", model, StringComparison.Ordinal);
        Assert.Contains("00:15:65:98:8C:06", model, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("00:15:65:AA:00:02", model, StringComparison.OrdinalIgnoreCase);

        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var number = await admin.Http.GetAsync("/search?q=" + Uri.EscapeDataString("01 85 73 76 37"));
        Assert.Equal($"/sites/{ids.Mandar}/numbers?q=%2B33185737637", number.Headers.Location!.ToString());

        var shortNumber = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/search?q=4636"));
        var groups = Regex.Matches(shortNumber, "data-group=\"(?<group>\\w+)\"").Select(m => m.Groups["group"].Value).ToList();
        Assert.Equal(["users", "numbers", "shortNumbers"], groups);
        Assert.Contains($"<a href=\"/users/{ids.Seldon}\">Cédric Seldon</a>", shortNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_too_short_is_refused_in_the_readers_language_and_a_plain_user_cannot_search()
    {
        var french = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        Assert.Contains("Tapez au moins 2 caractères.", WebUtility.HtmlDecode(await french.Http.GetStringAsync("/search?q=a")), StringComparison.Ordinal);
        var english = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp, "en");
        Assert.Contains("Type at least 2 characters.", WebUtility.HtmlDecode(await english.Http.GetStringAsync("/search?q=a")), StringComparison.Ordinal);

        var lu = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);
        var refused = await lu.Http.GetAsync("/search?q=Seldon");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(ConsoleForms forms, string page)
    {
        var html = await forms.Http.GetStringAsync(page);
        return Regex.Match(html, """name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)""").Groups["token"].Value;
    }
}
