using System.Text;
using Microsoft.Playwright;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Console;

/// <summary>
/// The users' pages in a real browser: Mandar's list filtered and Cédric Seldon's record opened from it, errors next to
/// their field in French and in English, two browsers on one user, the SIP password shown once, the CSV import's preview,
/// and the record's first / previous / next / last. Records these tests save are their own (users made in Wagram): the
/// demo's are only read, or sent a refused save.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class UsersTests(ConsoleBrowser browser)
{
    private const string Admin = "admin@15rp.sewan.eu";

    [Fact]
    public async Task The_admin_filters_Mandars_users_and_a_click_on_a_name_opens_Cedric_Seldons_record()
    {
        var page = await browser.SignedInAsync(Admin);
        await page.ClickAsync("table.list a:text-is('Mandar')");
        await page.WaitForURLAsync("**/sites/*/users");
        Assert.Equal("Utilisateurs", await page.InnerTextAsync(".menu a.active"));
        var names = await LastNamesAsync(page);
        Assert.True(names.IndexOf("Lu") >= 0 && names.IndexOf("Lu") < names.IndexOf("Picard") && names.IndexOf("Picard") < names.IndexOf("Seldon"),
            string.Join(", ", names));
        await ConsoleBrowser.ScreenshotAsync(page, "users-list");

        await page.FillAsync("form.filter input[name=q]", "sel");
        await page.PressAsync("form.filter input[name=q]", "Enter");
        await page.WaitForURLAsync("**/users?q=sel");
        Assert.Equal(["Seldon"], await LastNamesAsync(page));
        var row = page.Locator("table.users tbody tr");
        Assert.Contains("Yealink T46S", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Pont de conférence", await row.InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("table.users a:text-is('Seldon')");
        await page.WaitForURLAsync("**/users/*");
        Assert.Equal("Cédric Seldon", await page.InnerTextAsync("h1"));
        Assert.Equal("Informations générales", await page.InnerTextAsync(".tabs a.active"));
        Assert.Equal("cseldon@15rp.sewan.eu", await page.InputValueAsync("#login"));
        await ConsoleBrowser.ScreenshotAsync(page, "users-record");

        foreach (var tab in new[] { "services", "fixed", "status" })
        {
            await page.ClickAsync($".tabs a[data-tab={tab}]");
            await page.WaitForURLAsync($"**/users/*?tab={tab}");
            await ConsoleBrowser.ScreenshotAsync(page, "users-record-" + tab);
        }
        Assert.Contains("Yealink T46S", await page.InnerTextAsync("section.status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_made_in_the_console_is_saved_tab_by_tab()
    {
        var page = await browser.SignedInAsync(Admin);
        await NewWagramUserAsync(page, "Onglets", "Paul");
        Assert.Equal("ponglets@15rp.sewan.eu", await page.InputValueAsync("#login"));

        await page.FillAsync("#Input_Function", "Directeur technique");
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForURLAsync("**/users/*?tab=general");
        Assert.Equal("Directeur technique", await page.InputValueAsync("#Input_Function"));
    }

    [Fact]
    public async Task A_bad_email_shows_the_French_error_next_to_the_field_and_keeps_what_was_typed()
    {
        var page = await browser.SignedInAsync(Admin);
        await OpenMandarUserAsync(page, "Seldon");
        var function = await page.InputValueAsync("#Input_Function");

        await page.FillAsync("#Input_Email", "cseldon-at-15rp");
        await page.FillAsync("#Input_Function", "Non enregistré");
        await page.ClickAsync("[data-tool=save]");

        var error = await page.WaitForSelectorAsync(".field-validation-error[data-valmsg-for='Input.Email']");
        Assert.Equal("« cseldon-at-15rp » n'est pas une adresse e-mail.", await error!.InnerTextAsync());
        Assert.Equal("Non enregistré", await page.InputValueAsync("#Input_Function"));
        await ConsoleBrowser.ScreenshotAsync(page, "users-record-error");
        await page.ClickAsync("[data-tool=reset]");
        await page.WaitForURLAsync("**/users/*?tab=general");
        Assert.Equal("", await page.InputValueAsync("#Input_Email"));
        Assert.Equal(function, await page.InputValueAsync("#Input_Function"));
    }

    [Fact]
    public async Task In_English_the_record_and_its_errors_are_in_English()
    {
        var page = await browser.SignedInAsync(Admin, "en-GB");
        await OpenMandarUserAsync(page, "Seldon");
        Assert.Equal("General information", await page.InnerTextAsync(".tabs a.active"));

        await page.FillAsync("#Input_Email", "cseldon-at-15rp");
        await page.ClickAsync("[data-tool=save]");

        var error = await page.WaitForSelectorAsync(".field-validation-error[data-valmsg-for='Input.Email']");
        Assert.Equal("'cseldon-at-15rp' is not an e-mail address.", await error!.InnerTextAsync());
    }

    [Fact]
    public async Task Two_browsers_edit_the_same_user_and_the_second_save_shows_both_versions_and_overwrites_nothing()
    {
        var first = await browser.SignedInAsync(Admin);
        var userUrl = await NewWagramUserAsync(first, "Conflit", "Anne");
        var second = await browser.SignedInAsync(Admin);
        await second.GotoAsync(userUrl);

        await first.FillAsync("#Input_Function", "Version du premier");
        await first.ClickAsync("[data-tool=save]");
        await first.WaitForURLAsync("**/users/*?tab=general");
        await second.FillAsync("#Input_Function", "Version du second");
        await second.ClickAsync("[data-tool=save]");

        var conflict = await second.WaitForSelectorAsync("section.conflict");
        var differs = second.Locator("section.conflict tr.differs");
        Assert.Equal(1, await differs.CountAsync());
        Assert.Equal("Version du premier", await differs.Locator("td.theirs").InnerTextAsync());
        Assert.Equal("Version du second", await differs.Locator("td.yours").InnerTextAsync());
        Assert.Equal("Version du second", await second.InputValueAsync("#Input_Function"));
        await ConsoleBrowser.ScreenshotAsync(second, "users-conflict");

        await first.ReloadAsync();
        Assert.Equal("Version du premier", await first.InputValueAsync("#Input_Function"));
    }

    [Fact]
    public async Task A_renewed_SIP_password_is_shown_once_and_is_gone_on_reload()
    {
        var page = await browser.SignedInAsync(Admin);
        var userUrl = await NewWagramUserAsync(page, "Renouvel", "Jean");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync(".tabs a[data-tab=fixed]");
        await page.WaitForURLAsync("**?tab=fixed");

        await page.ClickAsync("[data-action=renew-sip]");

        var shown = await page.WaitForSelectorAsync("#sip-password");
        Assert.Matches("^[A-Za-z0-9]{24}$", await shown!.InnerTextAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "users-record-sip-password");
        await page.GotoAsync(userUrl + "?tab=fixed");
        Assert.Equal(0, await page.Locator("#sip-password").CountAsync());
        Assert.Equal("Téléphonie fixe", await page.InnerTextAsync(".tabs a.active"));
    }

    [Fact]
    public async Task A_users_CSV_with_one_broken_row_imports_nothing_and_a_good_one_imports_every_row()
    {
        var page = await browser.SignedInAsync(Admin);
        await OpenWagramAsync(page);
        await page.ClickAsync("[data-tool=import]");
        await page.WaitForURLAsync("**/users/import");

        await PreviewAsync(page, "lastName;firstName;email\nImport;Léa;lea.import@15rp.fr\nImport;Hugo;hugo-at-15rp\n");
        var bad = page.Locator("tr.bad-row td.bad[data-column=email] .field-error");
        Assert.Equal("« hugo-at-15rp » n'est pas une adresse e-mail.", await bad.InnerTextAsync());
        Assert.Equal(3, int.Parse(await page.Locator("tr.bad-row").GetAttributeAsync("data-row") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, await page.Locator("[data-action=import]").CountAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "users-import");
        // Nothing was written: the site's list has no user named Import.
        await page.ClickAsync("[data-tool=cancel]");
        await page.WaitForURLAsync("**/sites/*/users");
        Assert.DoesNotContain("Import", await LastNamesAsync(page));

        // Another file, from the import page afresh.
        await page.ClickAsync("[data-tool=import]");
        await page.WaitForURLAsync("**/users/import");
        await PreviewAsync(page, "lastName;firstName;services\nImport;Léa;FixedTelephony\nImport;Hugo;FixedTelephony Fax\n");
        Assert.Equal("limport@15rp.sewan.eu", await page.InnerTextAsync("tr[data-row='2'] td[data-column=login]"));
        Assert.Equal("himport@15rp.sewan.eu", await page.InnerTextAsync("tr[data-row='3'] td[data-column=login]"));
        await ConsoleBrowser.ScreenshotAsync(page, "users-import-preview");
        await page.ClickAsync("[data-action=import]");
        await page.WaitForURLAsync("**/sites/*/users");

        Assert.Equal("2 utilisateur(s) importé(s).", await page.InnerTextAsync("p.notice"));
        var list = await page.InnerTextAsync("table.users");
        Assert.Contains("limport@15rp.sewan.eu", list, StringComparison.Ordinal);
        Assert.Contains("himport@15rp.sewan.eu", list, StringComparison.Ordinal);
        Assert.DoesNotContain("hugo-at-15rp", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previous_and_next_move_between_the_sites_users_in_the_lists_order()
    {
        var page = await browser.SignedInAsync(Admin);
        await OpenMandarUserAsync(page, "Lu");
        Assert.Equal(0, await page.Locator("[data-tool=previous]").CountAsync());

        await page.ClickAsync("[data-tool=next]");
        await page.WaitForSelectorAsync("h1:text-is('Noémie Picard')");
        await page.ClickAsync("[data-tool=next]");
        await page.WaitForSelectorAsync("h1:text-is('Cédric Seldon')");
        await page.ClickAsync("[data-tool=previous]");
        await page.WaitForSelectorAsync("h1:text-is('Noémie Picard')");
        await page.ClickAsync("[data-tool=first]");
        await page.WaitForSelectorAsync("h1:text-is('Ricardo Lu')");
        await page.ClickAsync("[data-tool=up]");
        await page.WaitForURLAsync("**/sites/*/users");
    }

    private static async Task<List<string>> LastNamesAsync(IPage page) =>
        [.. await page.Locator("table.users tbody tr td:first-child").AllInnerTextsAsync()];

    private static async Task OpenMandarUserAsync(IPage page, string lastName)
    {
        await page.GotoAsync("/");
        await page.ClickAsync("table.list a:text-is('Mandar')");
        await page.WaitForURLAsync("**/sites/*/users");
        // The link is followed rather than clicked: once, with every test collection sharing two cores, the click
        // left the page idle on the list for the whole 30 s wait. What this helper opens, not how, is under test here.
        var href = await page.Locator($"table.users a:text-is('{lastName}')").GetAttributeAsync("href");
        await page.GotoAsync(href!);
        await page.WaitForURLAsync("**/users/*");
    }

    private static async Task OpenWagramAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.ClickAsync("table.list a:text-is('Wagram')");
        await page.WaitForURLAsync("**/sites/*/users");
    }

    /// <summary>Adds a user to Wagram through the console's own form; answers the new record's address.</summary>
    private static async Task<string> NewWagramUserAsync(IPage page, string lastName, string firstName)
    {
        await OpenWagramAsync(page);
        await page.ClickAsync("[data-tool=add]");
        await page.WaitForURLAsync("**/users/new");
        await page.FillAsync("#Input_LastName", lastName);
        await page.FillAsync("#Input_FirstName", firstName);
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, @"/users/\d+$"));
        return new Uri(page.Url).AbsolutePath;
    }

    private static async Task PreviewAsync(IPage page, string csv)
    {
        await page.SetInputFilesAsync("input[type=file][name=Upload]", new FilePayload
        {
            Name = "users.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.ClickAsync("[data-action=preview]");
        await page.WaitForSelectorAsync("table.preview");
    }
}
