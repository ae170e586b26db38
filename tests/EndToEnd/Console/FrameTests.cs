using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Console;

/// <summary>The console's frame in a real browser: log in and out, the breadcrumb, the menu, the language.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FrameTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task The_admin_logs_in_in_French_sees_the_frame_and_logs_out()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");

        Assert.Contains("/clients/", page.Url, StringComparison.Ordinal);
        Assert.Equal("Bonjour admin@15rp.sewan.eu", await page.InnerTextAsync(".hello"));
        Assert.Equal("15RP", await page.InnerTextAsync(".breadcrumb [aria-current=page]"));
        Assert.Equal("Sites", await page.InnerTextAsync(".menu a.active"));
        Assert.Contains("Mandar", await page.InnerTextAsync("table.list"), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "client-sites");

        await page.ClickAsync("form.logout button");
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync("/clients/1/sites");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_browser_gets_the_console_in_English_and_can_switch_to_French()
    {
        var page = await browser.SignedInAsync("support@nlgs.admin", "en-GB");

        Assert.Equal("Hello support@nlgs.admin", await page.InnerTextAsync(".hello"));
        Assert.Equal("Clients", await page.InnerTextAsync(".menu a.active"));
        await page.ClickAsync("button[name=language][value=fr]");
        await page.WaitForSelectorAsync("text=Déconnexion");
        Assert.Equal("Bonjour support@nlgs.admin", await page.InnerTextAsync(".hello"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_one_message_and_the_form_keeps_the_login()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=Login]", "admin@15rp.sewan.eu");
        await page.FillAsync("input[name=Password]", "not-the-password");
        await page.ClickAsync("button[type=submit].primary");

        Assert.Equal("Identifiant inconnu ou mot de passe erroné.", await page.InnerTextAsync("[role=alert]"));
        Assert.Equal("admin@15rp.sewan.eu", await page.InputValueAsync("input[name=Login]"));
    }

    [Fact]
    public async Task A_site_saved_with_a_bad_time_zone_shows_the_error_next_to_the_field_in_French_and_keeps_the_rest()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await page.GotoAsync("/sites/2/edit");
        await page.FillAsync("#Input_TimeZone", "Europe/Atlantide");
        await page.ClickAsync("[data-tool=save]");

        var error = await page.InnerTextAsync("[data-valmsg-for='Input.TimeZone']");
        Assert.Equal("« Europe/Atlantide » n'est pas un fuseau horaire (par exemple Europe/Paris).", error);
        Assert.Equal("Wagram", await page.InputValueAsync("#Input_Name"));
        await ConsoleBrowser.ScreenshotAsync(page, "site-edit-error");
    }
}
