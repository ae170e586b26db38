using System.Net;
using System.Text.RegularExpressions;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>
/// Self-care pages without a browser: only one's own pages, keys a phone cannot place flagged with the reason, the
/// editor's buttons without a script, conflicts on stale saves, and phone settings saved as what the form changed.
/// </summary>
public sealed partial class SelfCarePageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string SeldonT46S = "001565988c06";

    [Fact]
    public async Task A_user_asking_for_another_users_self_care_pages_gets_404_and_never_a_500()
    {
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var lu = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);

        foreach (var page in new[] { $"/users/{ids.Seldon}/keys", $"/users/{ids.Seldon}/phones", $"/users/{ids.Seldon}/phones/{SeldonT46S}", $"/users/{ids.Lu}/phones/{SeldonT46S}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await lu.Http.GetAsync(page)).StatusCode);
        }
        var post = await lu.PostFormAsync($"/users/{ids.Lu}/keys", $"/users/{ids.Seldon}/keys", new() { ["Rows.Index"] = "n1", ["Rows[n1].Kind"] = "SpeedDial", ["Rows[n1].Number"] = "0654897845", ["Rows[n1].Label"] = "Piraté" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lu.Http.GetAsync($"/users/{ids.Lu}/keys")).StatusCode);
        var seldonsKeys = await (await factory.ClientFor(SophiaFactory.Admin15Rp)).GetJson($"/api/v1/users/{ids.Seldon}/function-keys");
        Assert.DoesNotContain("Piraté", seldonsKeys.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_a_VVX_250_cannot_place_are_flagged_with_the_reason_and_drawn_apart()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var user = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Quatre", firstName = "Touches", password = "quatre-touches-2026" }, HttpStatusCode.Created);
        var userId = user.Int("id");
        await admin.PostJson($"/api/v1/equipment/{DemoIds.WagramVvx250}/assign", new { userId });
        var keys = Enumerable.Range(1, 5).Select(i => new { kind = "speedDial", number = $"01020304{i:D2}", label = $"Raccourci {i}" }).ToArray();
        await admin.PutJson($"/api/v1/users/{userId}/function-keys", keys);

        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var html = WebUtility.HtmlDecode(await forms.Http.GetStringAsync($"/users/{userId}/keys"));

        Assert.Equal(3, Regex.Count(html, @"Polycom VVX 250 : touche [234]\s*<"));
        Assert.Equal(2, Regex.Count(html, "⚠ Polycom VVX 250 : non placée"));
        Assert.Contains("Le Polycom VVX 250 a 4 touches de ligne et ne prend pas de module d'extension ; la ligne de l'utilisateur occupe la première.", html, StringComparison.Ordinal);
        Assert.Matches("""<li data-function-key="4">\s*<span class="slot-label">04 · Raccourci 4</span>""", html);
        Assert.Matches("""data-number="4" data-kind="speed_dial" data-function-key="3">""", html);
    }

    [Fact]
    public async Task Keys_on_a_CP920_conference_phone_are_flagged_as_having_no_line_key_to_go_on()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var user = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Salle", firstName = "Conférence", password = "salle-conference-2026" }, HttpStatusCode.Created);
        var userId = user.Int("id");
        await admin.PostJson($"/api/v1/clients/{ids.ClientId}/equipment", new { mac = "00:15:65:09:20:01", model = "Yealink SIP-CP920" }, HttpStatusCode.Created);
        await admin.PostJson("/api/v1/equipment/001565092001/move", new { to = "site", siteId = ids.Wagram });
        await admin.PostJson("/api/v1/equipment/001565092001/assign", new { userId });
        await admin.PutJson($"/api/v1/users/{userId}/function-keys", new[] { new { kind = "speedDial", number = "0102030405", label = "Accueil" } });

        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var html = WebUtility.HtmlDecode(await forms.Http.GetStringAsync($"/users/{userId}/keys"));

        Assert.Contains("⚠ Yealink CP920 : non placée", html, StringComparison.Ordinal);
        Assert.Contains("Le Yealink CP920 n'a pas de touches de ligne : aucune touche de fonction ne peut y être placée.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_script_the_buttons_add_move_and_remove_rows_and_save_nothing()
    {
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var page = $"/users/{ids.Seldon}/keys";
        var rows = new Dictionary<string, string>
        {
            ["Rows[0].Id"] = "0",
            ["Rows[0].Kind"] = "SpeedDial",
            ["Rows[0].Number"] = "0654897845",
            ["Rows[0].Label"] = "Premier",
        };

        var added = await HtmlAsync(await forms.PostFormAsync(page, page + "?handler=Arrange", new(rows) { ["add"] = "1" }));
        Assert.Equal(["Premier", ""], Labels(added));
        var moved = await HtmlAsync(await forms.PostFormAsync(page, page + "?handler=Arrange", new(rows) { ["Rows[1].Id"] = "1", ["Rows[1].Label"] = "Second", ["up"] = "1" }));
        Assert.Equal(["Second", "Premier"], Labels(moved));
        var removed = await HtmlAsync(await forms.PostFormAsync(page, page + "?handler=Arrange", new(rows) { ["remove"] = "0" }));
        Assert.Empty(Labels(removed));

        var saved = await (await factory.ClientFor(SophiaFactory.Admin15Rp)).GetJson($"/api/v1/users/{ids.Seldon}/function-keys");
        Assert.Equal(["Noémie Picard", "Ricardo Lu", "Chloe"], saved.EnumerateArray().Select(k => k.Str("label")));
    }

    [Fact]
    public async Task A_stale_save_of_the_keys_shows_the_keys_saved_meanwhile_and_overwrites_nothing()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var page = $"/users/{ids.Picard}/keys";
        var version = VersionOf(await forms.Http.GetStringAsync(page));
        await admin.PutJson($"/api/v1/users/{ids.Picard}/function-keys", new[] { new { kind = "speedDial", number = "0611223344", label = "Leur touche" } });

        var response = await forms.PostFormAsync(page, page, new()
        {
            ["Version"] = version,
            ["Rows.Index"] = "n1",
            ["Rows[n1].Id"] = "n1",
            ["Rows[n1].Kind"] = "SpeedDial",
            ["Rows[n1].Number"] = "0699887766",
            ["Rows[n1].Label"] = "Ma touche",
        });

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Fiche modifiée entre-temps", html, StringComparison.Ordinal);
        Assert.Matches("<td>01</td><td>Raccourci</td><td>0611223344</td><td>Leur touche</td>", html);
        Assert.Equal(["Ma touche"], Labels(html));
        var saved = await admin.GetJson($"/api/v1/users/{ids.Picard}/function-keys");
        Assert.Equal(["Leur touche"], saved.EnumerateArray().Select(k => k.Str("label")));
    }

    [Fact]
    public async Task A_settings_save_changes_only_what_the_form_changed_and_never_shows_the_lock_code()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var page = $"/users/{ids.Seldon}/phones/{SeldonT46S}";
        var before = await forms.Http.GetStringAsync(page);
        Assert.DoesNotContain("2580", before, StringComparison.Ordinal);
        Assert.Contains("data-lock-code=\"set\"", before, StringComparison.Ordinal);

        // The form as read (ringtone Ring3) but for the date format; the lock code field left empty.
        var response = await forms.PostFormAsync(page, page, new()
        {
            ["Version"] = VersionOf(before),
            ["Original.DateFormat"] = "DD/MM/YYYY",
            ["Input.DateFormat"] = "YYYY-MM-DD",
            ["Original.Ringtone"] = "Ring3",
            ["Input.Ringtone"] = "Ring3",
            ["Original.CallWaiting"] = "true",
            ["Input.CallWaiting"] = "true",
            ["LockCode"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var settings = await admin.GetJson($"/api/v1/equipment/{SeldonT46S}/settings");
        Assert.Equal(("YYYY-MM-DD", "Ring3", "2580", 30), (settings.Str("dateFormat"), settings.Str("ringtone"), settings.Str("lockCode"), settings.Int("screenOffMinutes")));
        Assert.True(settings.GetProperty("callWaitingTone").GetBoolean());
    }

    [Fact]
    public async Task A_lock_code_with_letters_is_refused_in_French_next_to_its_field_and_nothing_changes()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);
        var page = $"/users/{ids.Lu}/phones/0004f2a1b2c3";
        var before = (await admin.GetJson("/api/v1/equipment/0004f2a1b2c3/settings")).GetRawText();

        var response = await forms.PostFormAsync(page, page, new() { ["Input.Ringtone"] = "Ring4", ["LockCode"] = "12ab" });

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("""data-valmsg-for="LockCode">Le code de verrouillage ne contient que des chiffres ; le Polycom VVX 450 en prend de 2 à 32.<""", html);
        Assert.DoesNotContain("12ab", html, StringComparison.Ordinal);
        Assert.Equal(before, (await admin.GetJson("/api/v1/equipment/0004f2a1b2c3/settings")).GetRawText());
    }

    [Fact]
    public async Task A_stale_settings_save_shows_the_settings_saved_meanwhile_and_overwrites_nothing()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var page = $"/users/{ids.Lu}/phones/0004f2a1b2c3";
        var version = VersionOf(await forms.Http.GetStringAsync(page));
        using var theirs = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/equipment/0004f2a1b2c3/settings")
        {
            Content = new StringContent("""{"ringtone":"Ring7"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(theirs)).StatusCode);

        var response = await forms.PostFormAsync(page, page, new() { ["Version"] = version, ["Input.Ringtone"] = "Ring2" });

        var html = await HtmlAsync(response);
        Assert.Contains("Fiche modifiée entre-temps", html, StringComparison.Ordinal);
        Assert.Matches("<dt>Sonnerie</dt><dd>Ring7</dd>", html);
        Assert.Equal("Ring7", (await admin.GetJson("/api/v1/equipment/0004f2a1b2c3/settings")).Str("ringtone"));
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The labels of the editor's rows in their order (the new-row template left out).</summary>
    private static List<string> Labels(string html) =>
        [.. LabelInput().Matches(html).Where(m => m.Groups["row"].Value != "__row__").Select(m => m.Groups["value"].Value)];

    private static string VersionOf(string html) => VersionInput().Match(html).Groups["version"].Value;

    [GeneratedRegex("""name="Rows\[(?<row>[^\]]+)\]\.Label"(?: value="(?<value>[^"]*)")?""")]
    private static partial Regex LabelInput();

    [GeneratedRegex("""name="Version" value="(?<version>\d+)""")]
    private static partial Regex VersionInput();
}
