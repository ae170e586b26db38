using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>
/// The contact pages without a browser: external contacts written by admins and only read by users, a stale save that
/// shows the other version, imports previewed then all or nothing, personal contacts kept to their user, exports.
/// </summary>
public sealed partial class ContactsPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_new_external_contact_gets_its_short_number_and_a_bad_one_shows_errors_in_the_readers_language()
    {
        var ids = await Ids();
        var external = $"/clients/{ids.ClientId}/contacts/external";
        foreach (var (language, phone, email) in new[]
        {
            ("fr", "« 03 ab » n'est pas un numéro de téléphone.", "« chez-moi » n'est pas une adresse e-mail."),
            ("en", "'03 ab' is not a phone number.", "'chez-moi' is not an e-mail address."),
        })
        {
            var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp, language);
            var refused = await forms.PostFormAsync(external + "/new", external + "/new",
                new() { ["Input.LastName"] = "Vasseur", ["Input.Phone"] = "03 ab", ["Input.Email"] = "chez-moi" });
            var html = await Html(refused);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(phone, ErrorOf(html, "Input.Phone"));
            Assert.Equal(email, ErrorOf(html, "Input.Email"));
            Assert.Contains("value=\"Vasseur\"", html, StringComparison.Ordinal);
        }

        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var saved = await admin.PostFormAsync(external + "/new", external + "/new",
            new() { ["Input.LastName"] = "Vasseur", ["Input.FirstName"] = "Agathe", ["Input.Phone"] = "0354698600", ["Input.Mobile"] = "0612345678" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var contact = (await api.GetJson($"/api/v1/clients/{ids.ClientId}/contacts/external?pageSize=200")).Items().Single(c => c.Str("lastName") == "Vasseur");
        Assert.Matches("^5\\d{2,4}$", contact.Str("shortNumber"));
        Assert.Matches("^5\\d{2,4}$", contact.Str("mobileShortNumber"));
    }

    [Fact]
    public async Task A_save_over_a_newer_change_shows_their_version_and_overwrites_nothing()
    {
        var ids = await Ids();
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var contact = await api.PostJson($"/api/v1/clients/{ids.ClientId}/contacts/external",
            new { lastName = "Perrin", phone = "0354690000", company = "Avant" }, HttpStatusCode.Created);
        var record = $"/clients/{ids.ClientId}/contacts/external/{contact.Int("id")}";
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var form = await forms.Http.GetStringAsync(record);
        var version = VersionField().Match(form).Groups["version"].Value;
        await api.PutJson($"/api/v1/clients/{ids.ClientId}/contacts/external/{contact.Int("id")}", new { company = "Leur société" });

        var response = await forms.PostFormAsync(record, record, new()
        {
            ["Version"] = version,
            ["Input.LastName"] = "Perrin",
            ["Input.Phone"] = "0354690000",
            ["Input.Company"] = "Ma société",
        });

        var html = await Html(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"conflict\"", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Leur société</dd>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Ma société\"", html, StringComparison.Ordinal);
        Assert.Equal("Leur société", (await api.GetJson($"/api/v1/clients/{ids.ClientId}/contacts/external/{contact.Int("id")}")).Str("company"));
    }

    [Fact]
    public async Task A_plain_user_reads_the_external_and_internal_contacts_but_gets_no_button_that_writes_nor_a_record()
    {
        var ids = await Ids();
        var lu = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);

        var external = await Html(await lu.Http.GetAsync($"/clients/{ids.ClientId}/contacts/external"));
        Assert.Contains("Bieth", external, StringComparison.Ordinal);
        Assert.Contains("data-tool=\"export\"", external, StringComparison.Ordinal);
        Assert.DoesNotContain("data-tool=\"add\"", external, StringComparison.Ordinal);
        Assert.DoesNotContain("data-tool=\"import\"", external, StringComparison.Ordinal);
        Assert.DoesNotContain($"/clients/{ids.ClientId}/contacts/external/", external, StringComparison.Ordinal);
        Assert.Contains("class=\"active\" aria-current=\"page\">Contacts externes", external, StringComparison.Ordinal);

        var internalContacts = await Html(await lu.Http.GetAsync($"/clients/{ids.ClientId}/contacts/internal"));
        Assert.Contains("Cédric Seldon", internalContacts, StringComparison.Ordinal);
        Assert.Contains("4636", internalContacts, StringComparison.Ordinal);

        foreach (var page in new[] { "/new", "/import", "/1" })
        {
            var refused = await lu.Http.GetAsync($"/clients/{ids.ClientId}/contacts/external{page}");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        var export = await lu.Http.GetAsync($"/clients/{ids.ClientId}/contacts/external?handler=export");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.StartsWith("LastName,FirstName,Company,JobTitle,Phone,Mobile,Email,ShortNumber,MobileShortNumber", csv, StringComparison.Ordinal);
        Assert.Contains("Bieth,Régis", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_contacts_file_with_a_broken_row_is_previewed_with_the_cell_marked_and_imports_nothing_even_when_confirmed()
    {
        var ids = await Ids();
        var import = $"/clients/{ids.ClientId}/contacts/external/import";
        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        const string broken = "lastName;phone;email\nGarnier;0145678901;louis@garnier.fr\nRenaud;pas-un-numero;sophie@renaud.fr\n";

        var preview = await Html(await PostFileAsync(admin, import, broken));
        Assert.Matches("<td class=\"bad\" title=\"« pas-un-numero » n'est pas un numéro de téléphone.\" data-column=\"phone\">", preview);
        Assert.DoesNotContain("data-action=\"import\"", preview, StringComparison.Ordinal);

        // Confirming the broken file anyway (a hand-made post) is refused whole, as the preview said.
        var confirmed = await admin.PostFormAsync(import, import + "?handler=Import", new() { ["Csv"] = broken });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var names = (await api.GetJson($"/api/v1/clients/{ids.ClientId}/contacts/external?pageSize=200")).Items().Select(c => c.Str("lastName")).ToList();
        Assert.DoesNotContain("Garnier", names);
    }

    [Fact]
    public async Task A_good_file_is_previewed_with_the_short_numbers_it_would_get_then_imported_whole()
    {
        var ids = await Ids();
        var import = $"/clients/{ids.ClientId}/contacts/external/import";
        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        const string good = "lastName;firstName;phone;mobile\nRoux;Hugo;0145678911;0611223344\nFabre;Inès;0145678912;\n";

        var preview = await Html(await PostFileAsync(admin, import, good));
        Assert.Contains("2 ligne(s) prête(s)", preview, StringComparison.Ordinal);
        Assert.Matches("data-column=\"shortnumber\">\\s*5\\d{2,4}", preview);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var url = $"/api/v1/clients/{ids.ClientId}/contacts/external?pageSize=200";
        Assert.DoesNotContain("Roux", (await api.GetJson(url)).Items().Select(c => c.Str("lastName")));

        var csv = CsvField().Match(preview).Groups["csv"].Value;
        var imported = await admin.PostFormAsync(import, import + "?handler=Import", new() { ["Csv"] = csv });
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.EndsWith("?imported=2", imported.Headers.Location!.ToString(), StringComparison.Ordinal);
        var names = (await api.GetJson(url)).Items().Select(c => c.Str("lastName")).ToList();
        Assert.Contains("Roux", names);
        Assert.Contains("Fabre", names);
    }

    [Fact]
    public async Task A_user_keeps_their_own_contacts_which_another_user_cannot_reach()
    {
        var ids = await Ids();
        var contacts = $"/users/{ids.Lu}/contacts";
        var lu = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);

        var saved = await lu.PostFormAsync(contacts + "?edit=new", contacts,
            new() { ["Input.Civility"] = "Mme", ["Input.LastName"] = "Lefèvre", ["Input.FirstName"] = "Claire", ["Input.Phone"] = "0612345678" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await Html(await lu.Http.GetAsync(contacts));
        Assert.Contains("Lefèvre", list, StringComparison.Ordinal);
        Assert.Contains("class=\"active\" aria-current=\"page\">Contacts personnels", list, StringComparison.Ordinal);

        var refused = await lu.PostFormAsync(contacts + "?edit=new", contacts, new() { ["Input.LastName"] = "", ["Input.Phone"] = "0612345678" });
        Assert.Equal("Ce champ est obligatoire.", ErrorOf(await Html(refused), "Input.LastName"));

        var seldon = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Seldon);
        Assert.Equal(HttpStatusCode.NotFound, (await seldon.Http.GetAsync(contacts)).StatusCode);
        // The client's admin reaches them, from the user's level.
        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        Assert.Contains("Lefèvre", await Html(await admin.Http.GetAsync(contacts)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_contacts_file_is_previewed_then_imported_and_exported_back()
    {
        var ids = await Ids();
        var contacts = $"/users/{ids.Seldon}/contacts";
        var seldon = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Seldon);
        const string file = "civility,lastName,firstName,phone\nM.,Bonnet,Jules,0145000001\nMme,Chevalier,Léa,0145000002\n";

        var preview = await Html(await PostFileAsync(seldon, contacts + "/import", file));
        Assert.Contains("data-action=\"import\"", preview, StringComparison.Ordinal);
        var csv = CsvField().Match(preview).Groups["csv"].Value;
        var imported = await seldon.PostFormAsync(contacts + "/import", contacts + "/import?handler=Import", new() { ["Csv"] = csv });
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        var export = await (await seldon.Http.GetAsync(contacts + "?handler=export")).Content.ReadAsStringAsync();
        Assert.Contains("M.,Bonnet,Jules,,,0145000001", export, StringComparison.Ordinal);
        Assert.Contains("Mme,Chevalier,Léa,,,0145000002", export, StringComparison.Ordinal);
    }

    private async Task<DemoIds> Ids() => await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp));

    private static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The message shown next to a form field.</summary>
    private static string ErrorOf(string html, string field) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(?<message>[^<]*)<").Groups["message"].Value;

    /// <summary>Sends a CSV file to an import page's preview, as its file field does.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(ConsoleForms forms, string page, string csv)
    {
        var html = await forms.Http.GetStringAsync(page);
        var token = TokenField().Match(html).Groups["token"].Value;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Add(file, "file", "contacts.csv");
        return await forms.Http.PostAsync(page + "?handler=Preview", body);
    }

    [GeneratedRegex("""name="Version" value="(?<version>\d+)""")]
    private static partial Regex VersionField();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)""")]
    private static partial Regex TokenField();

    [GeneratedRegex("""<textarea name="Csv" hidden>(?<csv>[^<]*)</textarea>""")]
    private static partial Regex CsvField();
}
