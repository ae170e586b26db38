using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Stock;

/// <summary>A DECT base's handsets through the API: <c>PUT</c>/<c>DELETE /api/v1/equipment/{mac}/handsets/{n}</c>.</summary>
public sealed class DectHandsetApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string Base = "80:5E:C0:70:0B:01";

    [Fact]
    public async Task Handsets_are_given_to_users_of_the_site_listed_on_the_base_and_freed()
    {
        var (admin, ids) = await AdminWithBase();

        var one = await admin.PutJson($"/api/v1/equipment/{Base}/handsets/1", new { userId = ids.Seldon });
        var two = await admin.PutJson($"/api/v1/equipment/{Base}/handsets/2", new { userId = ids.Picard });
        Assert.Equal(SophiaFactory.Seldon, one.Str("userLogin"));
        var handsets = two.GetProperty("handsets").EnumerateArray().ToList();
        Assert.Equal(10, handsets.Count);
        Assert.Equal((2, ids.Picard, "njoly@15rp.sewan.eu"), (handsets[1].Int("number"), handsets[1].Int("userId"), handsets[1].Str("userLogin")));
        Assert.Equal(JsonValueKind.Null, handsets[2].GetProperty("userId").ValueKind);

        using var free = await admin.DeleteAsync($"/api/v1/equipment/{Base}/handsets/2");
        var freed = await free.Json();
        Assert.Equal(JsonValueKind.Null, freed.GetProperty("handsets")[1].GetProperty("userId").ValueKind);
        Assert.Equal(ids.Seldon, freed.GetProperty("handsets")[0].Int("userId"));
        Assert.Equal(ids.Seldon, (await admin.GetJson($"/api/v1/equipment/{Base}")).Int("userId"));
    }

    [Fact]
    public async Task A_handset_the_base_lacks_or_a_desk_phone_is_refused_naming_the_field()
    {
        var (admin, ids) = await AdminWithBase();

        using var eleven = await admin.PutAsJsonAsync($"/api/v1/equipment/{Base}/handsets/11", new { userId = ids.Picard });
        Assert.Equal("handset.number", (await eleven.Problem(HttpStatusCode.BadRequest, "number")).GetProperty("errors")[0].Str("code"));
        using var desk = await admin.PutAsJsonAsync($"/api/v1/equipment/{DemoIds.MandarT54W}/handsets/2", new { userId = ids.Picard });
        await desk.Problem(HttpStatusCode.BadRequest, "mac");
        using var noUser = await admin.PutAsJsonAsync($"/api/v1/equipment/{Base}/handsets/2", new { });
        await noUser.Problem(HttpStatusCode.BadRequest, "userId");
    }

    [Fact]
    public async Task A_client_admin_of_another_client_gets_404_for_the_base_and_for_a_user_of_theirs()
    {
        var (admin, _) = await AdminWithBase();
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Voisin Dect");
        var stranger = await factory.ClientFor(other.AdminLogin, other.AdminPassword);

        using var put = await stranger.PutAsJsonAsync($"/api/v1/equipment/{Base}/handsets/2", new { userId = other.AdminUserId });
        await put.Problem(HttpStatusCode.NotFound, "mac");
        using var delete = await stranger.DeleteAsync($"/api/v1/equipment/{Base}/handsets/2");
        await delete.Problem(HttpStatusCode.NotFound, "mac");
        using var theirs = await admin.PutAsJsonAsync($"/api/v1/equipment/{Base}/handsets/2", new { userId = other.AdminUserId });
        await theirs.Problem(HttpStatusCode.NotFound, "userId");
    }

    // A W70B created in 15RP's stock and brought down to Mandar, once per factory.
    private async Task<(HttpClient Admin, DemoIds Ids)> AdminWithBase()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        using var existing = await admin.GetAsync($"/api/v1/equipment/{Base}");
        if (existing.StatusCode == HttpStatusCode.NotFound)
        {
            await admin.PostJson($"/api/v1/clients/{ids.ClientId}/equipment", new { mac = Base, model = "Yealink W70B" }, HttpStatusCode.Created);
            await admin.PostJson($"/api/v1/equipment/{Base}/move", new { to = "site", siteId = ids.Mandar });
        }
        return (admin, ids);
    }
}
