using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>
/// The users' CSV import in the console: a preview first (each row with the login it would get, broken cells marked
/// with their error in the user's language, nothing written), then all or nothing.
/// </summary>
public sealed partial class UsersImportPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_file_with_a_broken_row_is_previewed_with_the_rows_error_and_offers_no_import()
    {
        var (forms, siteId) = await AdminAsync();
        const string csv = "lastName,firstName,email\nArnaud,Léa,lea.arnaud@15rp.fr\nBlanc,Hugo,hugo-at-15rp\n";

        var html = await PreviewAsync(forms, siteId, csv);

        Assert.Matches(@"<tr class=""bad-row"" data-row=""3"">", html);
        Assert.Matches(@"<td class=""bad"" title=""« hugo-at-15rp » n'est pas une adresse e-mail."" data-column=""email"">", html);
        Assert.Contains("larnaud@15rp.sewan.eu", html, StringComparison.Ordinal);
        Assert.Contains("1 ligne(s) en erreur", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"import\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Arnaud", await Page(forms, $"/sites/{siteId}/users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_file_is_previewed_then_imported_whole_from_the_text_the_preview_kept()
    {
        var (forms, siteId) = await AdminAsync();
        const string csv = "lastName;firstName;services\nCarré;Inès;FixedTelephony Fax\nDubois;Marc;FixedTelephony\n";

        var html = await PreviewAsync(forms, siteId, csv);

        Assert.Contains("icarre@15rp.sewan.eu", html, StringComparison.Ordinal);
        Assert.Contains("mdubois@15rp.sewan.eu", html, StringComparison.Ordinal);
        Assert.Contains("2 ligne(s) prête(s)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Carré", await Page(forms, $"/sites/{siteId}/users"), StringComparison.Ordinal);
        var kept = WebUtility.HtmlDecode(CsvField().Match(html).Groups["csv"].Value);
        Assert.Equal(csv, kept);

        var imported = await forms.PostFormAsync($"/sites/{siteId}/users/import", $"/sites/{siteId}/users/import", new() { ["Csv"] = kept });

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var list = await Page(forms, imported.Headers.Location!.OriginalString);
        Assert.Contains("2 utilisateur(s) importé(s).", list, StringComparison.Ordinal);
        Assert.Contains("icarre@15rp.sewan.eu", list, StringComparison.Ordinal);
        Assert.Contains("Téléphonie fixe, Fax", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_the_name_column_is_refused_as_a_whole_in_English_too()
    {
        var (forms, siteId) = await AdminAsync("en");

        var html = await PreviewAsync(forms, siteId, "firstName,email\nLéa,lea@15rp.fr\n");

        Assert.Contains("Column(s) lastname missing; expected lastName, firstName", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"import\"", html, StringComparison.Ordinal);
    }

    private async Task<(ConsoleForms Forms, int SiteId)> AdminAsync(string language = "fr") =>
        (await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp, language), (await DemoIds.Read(await factory.ClientFor(SophiaFactory.Admin15Rp))).Wagram);

    /// <summary>Uploads <paramref name="csv"/> as the page's file field does (multipart, with the form's token).</summary>
    private static async Task<string> PreviewAsync(ConsoleForms forms, int siteId, string csv)
    {
        var page = await forms.Http.GetStringAsync($"/sites/{siteId}/users/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(page).Groups["token"].Value), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", "users.csv" },
        };
        var response = await forms.Http.PostAsync($"/sites/{siteId}/users/import?handler=Preview", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> Page(ConsoleForms forms, string url) => WebUtility.HtmlDecode(await forms.Http.GetStringAsync(url));

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)""")]
    private static partial Regex FormToken();

    [GeneratedRegex("""<input type="hidden" id="Csv" name="Csv" value="(?<csv>[^"]*)" />""")]
    private static partial Regex CsvField();
}
