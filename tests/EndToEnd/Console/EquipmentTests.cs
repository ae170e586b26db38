using Microsoft.Playwright;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Console;

/// <summary>
/// The client admin's stock in a real browser: a phone of its own goes from the general stock down to Mandar, up again and
/// back down, is assigned to a user, then put back and deleted (the demo's phones and counts are left as they were); an
/// import with a broken row shows the row's error and writes nothing; a site's numbers with "Afficher les attribués".
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EquipmentTests(ConsoleBrowser browser)
{
    private const string Admin = "admin@15rp.sewan.eu";
    private const string Mandar = "/sites/1/equipment";
    private const string Stock = "/clients/1/stock";

    [Fact]
    public async Task The_admin_moves_a_phone_down_to_a_site_up_to_the_general_stock_and_back_then_assigns_it_to_a_user()
    {
        const string mac = "00:15:65:E2:E0:01";
        var page = await browser.SignedInAsync(Admin);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        // A phone of the test's own, typed in: it lands in the general stock.
        await page.GotoAsync("/clients/1/stock/new");
        await page.FillAsync("#Input_Mac", mac);
        await page.SelectOptionAsync("#Input_Model", "yealink-t46s");
        await page.FillAsync("#Input_Label", "Essai E2E");
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForURLAsync("**" + Stock);
        Assert.Equal($"L'équipement {mac} a été ajouté au stock général.", await page.InnerTextAsync("[role=status]"));
        Assert.Equal(1, await page.Locator(Row("client-stock", mac)).CountAsync());
        Assert.Equal("Stock général", await page.InnerTextAsync(".menu a.active"));
        await ConsoleBrowser.ScreenshotAsync(page, "equipment-stock");

        // From the general stock down to Mandar.
        var mandarBefore = await InStockAsync(page, "Mandar");
        await page.CheckAsync(Row("client-stock", mac) + " input[name=Selected]");
        await page.SelectOptionAsync("#SiteId", new SelectOptionValue { Label = "Mandar" });
        await page.ClickAsync("#move-down");
        await page.WaitForSelectorAsync(Row("client-stock", mac), new() { State = WaitForSelectorState.Detached });
        Assert.Equal(mandarBefore + 1, await InStockAsync(page, "Mandar"));

        // From Mandar up to the general stock.
        await page.GotoAsync(Mandar);
        Assert.Equal("Équipements", await page.InnerTextAsync(".menu a.active"));
        Assert.True(await page.IsDisabledAsync("#move-up"));
        await page.CheckAsync(Row("site-equipment", mac) + " input[name=Selected]");
        await page.ClickAsync("#move-up");
        await page.WaitForSelectorAsync(Row("site-equipment", mac), new() { State = WaitForSelectorState.Detached });

        // Back down from the upper stock to Mandar.
        await page.ClickAsync("#upper-open");
        await page.CheckAsync(Row("upper-equipment", mac) + " input[name=Bring]");
        await page.ClickAsync("#move-down");
        await page.WaitForSelectorAsync(Row("site-equipment", mac));
        Assert.Equal(0, await page.Locator(Row("upper-equipment", mac)).CountAsync());

        // Assigned to Noémie Picard: it leaves the site's stock, and shows with the assigned ones.
        var user = await page.GetAttributeAsync($"select[data-assign-to='{mac}'] option[data-login='njoly@15rp.sewan.eu']", "value");
        await page.SelectOptionAsync($"select[data-assign-to='{mac}']", user!);
        await page.ClickAsync(Row("site-equipment", mac) + " [data-action=assign]");
        await page.WaitForSelectorAsync(Row("site-equipment", mac), new() { State = WaitForSelectorState.Detached });
        await page.CheckAsync("#show-assigned");
        await page.WaitForURLAsync("**assigned=1**");
        Assert.Contains("njoly@15rp.sewan.eu", await page.InnerTextAsync(Row("site-equipment", mac) + " td.user"), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "equipment-site");

        // Put back as it was: unassigned, then deleted from its record.
        await page.ClickAsync(Row("site-equipment", mac) + " [data-action=unassign]");
        await page.WaitForSelectorAsync($"select[data-assign-to='{mac}']");
        await page.GotoAsync("/equipment/001565e2e001");
        await page.ClickAsync("[data-tool=delete]");
        await page.WaitForURLAsync("**" + Mandar);
        Assert.Equal($"L'équipement {mac} a été supprimé.", await page.InnerTextAsync("[role=status]"));
        Assert.Equal(0, await page.Locator(Row("site-equipment", mac)).CountAsync());
    }

    [Fact]
    public async Task An_import_with_a_broken_row_shows_its_error_next_to_the_cell_and_imports_nothing()
    {
        var page = await browser.SignedInAsync(Admin);
        await page.GotoAsync("/clients/1/stock/import");
        await page.SetInputFilesAsync("#import-file", new FilePayload
        {
            Name = "equipements.csv",
            MimeType = "text/csv",
            Buffer = "mac;model;serial;label\n00:15:65:E2:E1:01;T46S;SN-1;Accueil\n00:15:65:E2:E1:0Z;T46S;SN-2;Salle\n"u8.ToArray(),
        });
        await page.ClickAsync("#import-preview");

        var cell = "tr[data-row='3'] td.bad[data-column=mac]";
        Assert.StartsWith("« 00:15:65:E2:E1:0Z » n'est pas une adresse MAC", await page.InnerTextAsync(cell + " .field-error"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("tr[data-row='2'] td.bad").CountAsync());
        Assert.Equal(0, await page.Locator("#import-confirm").CountAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "equipment-import");

        await page.GotoAsync(Stock);
        Assert.Equal(0, await page.Locator(Row("client-stock", "00:15:65:E2:E1:01")).CountAsync());
    }

    [Fact]
    public async Task The_numbers_show_the_free_ones_and_with_Afficher_les_attribues_who_has_each()
    {
        var page = await browser.SignedInAsync(Admin);
        await page.GotoAsync("/sites/1/numbers");
        Assert.Equal("Numéros internes", await page.InnerTextAsync(".menu a.active"));
        Assert.Equal(1, await page.Locator("#numbers tr[data-number='+33185737641']").CountAsync());
        Assert.Equal(0, await page.Locator("#numbers tr[data-number='+33185737636']").CountAsync());

        await page.CheckAsync("#show-assigned");
        await page.WaitForURLAsync("**assigned=1**");

        var seldon = await page.InnerTextAsync("#numbers tr[data-number='+33185737636']");
        Assert.Contains("cseldon@15rp.sewan.eu", seldon, StringComparison.Ordinal);
        Assert.Contains("16/05/2016 16:16", seldon, StringComparison.Ordinal);
        Assert.Contains("Serveur vocal interactif", await page.InnerTextAsync("#numbers tr[data-number='+33185737639']"), StringComparison.Ordinal);
        Assert.True(await page.IsCheckedAsync("#show-assigned"));
        await ConsoleBrowser.ScreenshotAsync(page, "numbers");
    }

    [Fact]
    public async Task In_English_the_site_shows_its_equipment_and_the_general_stock_its_counts()
    {
        var page = await browser.SignedInAsync(Admin, "en-GB");
        await page.GotoAsync(Mandar);
        Assert.Equal("Show assigned equipment", (await page.InnerTextAsync("label:has(#show-assigned)")).Trim());
        Assert.Equal(1, await page.Locator(Row("site-equipment", "00:15:65:AA:00:01")).CountAsync());

        await page.CheckAsync("#show-assigned");
        await page.WaitForURLAsync("**assigned=1**");
        Assert.Contains("cseldon@15rp.sewan.eu", await page.InnerTextAsync(Row("site-equipment", "00:15:65:98:8C:06")), StringComparison.Ordinal);

        await page.GotoAsync(Stock);
        Assert.Equal("The stock in figures", await page.InnerTextAsync("#stock-chart-title"));
        Assert.Equal(1, await page.Locator(Row("client-stock", "00:15:65:AA:00:02")).CountAsync());
    }

    private static string Row(string table, string mac) => $"#{table} tr[data-mac='{mac}']";

    /// <summary>The phones in a site's stock as the chart of the general stock draws them.</summary>
    private static async Task<int> InStockAsync(IPage page, string site) =>
        int.Parse(await page.GetAttributeAsync($".stock-chart tr[data-site='{site}']", "data-in-stock") ?? "", System.Globalization.CultureInfo.InvariantCulture);
}
