using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Console;

/// <summary>
/// The console's day of work from end to end, as the issue tells it: the 15RP admin finds Cédric Seldon, moves the demo
/// T54W to the client stock and back to Mandar, gives it to Noémie Picard, adds on Ricardo Lu a supervision of her, and
/// the file Ricardo's VVX 450 then fetches over <c>/prov</c> with digest carries that key. Everything is put back as it
/// was at the end, since the collection's other tests use the same demo.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class AdminScenarioTests(ConsoleBrowser browser)
{
    private const string Admin = "admin@15rp.sewan.eu";
    private const string T54w = "00:15:65:AA:00:01";
    private const string Vvx450 = "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application";
    private const string Label = "Noémie (scénario)";
    private const string Rows = "[data-key-rows] [data-key-row]";

    private readonly Curl curl = new(browser.Sophia.BaseAddress);

    [Fact]
    public async Task The_admin_moves_the_T54W_gives_it_to_Noemie_and_Ricardos_VVX_450_fetches_his_new_supervision_of_her()
    {
        var page = await browser.SignedInAsync(Admin);

        // Search "Seldon" from the header: he comes first, among the users.
        await page.FillAsync("header .search input[name=q]", "Seldon");
        await page.PressAsync("header .search input[name=q]", "Enter");
        await page.WaitForURLAsync("**/search?q=Seldon");
        Assert.Equal("Cédric Seldon", await page.Locator("section[data-group=users] tbody tr a").First.InnerTextAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "scenario-search");

        // Mandar's equipment: the T54W is in its stock; up to the client stock.
        await OpenMandarEquipmentAsync(page);
        var t54w = page.Locator($"#site-equipment tr[data-mac='{T54w}']");
        await t54w.Locator("input[name=Selected]").CheckAsync();
        await page.ClickAsync("#move-up");
        Assert.Equal("1 équipement(s) remonté(s) dans le stock général.", await page.InnerTextAsync(".notice[role=status]"));
        Assert.Equal(0, await page.Locator($"#site-equipment tr[data-mac='{T54w}']").CountAsync());

        // From the client stock back down to Mandar.
        await page.ClickAsync("#upper-open");
        await page.Locator($"#upper-equipment tr[data-mac='{T54w}'] input[name=Bring]").CheckAsync();
        await page.ClickAsync("#move-down");
        await page.WaitForSelectorAsync($"#site-equipment tr[data-mac='{T54w}']");

        // Given to Noémie Picard.
        try
        {
            var row = page.Locator($"#site-equipment tr[data-mac='{T54w}']");
            await row.Locator($"select[data-assign-to='{T54w}']").SelectOptionAsync(new SelectOptionValue { Label = "Noémie Picard (njoly@15rp.sewan.eu)" });
            await row.Locator("[data-action=assign]").ClickAsync();
            await page.WaitForSelectorAsync(".notice[role=status]");
            await page.CheckAsync("#show-assigned");
            await page.WaitForURLAsync(ShowAssigned());
            Assert.Equal("njoly@15rp.sewan.eu", await page.InnerTextAsync($"#site-equipment tr[data-mac='{T54w}'] td.user a"));
            await ConsoleBrowser.ScreenshotAsync(page, "scenario-equipment-assigned");

            await AddSupervisionOnRicardoAsync(page);
            try
            {
                var fetched = await curl.RunAsync("/prov/0004f2a1b2c3-sophia.cfg", "--digest", "-u", "15rp:prov-demo", "-A", Vvx450);
                Assert.Equal(200, fetched.Status);
                var label = LabelLine().Match(fetched.Body);
                Assert.True(label.Success, "The VVX 450's file has no key labelled " + Label + ".");
                var index = label.Groups["index"].Value;
                // Noémie's SIP identity is her login's local part at the client's SIP domain.
                Assert.Contains($"attendant.resourceList.{index}.address=\"sip:njoly@", fetched.Body, StringComparison.Ordinal);
            }
            finally
            {
                await RemoveSupervisionOnRicardoAsync(page);
            }
        }
        finally
        {
            await OpenMandarEquipmentAsync(page, assigned: true);
            var assigned = page.Locator($"#site-equipment tr[data-mac='{T54w}'] [data-action=unassign]");
            if (await assigned.CountAsync() > 0)
            {
                await assigned.ClickAsync();
                await page.WaitForSelectorAsync(".notice[role=status]");
            }
        }
    }

    private static async Task OpenMandarEquipmentAsync(IPage page, bool assigned = false)
    {
        await page.GotoAsync("/sites/1/equipment" + (assigned ? "?assigned=1" : ""));
        Assert.Equal("Mandar", await page.InnerTextAsync(".breadcrumb [aria-current=page]"));
    }

    private static async Task AddSupervisionOnRicardoAsync(IPage page)
    {
        await OpenRicardosKeysAsync(page);
        await page.ClickAsync("#add-key");
        var row = page.Locator(Rows).Last;
        await row.Locator("[data-field=kind]").SelectOptionAsync("Supervision");
        await row.Locator("[data-field=contact]").SelectOptionAsync(new SelectOptionValue { Label = "Noémie Picard (+33185737637)" });
        await row.Locator("[data-field=label]").FillAsync(Label);
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForSelectorAsync(".notice[role=status]");
        Assert.Equal(1, await page.Locator($"{Rows} [data-field=label][value='{Label}']").CountAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "scenario-keys");
    }

    private static async Task RemoveSupervisionOnRicardoAsync(IPage page)
    {
        await OpenRicardosKeysAsync(page);
        var rows = page.Locator(Rows).Filter(new LocatorFilterOptions { Has = page.Locator($"[data-field=label][value='{Label}']") });
        if (await rows.CountAsync() == 0)
        {
            return;
        }
        await rows.Locator("[data-remove]").ClickAsync();
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForSelectorAsync(".notice[role=status]");
    }

    private static async Task OpenRicardosKeysAsync(IPage page)
    {
        // Ricardo is the only match: the search opens his record at once.
        await page.GotoAsync("/search?q=Ricardo");
        await page.WaitForURLAsync(UserRecord());
        await page.ClickAsync(".menu a:text-is('Touches de fonction')");
        await page.WaitForURLAsync(KeysPage());
        Assert.Contains("Ricardo Lu", await page.InnerTextAsync(".breadcrumb"), StringComparison.Ordinal);
    }

    [GeneratedRegex("attendant\\.resourceList\\.(?<index>\\d+)\\.label=\"Noémie \\(scénario\\)\"")]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"/users/\d+(\?.*)?$")]
    private static partial Regex UserRecord();

    [GeneratedRegex(@"/users/\d+/keys$")]
    private static partial Regex KeysPage();

    [GeneratedRegex(@"assigned=1")]
    private static partial Regex ShowAssigned();
}
