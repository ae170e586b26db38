using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Console;

/// <summary>The header's search field in a real browser: names, short numbers, MACs in any notation, a query too short.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SearchTests(ConsoleBrowser browser)
{
    [Fact]
    public async Task The_admin_searches_Seldon_from_the_header_and_finds_him_first_then_opens_him()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await page.FillAsync("header .search input[name=q]", "Seldon");
        await page.PressAsync("header .search input[name=q]", "Enter");
        await page.WaitForURLAsync("**/search?q=Seldon");

        var first = page.Locator("section.results").First;
        Assert.Equal("users", await first.GetAttributeAsync("data-group"));
        var seldon = first.Locator("tbody tr a").First;
        Assert.Equal("Cédric Seldon", await seldon.InnerTextAsync());
        // His T46S is found too, through its user's name.
        Assert.Contains("00:15:65:98:8C:06", await page.InnerTextAsync("section[data-group=equipment]"), StringComparison.OrdinalIgnoreCase);
        await ConsoleBrowser.ScreenshotAsync(page, "search-results");

        var href = await seldon.GetAttributeAsync("href");
        await seldon.ClickAsync();
        await page.WaitForURLAsync("**" + href);
    }

    [Fact]
    public async Task Searching_a_short_number_finds_whom_it_reaches()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await page.FillAsync("header .search input[name=q]", "4636");
        await page.PressAsync("header .search input[name=q]", "Enter");
        await page.WaitForURLAsync("**/search?q=4636");

        var shortNumber = page.Locator("section[data-group=shortNumbers] tbody tr").First;
        Assert.Contains("4636", await shortNumber.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Cédric Seldon", await shortNumber.Locator("a").InnerTextAsync());
        Assert.Contains("+33185737636", await page.InnerTextAsync("section[data-group=numbers]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_MAC_in_another_notation_found_alone_opens_its_page()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await page.FillAsync("header .search input[name=q]", "0015.6598.8c06");
        await page.PressAsync("header .search input[name=q]", "Enter");
        await page.WaitForURLAsync("**/equipment/001565988c06");
    }

    [Fact]
    public async Task A_query_too_short_shows_the_French_error_next_to_the_field()
    {
        var page = await browser.SignedInAsync("admin@15rp.sewan.eu");
        await page.GotoAsync("/search?q=S");
        Assert.Equal("Tapez au moins 2 caractères.", await page.InnerTextAsync("[data-valmsg-for=q]"));
    }
}
