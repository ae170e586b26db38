using System.Net;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Stock;

/// <summary>Equipment through the API: creation checks, assignment within a site, moves, and tenant limits.</summary>
public sealed class EquipmentStockTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Theory]
    [InlineData("00:15:65:98:8C:0G", "Yealink T46S", HttpStatusCode.BadRequest, "mac")]
    [InlineData("00:15:65:98:8C", "Yealink T46S", HttpStatusCode.BadRequest, "mac")]
    [InlineData("00:15:65:00:00:10", "Yealink T99X", HttpStatusCode.BadRequest, "model")]
    [InlineData("00:15:65:00:00:10", "", HttpStatusCode.BadRequest, "model")]
    [InlineData("00-15-65-98-8c-06", "Yealink T46S", HttpStatusCode.Conflict, "mac")]
    [InlineData("0004f2a1b2c4", "Polycom VVX 250", HttpStatusCode.Conflict, "mac")]
    public async Task Bad_or_duplicate_equipment_is_refused_naming_the_field_and_nothing_is_saved(string mac, string model, HttpStatusCode status, string field)
    {
        var (admin, ids) = await Admin();
        var before = await Stock(admin, ids.ClientId);
        using var response = await admin.PostAsync($"/api/v1/clients/{ids.ClientId}/equipment",
            System.Net.Http.Json.JsonContent.Create(new { mac, model, serialNumber = "SN-1", label = "new" }));
        await response.Problem(status, field);
        Assert.Equal(before, await Stock(admin, ids.ClientId));
        using var absent = await admin.GetAsync("/api/v1/equipment/00:15:65:00:00:10");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task Equipment_is_assigned_to_a_user_of_its_site_and_unassigned_back_to_the_site_stock()
    {
        var (admin, ids) = await Admin();
        var assigned = await admin.PostJson($"/api/v1/equipment/{DemoIds.MandarT54W}/assign", new { userId = ids.Picard });
        Assert.Equal(("assigned", ids.Picard, "njoly@15rp.sewan.eu"), (assigned.Str("location"), assigned.Int("userId"), assigned.Str("userLogin")));
        var mine = (await admin.GetJson($"/api/v1/sites/{ids.Mandar}/equipment?assigned=true")).Items().Select(e => e.Str("mac"));
        Assert.Contains(DemoIds.MandarT54W, mine);

        var back = await admin.PostJson($"/api/v1/equipment/{DemoIds.MandarT54W}/unassign", new { });
        Assert.Equal(("siteStock", ids.Mandar), (back.Str("location"), back.Int("siteId")));
        Assert.Equal(JsonValueKind.Null, back.GetProperty("userId").ValueKind);
        var free = (await admin.GetJson($"/api/v1/sites/{ids.Mandar}/equipment?assigned=false")).Items().Select(e => e.Str("mac"));
        Assert.Contains(DemoIds.MandarT54W, free);
    }

    [Fact]
    public async Task Equipment_of_another_site_cannot_be_assigned_and_stays_where_it_is()
    {
        var (admin, ids) = await Admin();
        using var response = await admin.PostAsync($"/api/v1/equipment/{DemoIds.WagramVvx250}/assign",
            System.Net.Http.Json.JsonContent.Create(new { userId = ids.Picard }));
        var problem = await response.Problem(HttpStatusCode.BadRequest, "userId");
        Assert.Contains("site", problem.Str("title"), StringComparison.Ordinal);
        var after = await admin.GetJson($"/api/v1/equipment/{DemoIds.WagramVvx250}");
        Assert.Equal(("siteStock", ids.Wagram), (after.Str("location"), after.Int("siteId")));

        using var fromStock = await admin.PostAsync($"/api/v1/equipment/{DemoIds.ClientStockT46U}/assign",
            System.Net.Http.Json.JsonContent.Create(new { userId = ids.Picard }));
        await fromStock.Problem(HttpStatusCode.BadRequest, "userId");
        using var noUser = await admin.PostAsync($"/api/v1/equipment/{DemoIds.MandarT54W}/assign", System.Net.Http.Json.JsonContent.Create(new { }));
        await noUser.Problem(HttpStatusCode.BadRequest, "userId");
    }

    [Fact]
    public async Task Equipment_cannot_go_to_another_clients_site_or_user()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Voisin Stock");
        var (admin, ids) = await Admin();
        foreach (var http in new[] { admin, helpdesk })
        {
            using var move = await http.PostAsync($"/api/v1/equipment/{DemoIds.ClientStockT46U}/move",
                System.Net.Http.Json.JsonContent.Create(new { to = "site", siteId = other.SiteId }));
            await move.Problem(HttpStatusCode.NotFound, "siteId");
            using var assign = await http.PostAsync($"/api/v1/equipment/{DemoIds.MandarT54W}/assign",
                System.Net.Http.Json.JsonContent.Create(new { userId = other.AdminUserId }));
            await assign.Problem(HttpStatusCode.NotFound, "userId");
        }
        var t46u = await admin.GetJson($"/api/v1/equipment/{DemoIds.ClientStockT46U}");
        Assert.Equal(("clientStock", ids.ClientId), (t46u.Str("location"), t46u.Int("clientId")));
        Assert.Equal(0, (await helpdesk.GetJson($"/api/v1/sites/{other.SiteId}/equipment")).Int("total"));
    }

    [Fact]
    public async Task Moving_assigned_equipment_to_the_client_stock_unassigns_it()
    {
        var (admin, ids) = await Admin();
        var up = await admin.PostJson($"/api/v1/equipment/{DemoIds.LuPhone}/move", new { to = "client" });
        Assert.Equal("clientStock", up.Str("location"));
        Assert.Equal(JsonValueKind.Null, up.GetProperty("userId").ValueKind);
        Assert.Equal(JsonValueKind.Null, up.GetProperty("siteId").ValueKind);
        Assert.Contains(DemoIds.LuPhone, await Stock(admin, ids.ClientId));

        var down = await admin.PostJson($"/api/v1/equipment/{DemoIds.LuPhone}/move", new { to = "site", siteId = ids.Mandar });
        Assert.Equal("siteStock", down.Str("location"));
        var again = await admin.PostJson($"/api/v1/equipment/{DemoIds.LuPhone}/assign", new { userId = ids.Lu });
        Assert.Equal(SophiaFactory.Lu, again.Str("userLogin"));
    }

    [Theory]
    [InlineData("""{"to":"attic"}""", "to")]
    [InlineData("""{"to":"site"}""", "siteId")]
    [InlineData("""{}""", "to")]
    public async Task A_bad_move_names_the_field(string json, string field)
    {
        var (admin, ids) = await Admin();
        using var response = await admin.PostAsync($"/api/v1/equipment/{DemoIds.MandarT54W}/move",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.Problem(HttpStatusCode.BadRequest, field);
        Assert.Equal(ids.Mandar, (await admin.GetJson($"/api/v1/equipment/{DemoIds.MandarT54W}")).Int("siteId"));
    }

    [Fact]
    public async Task Assigned_equipment_cannot_be_deleted()
    {
        var (admin, _) = await Admin();
        using var response = await admin.DeleteAsync($"/api/v1/equipment/{DemoIds.SeldonPhone}");
        await response.Problem(HttpStatusCode.Conflict, "mac");
        Assert.Equal(SophiaFactory.Seldon, (await admin.GetJson($"/api/v1/equipment/{DemoIds.SeldonPhone}")).Str("userLogin"));
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    private static async Task<List<string>> Stock(HttpClient http, int clientId) =>
        (await http.GetJson($"/api/v1/clients/{clientId}/equipment?pageSize=500")).Items().Select(e => e.Str("mac")).ToList();
}
