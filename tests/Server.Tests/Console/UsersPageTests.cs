using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>
/// The users' pages without a browser: the site's list with the guide's columns and its CSV export, the record's tabs
/// saving through the operations (errors next to their field in the user's language, the conflict panel, numbers, the
/// SIP password shown once), and a plain user kept out. The import's preview has its own tests.
/// </summary>
public sealed partial class UsersPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task The_sites_users_show_the_guides_columns_with_numbers_phone_models_and_services_in_French()
    {
        var (forms, ids) = await AdminAsync();

        var html = await PageAsync(forms, $"/sites/{ids.Mandar}/users");

        var seldon = Row(html, ids.Seldon);
        Assert.Contains("+33185737636", seldon, StringComparison.Ordinal);
        Assert.Contains("Yealink T46S", seldon, StringComparison.Ordinal);
        Assert.Contains("Téléphonie fixe, Téléphonie mobile, Pont de conférence", seldon, StringComparison.Ordinal);
        Assert.Contains("cseldon@15rp.sewan.eu", seldon, StringComparison.Ordinal);
        Assert.Contains($"href=\"/users/{ids.Seldon}\"", seldon, StringComparison.Ordinal);
        foreach (var header in new[] { "Nom", "Prénom", "Numéro(s)", "Équipement(s)", "Service(s)", "Identifiant" })
        {
            Assert.Contains($">{header}</a></th>", html, StringComparison.Ordinal);
        }
        var filtered = await PageAsync(forms, $"/sites/{ids.Mandar}/users?q=sel");
        Assert.Contains("Seldon", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("Picard", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_button_downloads_the_sites_users_as_the_apis_CSV()
    {
        var (forms, ids) = await AdminAsync();
        var list = await PageAsync(forms, $"/sites/{ids.Mandar}/users");
        var export = ExportLink().Match(list).Groups["url"].Value;

        using var response = await forms.Http.GetAsync(export);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Login,LastName,FirstName", csv, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("cseldon@15rp.sewan.eu,Seldon,Cédric", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_email_is_refused_next_to_its_field_in_French_or_English_and_nothing_is_saved()
    {
        foreach (var (language, expected, foreign) in new[]
        {
            ("fr", "« seldon-at-15rp » n'est pas une adresse e-mail.", "is not an e-mail"),
            ("en", "'seldon-at-15rp' is not an e-mail address.", "pas une adresse"),
        })
        {
            var (forms, ids) = await AdminAsync(language);
            var fields = General("Seldon", "Cédric");
            fields["Input.Email"] = "seldon-at-15rp";

            var response = await SaveAsync(forms, ids.Seldon, "general", fields);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(expected, FieldError(html, "Input.Email"));
            Assert.DoesNotContain(foreign, html, StringComparison.Ordinal);
            Assert.Contains("value=\"seldon-at-15rp\"", html, StringComparison.Ordinal);
        }
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var seldon = await api.GetJson($"/api/v1/users/{(await DemoIds.Read(api)).Seldon}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seldon.GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task A_new_user_gets_the_generated_login_and_a_save_of_one_tab_keeps_the_others_fields()
    {
        var (forms, ids) = await AdminAsync();
        var form = await PageAsync(forms, $"/sites/{ids.Wagram}/users/new");
        Assert.Contains("<option value=\"Individual\" selected=\"selected\">Individuel</option>", form, StringComparison.Ordinal);
        var fields = General("Fontaine", "Lise");
        fields["Input.Function"] = "Comptable";
        fields["Input.Login"] = "";

        var created = await forms.PostFormAsync($"/sites/{ids.Wagram}/users/new", $"/sites/{ids.Wagram}/users/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var userId = UserId(created);
        var general = await PageAsync(forms, $"/users/{userId}");
        Assert.Contains("value=\"lfontaine@15rp.sewan.eu\" readonly", general, StringComparison.Ordinal);

        var services = await SaveAsync(forms, userId, "services", new() { ["Input.Services"] = "FixedTelephony" });
        Assert.Equal(HttpStatusCode.Redirect, services.StatusCode);
        Assert.Equal($"/users/{userId}?tab=services", services.Headers.Location?.OriginalString);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var user = await api.GetJson($"/api/v1/users/{userId}");
        Assert.Equal("Comptable", user.Str("function"));
        Assert.Equal(["fixedTelephony"], user.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_new_user_without_a_name_is_refused_next_to_the_name_and_nothing_is_created()
    {
        var (forms, ids) = await AdminAsync();
        var fields = General("", "Personne");

        var response = await forms.PostFormAsync($"/sites/{ids.Wagram}/users/new", $"/sites/{ids.Wagram}/users/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Le nom est obligatoire.", FieldError(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), "Input.LastName"));
    }

    [Fact]
    public async Task A_save_after_someone_elses_shows_both_versions_and_overwrites_nothing()
    {
        var (forms, ids) = await AdminAsync();
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var userId = (await api.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Conflit", firstName = "Anne", function = "Avant" }, HttpStatusCode.Created)).Int("id");
        var page = await PageAsync(forms, $"/users/{userId}");
        var version = VersionOf(page);
        await api.PutJson($"/api/v1/users/{userId}", new { function = "La leur" });

        var fields = General("Conflit", "Anne");
        fields["Input.Function"] = "La mienne";
        fields["Version"] = version;
        var response = await SaveAsync(forms, userId, "general", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Fiche modifiée entre-temps", html, StringComparison.Ordinal);
        Assert.Matches(@"<tr class=""differs"">\s*<th scope=""row"">Fonction</th>\s*<td class=""theirs"">La leur</td>\s*<td class=""yours"">La mienne</td>", html);
        Assert.Contains("value=\"La mienne\"", html, StringComparison.Ordinal);
        Assert.Equal("La leur", (await api.GetJson($"/api/v1/users/{userId}")).Str("function"));

        // Saving again, having seen theirs, replaces it knowingly.
        fields["Version"] = VersionOf(html);
        var again = await SaveAsync(forms, userId, "general", fields);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("La mienne", (await api.GetJson($"/api/v1/users/{userId}")).Str("function"));
    }

    [Fact]
    public async Task A_renewed_SIP_password_is_shown_on_the_answer_to_the_button_and_never_again()
    {
        var (forms, ids) = await AdminAsync();
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var userId = (await api.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Renouvel" }, HttpStatusCode.Created)).Int("id");
        var before = await SipPasswordOf(userId);

        var response = await forms.PostFormAsync($"/users/{userId}?tab=fixed", $"/users/{userId}?tab=fixed&handler=RenewSipPassword", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var answer = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var shown = SipPassword().Match(answer).Groups["password"].Value;
        // Saving from this answer posts the record, not the button again.
        Assert.Matches($"id=\"record\"[^>]* action=\"/users/{userId}\\?tab=fixed\"", answer);
        Assert.Matches("^[A-Za-z0-9]{24}$", shown);
        Assert.NotEqual(before, shown);
        Assert.Equal(shown, await SipPasswordOf(userId));
        foreach (var tab in new[] { "general", "services", "fixed", "status" })
        {
            Assert.DoesNotContain(shown, await PageAsync(forms, $"/users/{userId}?tab={tab}"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_free_number_of_the_site_is_assigned_with_its_two_short_numbers_then_removed()
    {
        var (forms, ids) = await AdminAsync();
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var userId = (await api.PostJson($"/api/v1/sites/{ids.Mandar}/users", new { lastName = "Zola", firstName = "Théo" }, HttpStatusCode.Created)).Int("id");
        var numberId = ids.Numbers["+33185737643"];
        var fixedTab = await PageAsync(forms, $"/users/{userId}?tab=fixed");
        Assert.Contains($"<option value=\"{numberId}\">+33185737643</option>", fixedTab, StringComparison.Ordinal);

        var assigned = await forms.PostFormAsync($"/users/{userId}?tab=fixed", $"/users/{userId}?tab=fixed&handler=AssignNumber", new() { ["numberId"] = $"{numberId}" });

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var withNumber = await PageAsync(forms, $"/users/{userId}?tab=fixed");
        Assert.Matches(@"<tr data-number=""\+33185737643"">\s*<td>\+33185737643</td>\s*<td>443, 4643</td>", withNumber);
        Assert.Contains("<input type=\"radio\" name=\"Input.PresentedChoice\" value=\"+33185737643\" />", withNumber, StringComparison.Ordinal);

        var removed = await forms.PostFormAsync($"/users/{userId}?tab=fixed", $"/users/{userId}?tab=fixed&handler=UnassignNumber", new() { ["numberId"] = $"{numberId}" });

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("Aucun numéro attribué.", await PageAsync(forms, $"/users/{userId}?tab=fixed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_security_tab_sets_a_restriction_profile_a_PIN_and_a_free_presented_number()
    {
        var (forms, ids) = await AdminAsync();
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        await api.PostJson($"/api/v1/clients/{ids.ClientId}/call-restriction-profiles", new { name = "Interne seulement", allowed = new[] { "internal" } }, HttpStatusCode.Created);
        var userId = (await api.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Sécurité" }, HttpStatusCode.Created)).Int("id");

        var missing = await SaveAsync(forms, userId, "fixed", new() { ["Input.OutgoingPinEnabled"] = "true", ["Input.OutgoingPin"] = "" });
        Assert.Equal("Ce champ est obligatoire.", FieldError(WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), "Input.OutgoingPin"));

        var saved = await SaveAsync(forms, userId, "fixed", new()
        {
            ["Input.CallRestrictionProfile"] = "Interne seulement",
            ["Input.OutgoingPinEnabled"] = "true",
            ["Input.OutgoingPin"] = "4321",
            ["Input.PresentedChoice"] = "free",
            ["Input.PresentedFree"] = "01 85 73 76 40",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var user = await api.GetJson($"/api/v1/users/{userId}");
        Assert.Equal("Interne seulement", user.Str("callRestrictionProfile"));
        Assert.True(user.GetProperty("hasOutgoingPin").GetBoolean());
        Assert.Equal("+33185737640", user.Str("presentedNumber"));
        var page = await PageAsync(forms, $"/users/{userId}?tab=fixed");
        Assert.DoesNotContain("4321", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Interne seulement\" selected=\"selected\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_record_moves_among_the_sites_users_in_the_lists_order()
    {
        var (forms, ids) = await AdminAsync();

        var picard = await PageAsync(forms, $"/users/{ids.Picard}?tab=status");

        Assert.Equal($"/users/{ids.Lu}?tab=status", Tool(picard, "first"));
        Assert.Equal($"/users/{ids.Lu}?tab=status", Tool(picard, "previous"));
        Assert.Equal($"/users/{ids.Seldon}?tab=status", Tool(picard, "next"));
        Assert.Equal($"/sites/{ids.Mandar}/users", Tool(picard, "up"));
        var lu = await PageAsync(forms, $"/users/{ids.Lu}");
        Assert.Null(Tool(lu, "first"));
        Assert.Null(Tool(lu, "previous"));
    }

    [Fact]
    public async Task The_status_tab_lists_the_users_phones_with_their_registration_state_and_a_link_to_their_diagnosis()
    {
        var (forms, ids) = await AdminAsync();

        var html = await PageAsync(forms, $"/users/{ids.Seldon}?tab=status");

        Assert.Matches(@"<tr data-mac=""00:15:65:98:8C:06"">\s*<td>Yealink T46S</td>\s*<td><a href=""/devices/001565988c06""", html);
    }

    [Fact]
    public async Task Deleting_a_user_returns_to_the_sites_list_without_them()
    {
        var (forms, ids) = await AdminAsync();
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var userId = (await api.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Départ" }, HttpStatusCode.Created)).Int("id");

        var response = await forms.PostFormAsync($"/users/{userId}", $"/users/{userId}?handler=Delete", new() { ["Version"] = VersionOf(await PageAsync(forms, $"/users/{userId}")) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/sites/{ids.Wagram}/users", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain("Départ", await PageAsync(forms, $"/sites/{ids.Wagram}/users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_user_reaches_neither_the_users_list_nor_any_users_record_not_even_their_own()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);
        var ids = await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));

        foreach (var url in new[] { $"/sites/{ids.Mandar}/users", $"/users/{ids.Lu}", $"/users/{ids.Seldon}?tab=fixed", $"/sites/{ids.Mandar}/users/new", $"/sites/{ids.Mandar}/users/import" })
        {
            var response = await forms.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            Assert.Contains("/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    private async Task<(ConsoleForms Forms, DemoIds Ids)> AdminAsync(string language = "fr") =>
        (await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp, language), await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp)));

    private static async Task<string> PageAsync(ConsoleForms forms, string url)
    {
        var response = await forms.Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return WebUtility.HtmlDecode(html);
    }

    /// <summary>Saves <paramref name="tab"/> of the user's record as its form would, at the version the page shows unless given.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(ConsoleForms forms, int userId, string tab, Dictionary<string, string> fields)
    {
        var page = $"/users/{userId}?tab={tab}";
        if (!fields.ContainsKey("Version"))
        {
            fields["Version"] = VersionOf(await PageAsync(forms, page));
        }
        return await forms.PostFormAsync(page, page, fields);
    }

    private static Dictionary<string, string> General(string lastName, string firstName) => new()
    {
        ["Input.Civility"] = "",
        ["Input.LastName"] = lastName,
        ["Input.FirstName"] = firstName,
        ["Input.Function"] = "",
        ["Input.Email"] = "",
        ["Input.Language"] = "fr",
        ["Input.Mobile"] = "",
        ["Input.Description"] = "",
        ["Input.Password"] = "",
        ["Input.AccountType"] = "Individual",
    };

    private async Task<string> SipPasswordOf(int userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SipPassword).SingleAsync();
    }

    private static int UserId(HttpResponseMessage created) =>
        int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static string VersionOf(string html) => VersionField().Match(html) is { Success: true } match ? match.Groups["version"].Value : throw new InvalidOperationException("No version in the page.");

    private static string Row(string html, int userId) => Regex.Match(html, $"<tr data-user=\"{userId}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    private static string? FieldError(string html, string field) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(?<error>[^<]*)<") is { Success: true } match ? match.Groups["error"].Value : null;

    private static string? Tool(string html, string kind) =>
        Regex.Match(html, $"href=\"(?<url>[^\"]+)\" title=\"[^\"]*\" data-tool=\"{kind}\"") is { Success: true } match ? match.Groups["url"].Value : null;

    [GeneratedRegex("href=\"(?<url>[^\"]+)\"[^>]*data-tool=\"export\"")]
    private static partial Regex ExportLink();

    [GeneratedRegex("name=\"Version\" value=\"(?<version>\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<code id=\"sip-password\">(?<password>[^<]+)</code>")]
    private static partial Regex SipPassword();
}
