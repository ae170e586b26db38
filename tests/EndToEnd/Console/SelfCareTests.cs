using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Console;

/// <summary>
/// A plain user's self-care in a real browser: their function keys (added, moved with the arrow buttons, saved, drawn on
/// their phone), their phones and a phone's settings; and nothing of anyone else's. Ricardo Lu's keys and settings are
/// put back as they were, since other tests of the collection use his VVX 450.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SelfCareTests(ConsoleBrowser browser)
{
    private const string Lu = "rlu@15rp.sewan.eu";
    private const string LuVvx450 = "00:04:F2:A1:B2:C3";
    private const string Rows = "[data-key-rows] [data-key-row]";

    [Fact]
    public async Task Ricardo_adds_a_supervision_of_Noemie_moves_it_up_with_the_arrows_saves_and_sees_it_on_his_VVX_450()
    {
        var page = await browser.SignedInAsync(Lu);
        Assert.Matches(KeysAddress(), page.Url);
        Assert.Equal("Touches de fonction", await page.InnerTextAsync(".menu a.active"));
        var before = await page.Locator(Rows).CountAsync();

        await AddKeyAsync(page, "SpeedDial", "0654897845", "Chloé test");
        var supervision = await AddKeyAsync(page, "Supervision", "Noémie Picard (+33185737637)", "Noémie test");
        // Keyboard only: focus the new key's up arrow and press Enter.
        await supervision.Locator("[data-move=up]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(before + 1, await PositionAsync(page, "Noémie test"));
        Assert.Equal(before + 2, await PositionAsync(page, "Chloé test"));
        await page.ClickAsync("[data-tool=save]");

        await page.WaitForSelectorAsync(".notice[role=status]");
        Assert.Equal(before + 1, await PositionAsync(page, "Noémie test"));
        var index = (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var drawn = page.Locator($".phone-drawing[data-mac='{LuVvx450}'] .slot[data-function-key='{index}']");
        Assert.Equal("Noémie test", await drawn.Locator(".slot-label").InnerTextAsync());
        Assert.Equal("blf", await drawn.GetAttributeAsync("data-kind"));
        // His line takes the first line key; his keys follow it in their order.
        Assert.Equal((before + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), await drawn.GetAttributeAsync("data-number"));
        Assert.Contains("Polycom VVX 450 : touche", await RowOf(page, "Noémie test").Locator("[data-placement]").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "selfcare-keys");

        await RemoveKeysAsync(page, "Noémie test", "Chloé test");
        Assert.Equal(before, await page.Locator(Rows).CountAsync());
    }

    [Fact]
    public async Task An_admin_gives_Ricardo_more_keys_than_his_VVX_450_has_and_sees_them_go_to_its_expansion_module()
    {
        var page = await browser.SignedInAsync(Lu);
        var keysPage = page.Url;
        var admin = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await admin.GotoAsync(keysPage);
        var before = await admin.Locator(Rows).CountAsync();
        var labels = Enumerable.Range(1, 13 - before).Select(i => $"Module {i:D2}").ToArray();
        foreach (var (label, i) in labels.Select((l, i) => (l, i)))
        {
            await AddKeyAsync(admin, "SpeedDial", $"01000000{i:D2}", label);
        }
        // Drag and drop: the last key taken by its handle and dropped on the first new one.
        await admin.Locator($"{Rows} .drag-handle").Last.DragToAsync(admin.Locator(Rows).Nth(before));
        Assert.Equal(before + 1, await PositionAsync(admin, labels[^1]));
        await admin.ClickAsync("[data-tool=save]");
        await admin.WaitForSelectorAsync(".notice[role=status]");

        var module = admin.Locator($".phone-drawing[data-mac='{LuVvx450}'] .expansion[data-module='1']");
        Assert.Equal("Module VVX EM50 n° 1", await module.Locator(".module-name").InnerTextAsync());
        Assert.Equal(66, await module.Locator(".slot").CountAsync());
        Assert.Equal("speed_dial", await module.Locator(".slot[data-number='1']").GetAttributeAsync("data-kind"));
        var last = RowOf(admin, labels[^2]).Locator("[data-placement]");
        Assert.Contains("Polycom VVX 450 : module 1, touche 2", await last.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Visible seulement si le module d'extension VVX EM50 n° 1 est branché.", await last.InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(admin, "selfcare-keys-expansion");

        await RemoveKeysAsync(admin, labels);
        Assert.Equal(before, await admin.Locator(Rows).CountAsync());
    }

    [Fact]
    public async Task A_speed_dial_to_abc_shows_the_French_error_next_to_that_key_and_saves_nothing()
    {
        var page = await browser.SignedInAsync(Lu);
        var before = await page.Locator(Rows).CountAsync();

        await AddKeyAsync(page, "SpeedDial", "abc", "Mauvais numéro");
        await page.ClickAsync("[data-tool=save]");

        var error = RowOf(page, "Mauvais numéro").Locator("[data-valmsg-for$='.Number']");
        Assert.Equal("« abc » n'est pas un numéro à composer (2 à 20 chiffres, + en tête, * et # permis).", await error.InnerTextAsync());
        Assert.Equal("abc", await RowOf(page, "Mauvais numéro").Locator("[data-field=number]").InputValueAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "selfcare-keys-error");
        await page.ClickAsync("[data-tool=reset]");
        await page.WaitForURLAsync(KeysAddress());
        Assert.Equal(before, await page.Locator(Rows).CountAsync());
    }

    [Fact]
    public async Task Ricardo_cannot_open_another_users_keys_nor_an_admin_page()
    {
        var page = await browser.SignedInAsync(Lu);
        var seldon = await SeldonsIdAsync(page);

        var keys = await page.GotoAsync($"/users/{seldon}/keys");
        Assert.Equal(404, keys!.Status);
        var phone = await page.GotoAsync($"/users/{seldon}/phones/001565988c06");
        Assert.Equal(404, phone!.Status);
        var admin = await page.GotoAsync("/clients/1/sites");
        Assert.Equal(403, admin!.Status);
        Assert.Contains("/denied", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ricardo_changes_his_VVX_450s_ringtone_and_the_lock_code_stays_set()
    {
        var page = await browser.SignedInAsync(Lu);
        await page.ClickAsync(".menu a:text-is('Postes')");
        var row = page.Locator($"tr[data-mac='{LuVvx450}']");
        Assert.Equal("Polycom VVX 450", await row.Locator("td").First.InnerTextAsync());
        Assert.Equal("Mandar", await row.Locator("td").Nth(2).InnerTextAsync());
        Assert.NotNull(await row.Locator(".state-badge[data-state]").GetAttributeAsync("data-state"));
        await ConsoleBrowser.ScreenshotAsync(page, "selfcare-phones");

        await row.Locator("td a").First.ClickAsync();
        await page.FillAsync("#LockCode", "4321");
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForSelectorAsync(".notice[role=status]");
        Assert.Equal("set", await page.GetAttributeAsync("[data-lock-code]", "data-lock-code"));
        Assert.Equal("", await page.InputValueAsync("#LockCode"));
        Assert.DoesNotContain("4321", await page.ContentAsync(), StringComparison.Ordinal);

        await page.SelectOptionAsync("#Input_Ringtone", "Ring5");
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForSelectorAsync(".notice[role=status]");
        Assert.Equal("Ring5", await page.InputValueAsync("#Input_Ringtone"));
        Assert.Equal("Code de verrouillage défini", (await page.InnerTextAsync("[data-lock-code]")).Trim());
        await ConsoleBrowser.ScreenshotAsync(page, "selfcare-phone-settings");

        await page.SelectOptionAsync("#Input_Ringtone", "");
        await page.CheckAsync("#ClearLockCode");
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForSelectorAsync(".notice[role=status]");
        Assert.Equal("unset", await page.GetAttributeAsync("[data-lock-code]", "data-lock-code"));
    }

    [Fact]
    public async Task Cedrics_T46S_offers_only_the_T46S_date_formats_to_the_admin()
    {
        var seldon = await SeldonsIdAsync(await browser.SignedInAsync(Lu));
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");

        await page.GotoAsync($"/users/{seldon}/phones/001565988c06");

        Assert.Equal("Yealink T46S (00:15:65:98:8C:06)", await page.InnerTextAsync("h1"));
        var formats = await page.Locator("#Input_DateFormat option").EvaluateAllAsync<string[]>("options => options.map(o => o.value).filter(v => v)");
        Assert.Equal(["WWW MMM DD", "DD-MMM-YY", "YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YY", "DD MMM YYYY", "WWW DD MMM"], formats);
        Assert.Equal("DD/MM/YYYY", await page.InputValueAsync("#Input_DateFormat"));
        Assert.Equal("set", await page.GetAttributeAsync("[data-lock-code]", "data-lock-code"));
        Assert.DoesNotContain("2580", await page.ContentAsync(), StringComparison.Ordinal);
        var vvx = await page.GotoAsync($"/users/{seldon}/phones/0004f2a1b2c3");
        Assert.Equal(404, vvx!.Status);
    }

    [Fact]
    public async Task In_English_Ricardo_sees_his_phones_and_their_state_in_English()
    {
        var page = await browser.SignedInAsync(Lu, "en-GB");
        await page.ClickAsync(".menu a:text-is('Phones')");

        Assert.Equal("Phones of Ricardo Lu", await page.InnerTextAsync("h1"));
        Assert.Equal(["Model", "MAC address", "Site", "Registration state"],
            (await page.Locator("table.phones-list th a").AllInnerTextsAsync()).Select(t => t.Trim(' ', '▲', '▼')));
        var state = await page.InnerTextAsync($"tr[data-mac='{LuVvx450}'] .state-badge");
        Assert.Contains(state, new[] { "Registered", "Not registered", "Unreachable", "Unknown" });
        await page.ClickAsync($"tr[data-mac='{LuVvx450}'] td a");
        Assert.Equal("Phone settings", await page.InnerTextAsync("fieldset legend"));
    }

    /// <summary>Adds a key with "+ Ajouter une touche de fonction" and fills it; its row.</summary>
    private static async Task<ILocator> AddKeyAsync(IPage page, string kind, string target, string label)
    {
        await page.ClickAsync("#add-key");
        var row = page.Locator(Rows).Last;
        await row.Locator("[data-field=kind]").SelectOptionAsync(kind);
        if (kind == "Supervision")
        {
            await row.Locator("[data-field=contact]").SelectOptionAsync(new SelectOptionValue { Label = target });
        }
        else
        {
            await row.Locator("[data-field=number]").FillAsync(target);
        }
        await row.Locator("[data-field=label]").FillAsync(label);
        return row;
    }

    /// <summary>Cédric Seldon's user id, as the supervision list of a colleague's key editor offers him.</summary>
    private static Task<string> SeldonsIdAsync(IPage keys) => keys.Locator("#new-key-row").EvaluateAsync<string>(
        "t => [...t.content.querySelectorAll('[data-field=contact] option')].find(o => o.textContent.startsWith('Cédric Seldon')).value");

    private static ILocator RowOf(IPage page, string label) =>
        page.Locator(Rows).Filter(new LocatorFilterOptions { Has = page.Locator($"[data-field=label][value='{label}']") });

    /// <summary>The 1-based place of the row whose label is <paramref name="label"/>, as its N° cell shows it.</summary>
    private static async Task<int> PositionAsync(IPage page, string label)
    {
        var labels = await page.Locator($"{Rows} [data-field=label]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
        var at = Array.IndexOf(labels, label);
        Assert.True(at >= 0, $"No key labelled {label}.");
        var shown = await page.Locator(Rows).Nth(at).Locator("[data-key-number]").InnerTextAsync();
        Assert.Equal((at + 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), shown);
        return at + 1;
    }

    private static async Task RemoveKeysAsync(IPage page, params string[] labels)
    {
        foreach (var label in labels)
        {
            await RowOf(page, label).Locator("[data-remove]").ClickAsync();
        }
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForSelectorAsync(".notice[role=status]");
    }

    [GeneratedRegex(@"/users/\d+/keys")]
    private static partial Regex KeysAddress();
}
