using System.Net;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Search;

/// <summary>The console's search field through the API: short numbers, models and numbers in any notation, one client at a time.</summary>
public sealed class SearchApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_users_short_number_finds_the_user_and_the_number()
    {
        var result = await Search(await factory.ClientFor(SophiaFactory.Admin15Rp), "4636");

        var hit = Assert.Single(result.GetProperty("shortNumbers").EnumerateArray());
        Assert.Equal(("4636", "user", "Cédric Seldon", "+33185737636"), (hit.Str("digits"), hit.Str("reaches"), hit.Str("name"), hit.Str("dials")));
        Assert.Equal(SophiaFactory.Seldon, Assert.Single(result.GetProperty("users").EnumerateArray()).Str("login"));
        Assert.Equal("+33185737636", Assert.Single(result.GetProperty("numbers").EnumerateArray()).Str("e164"));
    }

    [Fact]
    public async Task An_external_contacts_short_number_finds_the_contact()
    {
        var result = await Search(await factory.ClientFor(SophiaFactory.Admin15Rp), "500");

        var hit = Assert.Single(result.GetProperty("shortNumbers").EnumerateArray());
        Assert.Equal(("externalContact", "Régis Bieth", "0354698654"), (hit.Str("reaches"), hit.Str("name"), hit.Str("dials")));
    }

    [Theory]
    [InlineData("T46S")]
    [InlineData("t46s")]
    [InlineData("Yealink T46S")]
    public async Task A_model_finds_the_phones_of_that_model(string query)
    {
        var result = await Search(await factory.ClientFor(SophiaFactory.Admin15Rp), query);

        var phone = Assert.Single(result.GetProperty("equipment").EnumerateArray());
        Assert.Equal(("00:15:65:98:8C:06", "Yealink T46S"), (phone.Str("mac"), phone.Str("modelName")));
    }

    [Theory]
    [InlineData("01 85 73 76 36", 1)]
    [InlineData("0185737636", 1)]
    [InlineData("+33 1 85 73 76 36", 1)]
    [InlineData("33185737636", 1)]
    [InlineData("85 73 76", 8)]
    public async Task A_number_is_found_in_any_notation_whole_or_partial(string query, int count)
    {
        var result = await Search(await factory.ClientFor(SophiaFactory.Admin15Rp), query);

        var numbers = result.GetProperty("numbers").EnumerateArray().Select(n => n.Str("e164")).ToList();
        Assert.Equal(count, numbers.Count);
        Assert.Contains("+33185737636", numbers);
    }

    [Fact]
    public async Task Another_clients_admin_finds_nothing_of_15RP()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Chercheur");
        var stranger = await factory.ClientFor(other.AdminLogin, other.AdminPassword);

        foreach (var query in new[] { "4636", "500", "T46S", "0185737636", "85 73 76", "Seldon", "00:15:65" })
        {
            var result = await Search(stranger, query);
            foreach (var list in new[] { "sites", "users", "equipment", "numbers", "shortNumbers" })
            {
                Assert.Empty(result.GetProperty(list).EnumerateArray());
            }
        }
        var everyone = await Search(helpdesk, "4636");
        Assert.Single(everyone.GetProperty("shortNumbers").EnumerateArray());
    }

    [Fact]
    public async Task A_plain_user_may_not_search()
    {
        var lu = await factory.ClientFor(SophiaFactory.Lu);

        using var response = await lu.GetAsync("/api/v1/search?q=seldon");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<JsonElement> Search(HttpClient http, string query) =>
        await http.GetJson($"/api/v1/search?q={Uri.EscapeDataString(query)}");
}
