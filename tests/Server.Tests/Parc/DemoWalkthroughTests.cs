using System.Net;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Parc;

/// <summary>The README walkthrough on the demo parc, as the admin of 15RP does it.</summary>
public sealed class DemoWalkthroughTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task Health_answers_ready_once_the_demo_is_loaded()
    {
        var health = await factory.CreateClient().GetJson("/health");
        Assert.Equal("ready", health.Str("status"));
    }

    [Theory]
    [InlineData("seldon")]
    [InlineData("00-15-65-98-8c-06")]
    [InlineData("001565988C06")]
    public async Task Admin_finds_Cedric_Seldon_and_his_T46S(string query)
    {
        var http = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var result = await http.GetJson($"/api/v1/search?q={Uri.EscapeDataString(query)}");
        var equipment = Assert.Single(result.GetProperty("equipment").EnumerateArray());
        Assert.Equal("00:15:65:98:8C:06", equipment.Str("mac"));
        Assert.Equal("Yealink T46S", equipment.Str("modelName"));
        Assert.Equal(SophiaFactory.Seldon, equipment.Str("userLogin"));
        if (query == "seldon")
        {
            var user = Assert.Single(result.GetProperty("users").EnumerateArray());
            Assert.Equal("Cédric Seldon", user.Str("displayName"));
        }
    }

    [Fact]
    public async Task Search_finds_a_number_typed_in_national_form()
    {
        var http = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var result = await http.GetJson("/api/v1/search?q=0185737638");
        var number = Assert.Single(result.GetProperty("numbers").EnumerateArray());
        Assert.Equal("+33185737638", number.Str("e164"));
    }

    [Fact]
    public async Task Mandar_lists_three_users_with_numbers_and_short_numbers()
    {
        var http = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var mandar = await MandarId(http);
        var users = (await http.GetJson($"/api/v1/sites/{mandar}/users")).Items().ToList();
        Assert.Equal(["Lu", "Picard", "Seldon"], users.Select(u => u.Str("lastName")));
        var lu = users[0];
        Assert.Equal("rlu@15rp.sewan.eu", lu.Str("login"));
        var number = Assert.Single(lu.GetProperty("numbers").EnumerateArray());
        Assert.Equal("+33185737638", number.Str("e164"));
        Assert.Equal(["438", "4638"], number.GetProperty("shortNumbers").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("njoly@15rp.sewan.eu", users[1].Str("login"));
        foreach (var user in users)
        {
            Assert.False(user.TryGetProperty("sipPassword", out _), "A list must never carry a SIP password.");
        }
    }

    [Fact]
    public async Task The_T54W_goes_up_to_the_client_stock_and_back_down_to_Mandar()
    {
        var http = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var mandar = await MandarId(http);
        var up = await http.PostJson("/api/v1/equipment/00:15:65:AA:00:01/move", new { to = "client" });
        Assert.Equal("clientStock", up.Str("location"));
        var clientId = up.Int("clientId");
        var stock = (await http.GetJson($"/api/v1/clients/{clientId}/equipment")).Items().Select(e => e.Str("mac")).ToList();
        Assert.Contains("00:15:65:AA:00:01", stock);

        var down = await http.PostJson("/api/v1/equipment/001565aa0001/move", new { to = "site", siteId = mandar });
        Assert.Equal("siteStock", down.Str("location"));
        var unassigned = (await http.GetJson($"/api/v1/sites/{mandar}/equipment?assigned=false")).Items().Select(e => e.Str("mac"));
        Assert.Contains("00:15:65:AA:00:01", unassigned);
    }

    [Fact]
    public async Task A_plain_user_cannot_list_Mandar_users()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var mandar = await MandarId(admin);
        var user = await factory.ClientFor(SophiaFactory.Lu);
        var response = await user.GetAsync($"/api/v1/sites/{mandar}/users");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static async Task<int> MandarId(HttpClient http)
    {
        var clients = (await http.GetJson("/api/v1/clients")).Items().ToList();
        var client = clients.Single(c => c.Str("name") == "15RP");
        var sites = (await http.GetJson($"/api/v1/clients/{client.Int("id")}/sites")).Items();
        return sites.Single(s => s.Str("name") == "Mandar").Int("id");
    }
}
