using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Console;

/// <summary>
/// Contacts and call-restriction profiles in a real browser: external contacts with their French errors and an import
/// that shows a broken row and writes nothing, the internal contacts, a user's own contacts and what a plain user may
/// read. Every test makes its own records: the demo's stay as they are for the other tests.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ContactsTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task An_external_contact_with_a_bad_phone_shows_the_French_error_next_to_the_field_then_saves_with_a_short_number_given()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await page.ClickAsync(".menu a:text('Contacts externes')");
        Assert.Contains("Bieth", await page.InnerTextAsync("table.list"), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "contacts-external");

        await page.ClickAsync("[data-tool=add]");
        await page.FillAsync("#Input_LastName", "Vasseur");
        await page.FillAsync("#Input_FirstName", "Agathe");
        await page.FillAsync("#Input_Phone", "12ab");
        await page.FillAsync("#Input_Company", "Soucht");
        await page.ClickAsync("[data-tool=save]");

        Assert.Equal("« 12ab » n'est pas un numéro de téléphone.", await page.InnerTextAsync("[data-valmsg-for='Input.Phone']"));
        Assert.Equal("Vasseur", await page.InputValueAsync("#Input_LastName"));
        Assert.Equal("Soucht", await page.InputValueAsync("#Input_Company"));
        await ConsoleBrowser.ScreenshotAsync(page, "contacts-external-error");

        await page.FillAsync("#Input_Phone", "0354698600");
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForURLAsync(url => url.EndsWith("/contacts/external", StringComparison.Ordinal));
        var row = page.Locator("table.list tbody tr", new() { HasText = "Vasseur" });
        Assert.Matches("^5\\d{2,4}$", (await row.Locator(".short-number").First.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task An_external_contacts_file_with_one_broken_row_shows_the_error_in_its_cell_and_imports_nothing()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await page.ClickAsync(".menu a:text('Contacts externes')");
        var before = await page.InnerTextAsync(".pager");
        await page.ClickAsync("[data-tool=import]");

        var csv = "lastName;firstName;phone;email\nGarnier;Louis;0145678901;louis@garnier.fr\nRenaud;Sophie;pas-un-numero;sophie@renaud.fr\n";
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("[data-action=preview]");

        var broken = page.Locator("tr[data-row='3'] td.bad[data-column=phone]");
        Assert.Equal("« pas-un-numero » n'est pas un numéro de téléphone.", await broken.Locator(".field-error").InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-action=import]").CountAsync());
        Assert.Contains("rien ne sera importé", await page.InnerTextAsync(".import-preview"), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "contacts-import-preview");

        await page.ClickAsync("[data-tool=cancel]");
        Assert.Equal(before, await page.InnerTextAsync(".pager"));
        Assert.DoesNotContain("Garnier", await page.InnerTextAsync("table.list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_internal_contacts_list_users_and_hunt_groups_with_their_short_numbers()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await page.ClickAsync(".menu a:text('Contacts internes')");

        var lu = page.Locator("table.list tbody tr", new() { HasText = "Ricardo Lu" });
        Assert.Contains("+33185737638", await lu.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("4638", await lu.InnerTextAsync(), StringComparison.Ordinal);
        var group = page.Locator("table.list tbody tr", new() { HasText = "Groupe d'appel Support" });
        Assert.Contains("Groupe d'appels", await group.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Contacts internes", await page.InnerTextAsync(".menu a.active"));
        await ConsoleBrowser.ScreenshotAsync(page, "contacts-internal");
    }

    [Fact]
    public async Task A_plain_user_reads_the_external_contacts_without_writing_and_cannot_open_the_profiles()
    {
        var page = await SelfCareAsync("rlu@15rp.sewan.eu");
        await page.ClickAsync(".menu a:text('Contacts externes')");

        Assert.Contains("Morian", await page.InnerTextAsync("table.list"), StringComparison.Ordinal);
        Assert.Equal("Contacts externes", await page.InnerTextAsync(".menu a.active"));
        foreach (var tool in new[] { "add", "import", "delete", "save" })
        {
            Assert.Equal(0, await page.Locator($"[data-tool={tool}]").CountAsync());
        }
        Assert.Equal(0, await page.Locator("table.list tbody a[href*='/contacts/external/']").CountAsync());

        var clientId = ClientOf().Match(page.Url).Groups["client"].Value;
        var refused = await page.GotoAsync($"/clients/{clientId}/restrictions");
        Assert.Equal(403, refused!.Status);
        Assert.Contains("/denied", page.Url, StringComparison.Ordinal);
        Assert.Equal("Accès refusé", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task A_user_adds_a_personal_contact_and_sees_it_in_their_phonebook()
    {
        var page = await SelfCareAsync("njoly@15rp.sewan.eu");
        await page.ClickAsync("[data-tool=add]");
        await page.FillAsync("#Input_Civility", "Mme");
        await page.FillAsync("#Input_LastName", "Lefèvre");
        await page.FillAsync("#Input_FirstName", "Claire");
        await page.FillAsync("#Input_Phone", "0612");
        await page.ClickAsync("[data-tool=save]");
        Assert.Contains("n'est pas", await page.InnerTextAsync("[data-valmsg-for='Input.Phone']"), StringComparison.Ordinal);

        await page.FillAsync("#Input_Phone", "0612345678");
        await page.FillAsync("#Input_Company", "Bdfg");
        await page.ClickAsync("[data-tool=save]");
        await page.WaitForURLAsync(url => url.EndsWith("/contacts", StringComparison.Ordinal));
        var row = page.Locator("table.list tbody tr", new() { HasText = "Lefèvre" });
        Assert.Contains("0612345678", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Contacts personnels", await page.InnerTextAsync(".menu a.active"));
        await ConsoleBrowser.ScreenshotAsync(page, "contacts-personal");
    }

    [Fact]
    public async Task An_admin_makes_a_call_restriction_profile_in_English_and_sees_what_it_allows()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu", "en-GB");
        await page.ClickAsync(".menu a:text('Restriction profiles')");
        await page.ClickAsync("[data-tool=add]");
        await page.FillAsync("#Input_Name", "No international");
        await page.FillAsync("#Input_Description", "Internal, national and mobile calls");
        foreach (var category in new[] { "internal", "national", "mobile" })
        {
            await page.CheckAsync($"input[name='Input.Allowed'][value={category}]");
        }
        await page.ClickAsync("[data-tool=save]");

        await page.WaitForURLAsync(url => url.EndsWith("/restrictions", StringComparison.Ordinal));
        var row = page.Locator("table.list tbody tr", new() { HasText = "No international" });
        Assert.Equal(["Internal calls", "National", "Mobiles"], await row.Locator("li.allowed").AllInnerTextsAsync());
        Assert.Equal(["International", "Premium-rate numbers"], await row.Locator("li.barred").AllInnerTextsAsync());
        Assert.Equal("Restriction profiles", await page.InnerTextAsync(".menu a.active"));
        await ConsoleBrowser.ScreenshotAsync(page, "restrictions");

        await row.Locator("a").First.ClickAsync();
        await page.FillAsync("#Input_Name", "");
        await page.EvaluateAsync("document.querySelector('#Input_Name').removeAttribute('required')");
        await page.ClickAsync("[data-tool=save]");
        Assert.Equal("This field is required.", await page.InnerTextAsync("[data-valmsg-for='Input.Name']"));
    }

    /// <summary>A plain user signed in, on their personal contacts (their self-care landing page is another area's).</summary>
    private async Task<IPage> SelfCareAsync(string login)
    {
        var page = await browser.SignedInAsync(login);
        var userId = UserOf().Match(page.Url).Groups["user"].Value;
        Assert.NotEmpty(userId);
        await page.GotoAsync($"/users/{userId}/contacts");
        return page;
    }

    [GeneratedRegex("/clients/(?<client>\\d+)/")]
    private static partial Regex ClientOf();

    [GeneratedRegex("/users/(?<user>\\d+)")]
    private static partial Regex UserOf();
}
