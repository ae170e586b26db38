using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>
/// The stock pages without a browser: what a site's equipment list shows with and without the assigned phones, the
/// counts of the client stock, the record's refusals and conflict, the import's preview, and the export.
/// </summary>
public sealed partial class EquipmentPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_sites_list_shows_its_stock_and_with_the_box_ticked_its_users_phones_too()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);

        var stock = await Html(forms, "/sites/1/equipment");
        var all = await Html(forms, "/sites/1/equipment?assigned=1");

        Assert.Contains("Mandar : Équipements", stock, StringComparison.Ordinal);
        Assert.Contains(DemoIds.MandarT54W, stock, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoIds.SeldonPhone, stock, StringComparison.Ordinal);
        Assert.Contains(DemoIds.SeldonPhone, all, StringComparison.Ordinal);
        Assert.Contains("cseldon@15rp.sewan.eu", all, StringComparison.Ordinal);
        Assert.Contains("class=\"active\" aria-current=\"page\">Équipements</a>", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_stock_draws_the_counts_of_each_site_and_of_the_general_stock()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);

        var html = await Html(forms, "/clients/1/stock");

        Assert.Contains("15RP : Stock général", html, StringComparison.Ordinal);
        Assert.Matches("data-site=\"Mandar\" data-in-stock=\"\\d+\" data-assigned=\"\\d+\"", html);
        Assert.Contains("data-place=\"general\"", html, StringComparison.Ordinal);
        Assert.Contains(DemoIds.ClientStockT46U, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_assigned_phone_is_refused_in_French_and_the_phone_stays()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);

        var response = await forms.PostFormAsync("/equipment/001565988c06", "/equipment/001565988c06?handler=Delete", []);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("L'équipement 00:15:65:98:8C:06 est attribué à un utilisateur : désattribuez-le d'abord.", html, StringComparison.Ordinal);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        Assert.Equal("assigned", (await api.GetJson("/api/v1/equipment/001565988c06")).Str("location"));
    }

    [Fact]
    public async Task A_save_after_someone_elses_shows_their_version_and_overwrites_nothing()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        await api.PostJson("/api/v1/clients/1/equipment", new { mac = "00:15:65:CC:00:01", model = "T46S", label = "Accueil" }, HttpStatusCode.Created);
        var page = "/equipment/001565cc0001";
        var version = VersionField().Match(await forms.Http.GetStringAsync(page)).Groups["version"].Value;
        await api.PutJson("/api/v1/equipment/001565cc0001", new { label = "Salle B" });

        var response = await forms.PostFormAsync(page, page, new()
        {
            ["Version"] = version,
            ["Input.Model"] = "yealink-t46s",
            ["Input.Serial"] = "",
            ["Input.Label"] = "Bureau 3",
        });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Fiche modifiée entre-temps", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Salle B</dd>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Bureau 3\"", html, StringComparison.Ordinal);
        Assert.Equal("Salle B", (await api.GetJson("/api/v1/equipment/001565cc0001")).Str("label"));
    }

    [Fact]
    public async Task A_record_saved_in_time_keeps_the_change_and_says_so()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        await api.PostJson("/api/v1/clients/1/equipment", new { mac = "00:15:65:CC:00:02", model = "T46S" }, HttpStatusCode.Created);
        var page = "/equipment/001565cc0002";
        var version = VersionField().Match(await forms.Http.GetStringAsync(page)).Groups["version"].Value;

        var response = await forms.PostFormAsync(page, page, new()
        {
            ["Version"] = version,
            ["Input.Model"] = "yealink-t54w",
            ["Input.Serial"] = "SN-54",
            ["Input.Label"] = "Direction",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Modifications enregistrées.", WebUtility.HtmlDecode(await forms.Http.GetStringAsync(page)), StringComparison.Ordinal);
        var saved = await api.GetJson("/api/v1/equipment/001565cc0002");
        Assert.Equal(("yealink-t54w", "SN-54", "Direction"), (saved.Str("model"), saved.Str("serialNumber"), saved.Str("label")));
    }

    [Theory]
    [InlineData("fr", "« 00:15:65:ZZ:00:01 » n'est pas une adresse MAC")]
    [InlineData("en", "'00:15:65:ZZ:00:01' is not a MAC address")]
    public async Task New_equipment_with_a_bad_MAC_shows_the_error_next_to_the_field_in_the_users_language(string language, string expected)
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp, language);

        var response = await forms.PostFormAsync("/clients/1/stock/new", "/clients/1/stock/new", new()
        {
            ["Input.Mac"] = "00:15:65:ZZ:00:01",
            ["Input.Model"] = "yealink-t46s",
        });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches($"data-valmsg-for=\"Input.Mac\"[^>]*>{Regex.Escape(expected)}", html);
    }

    [Fact]
    public async Task An_import_with_a_broken_row_previews_its_error_in_the_cell_and_writes_nothing_then_a_good_file_imports()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        const string page = "/clients/1/stock/import";

        var broken = await UploadAsync(forms, page, "mac,model,serial,label\n00:15:65:CC:10:01,T46S,SN-1,Accueil\n00:15:65:CC:10:0Z,T46S,SN-2,Salle\n");
        Assert.Contains("data-row=\"3\"", broken, StringComparison.Ordinal);
        Assert.Matches("class=\"bad\"[^>]*data-column=\"mac\">\\s*00:15:65:CC:10:0Z\\s*<span class=\"field-error\">« 00:15:65:CC:10:0Z » n'est pas une adresse MAC", broken);
        Assert.DoesNotContain("data-action=\"import\"", broken, StringComparison.Ordinal);
        using var none = await api.GetAsync("/api/v1/equipment/001565cc1001");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        var good = await UploadAsync(forms, page, "mac;model;serial;label\n00:15:65:CC:10:01;T46S;SN-1;Accueil\n00:15:65:CC:10:02;VVX 450;SN-2;Salle\n");
        Assert.Contains("2 ligne(s) prête(s)", good, StringComparison.Ordinal);
        var csv = CsvField().Match(good).Groups["csv"].Value;
        var imported = await forms.PostFormAsync(page, page + "?handler=Import", new() { ["Csv"] = WebUtility.HtmlDecode(csv) });

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("2 équipement(s) importé(s)", WebUtility.HtmlDecode(await forms.Http.GetStringAsync("/clients/1/stock")), StringComparison.Ordinal);
        Assert.Equal("polycom-vvx450", (await api.GetJson("/api/v1/equipment/0015.65cc.1002")).Str("model"));
    }

    [Fact]
    public async Task The_sites_export_is_a_CSV_of_what_the_list_shows()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);

        using var response = await forms.Http.GetAsync("/sites/2/equipment?handler=Export");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Mac,Model,Serial,Label,Location,SiteId,User", csv, StringComparison.Ordinal);
        Assert.Contains(DemoIds.WagramVvx250, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_user_cannot_open_the_stock()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);
        var response = await forms.Http.GetAsync("/clients/1/stock");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_new_equipment_form_offers_the_later_vvx_and_the_poly_edge_and_records_an_edge_e450()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        const string page = "/clients/1/stock/new";

        var html = await Html(forms, page);
        Assert.Contains("<option value=\"polycom-vvx1500\">Polycom VVX 1500</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"polycom-edge-e450\">Polycom Edge E450</option>", html, StringComparison.Ordinal);

        var response = await forms.PostFormAsync(page, page, new() { ["Input.Mac"] = "48:25:67:CC:E4:50", ["Input.Model"] = "polycom-edge-e450" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var saved = await api.GetJson("/api/v1/equipment/482567cce450");
        Assert.Equal(("polycom-edge-e450", "Polycom Edge E450"), (saved.Str("model"), saved.Str("modelName")));
    }

    private static async Task<string> Html(ConsoleForms forms, string url) => WebUtility.HtmlDecode(await forms.Http.GetStringAsync(url));

    /// <summary>Uploads <paramref name="csv"/> as the preview form does (multipart, with the page's form token).</summary>
    private static async Task<string> UploadAsync(ConsoleForms forms, string page, string csv)
    {
        var token = FormToken().Match(await forms.Http.GetStringAsync(page)).Groups["token"].Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "equipment.csv" },
        };
        using var response = await forms.Http.PostAsync(page + "?handler=Preview", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)""")]
    private static partial Regex FormToken();

    [GeneratedRegex("""id="Version" name="Version" value="(?<version>\d+)""")]
    private static partial Regex VersionField();

    [GeneratedRegex("""<textarea name="Csv" hidden>\n(?<csv>[^<]*)</textarea>""")]
    private static partial Regex CsvField();
}

/// <summary>A site's numbers without a browser: free or all, who has each, the order date as the site reads it, adding one.</summary>
public sealed class NumbersPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task The_free_numbers_show_by_default_and_the_assigned_ones_with_the_box_ticked_with_the_guides_words()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);

        var free = WebUtility.HtmlDecode(await forms.Http.GetStringAsync("/sites/1/numbers"));
        var all = WebUtility.HtmlDecode(await forms.Http.GetStringAsync("/sites/1/numbers?assigned=1"));

        Assert.Contains("data-number=\"+33185737641\"", free, StringComparison.Ordinal);
        Assert.DoesNotContain("data-number=\"+33185737636\"", free, StringComparison.Ordinal);
        Assert.Matches("data-number=\"\\+33185737636\"[\\s\\S]*?Utilisateur[\\s\\S]*?cseldon@15rp.sewan.eu[\\s\\S]*?436, 4636[\\s\\S]*?16/05/2016 16:16", all);
        Assert.Matches("data-number=\"\\+33185737639\"[\\s\\S]*?Serveur vocal interactif[\\s\\S]*?Gestion du support", all);
        Assert.Matches("data-number=\"\\+33185737640\"[\\s\\S]*?Groupe d'appels[\\s\\S]*?grp_test@15rp.sewan.eu", all);
        Assert.Matches("data-number=\"\\+33185737641\"[\\s\\S]*?- Aucun -", all);
    }

    [Fact]
    public async Task In_English_the_order_date_is_written_the_English_way()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp, "en");
        var html = WebUtility.HtmlDecode(await forms.Http.GetStringAsync("/sites/1/numbers?assigned=1"));
        Assert.Contains("Mandar: Internal numbers", html, StringComparison.Ordinal);
        Assert.Contains("2016-05-16 16:16", html, StringComparison.Ordinal);
        Assert.Contains("Interactive voice response", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_is_added_at_the_sites_time_and_a_bad_one_is_refused_next_to_its_field()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var page = "/sites/2/numbers?add=1";

        var bad = await forms.PostFormAsync(page, "/sites/2/numbers?add=1&handler=Add", new() { ["Input.Number"] = "12", ["Input.OrderedAt"] = "2026-03-02T09:30" });
        var refused = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Matches("data-valmsg-for=\"Input.Number\"[^>]*>« 12 »", refused);
        Assert.Contains("<details class=\"card add-number\" id=\"add\" open", refused, StringComparison.Ordinal);

        var good = await forms.PostFormAsync(page, "/sites/2/numbers?add=1&handler=Add", new() { ["Input.Number"] = "01 85 73 76 50", ["Input.OrderedAt"] = "2026-03-02T09:30" });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var list = WebUtility.HtmlDecode(await forms.Http.GetStringAsync("/sites/2/numbers"));
        Assert.Matches("data-number=\"\\+33185737650\"[\\s\\S]*?02/03/2026 09:30", list);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var added = (await api.GetJson("/api/v1/sites/2/numbers")).Items().Single(n => n.Str("e164") == "+33185737650");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero), added.GetProperty("orderedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_free_number_is_deleted_from_the_list()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var created = await api.PostJson("/api/v1/sites/2/numbers", new { number = "+33185737651" }, HttpStatusCode.Created);

        var response = await forms.PostFormAsync("/sites/2/numbers", "/sites/2/numbers?handler=Delete", new()
        {
            ["numberId"] = created.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("+33185737651", WebUtility.HtmlDecode(await forms.Http.GetStringAsync("/sites/2/numbers")), StringComparison.Ordinal);
    }
}
