using System.Net;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Parc;

/// <summary>Assigning a number to a user creates 4 + its last 2 and 4 + its last 3 digits; a clash is reported, never overwritten.</summary>
public sealed class ShortNumberTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task Assigning_a_number_to_a_user_creates_both_short_numbers()
    {
        var (admin, ids) = await Admin();
        var user = await NewUser(admin, ids.Mandar, "Bernard");
        var number = await admin.PostJson($"/api/v1/numbers/{ids.Numbers["+33185737641"]}/assign", new { userId = user });
        Assert.Equal(("user", user), (number.Str("assignee"), number.Int("userId")));
        Assert.Equal(["441", "4641"], ShortNumbers(number));

        var owned = Assert.Single((await admin.GetJson($"/api/v1/users/{user}")).GetProperty("numbers").EnumerateArray());
        Assert.Equal("+33185737641", owned.Str("e164"));
        Assert.Equal(["441", "4641"], ShortNumbers(owned));
        var contact = (await admin.GetJson($"/api/v1/clients/{ids.ClientId}/contacts/internal")).EnumerateArray()
            .Single(c => c.Str("kind") == "user" && c.Int("id") == user);
        Assert.Equal(["441", "4641"], ShortNumbers(contact));
    }

    [Fact]
    public async Task A_short_number_clash_is_a_409_naming_it_and_nothing_changes()
    {
        var (admin, ids) = await Admin();
        var user = await NewUser(admin, ids.Mandar, "Collin");
        var clashing = await admin.PostJson($"/api/v1/sites/{ids.Mandar}/numbers", new { number = "0185737736" }, HttpStatusCode.Created);
        var url = $"/api/v1/numbers/{clashing.Int("id")}";
        var (_, etag) = await admin.GetWithETag(url);

        using var response = await admin.SendJson(HttpMethod.Post, $"{url}/assign", new { userId = user });
        var problem = await response.Problem(HttpStatusCode.Conflict, "shortNumbers");
        Assert.Contains("436", problem.Str("title"), StringComparison.Ordinal);
        Assert.DoesNotContain("4736", problem.Str("title"), StringComparison.Ordinal);

        var (after, etagAfter) = await admin.GetWithETag(url);
        Assert.Equal(("none", etag), (after.Str("assignee"), etagAfter));
        Assert.Empty(ShortNumbers(after));
        Assert.Empty((await admin.GetJson($"/api/v1/users/{user}")).GetProperty("numbers").EnumerateArray());
        var seldon = Assert.Single((await admin.GetJson($"/api/v1/users/{ids.Seldon}")).GetProperty("numbers").EnumerateArray());
        Assert.Equal(["436", "4636"], ShortNumbers(seldon));
    }

    [Fact]
    public async Task Unassigning_a_number_frees_its_short_numbers_for_someone_else()
    {
        var (admin, ids) = await Admin();
        var first = await NewUser(admin, ids.Mandar, "Durand");
        var second = await NewUser(admin, ids.Mandar, "Etienne");
        var n1 = await admin.PostJson($"/api/v1/sites/{ids.Mandar}/numbers", new { number = "0185737751" }, HttpStatusCode.Created);
        var n2 = await admin.PostJson($"/api/v1/sites/{ids.Mandar}/numbers", new { number = "0185737851" }, HttpStatusCode.Created);
        Assert.Equal(["451", "4751"], ShortNumbers(await admin.PostJson($"/api/v1/numbers/{n1.Int("id")}/assign", new { userId = first })));
        using (var clash = await admin.SendJson(HttpMethod.Post, $"/api/v1/numbers/{n2.Int("id")}/assign", new { userId = second }))
        {
            await clash.Problem(HttpStatusCode.Conflict, "shortNumbers");
        }

        var freed = await admin.PostJson($"/api/v1/numbers/{n1.Int("id")}/unassign", new { });
        Assert.Equal("none", freed.Str("assignee"));
        Assert.Empty(ShortNumbers(freed));
        Assert.Empty((await admin.GetJson($"/api/v1/users/{first}")).GetProperty("numbers").EnumerateArray());

        Assert.Equal(["451", "4851"], ShortNumbers(await admin.PostJson($"/api/v1/numbers/{n2.Int("id")}/assign", new { userId = second })));
    }

    [Fact]
    public async Task Deleting_a_user_frees_their_numbers_and_short_numbers()
    {
        var (admin, ids) = await Admin();
        var user = await NewUser(admin, ids.Mandar, "Faure");
        var number = await admin.PostJson($"/api/v1/sites/{ids.Mandar}/numbers", new { number = "0185737961" }, HttpStatusCode.Created);
        await admin.PostJson($"/api/v1/numbers/{number.Int("id")}/assign", new { userId = user });
        using (var deleted = await admin.DeleteAsync($"/api/v1/users/{user}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var after = await admin.GetJson($"/api/v1/numbers/{number.Int("id")}");
        Assert.Equal("none", after.Str("assignee"));
        Assert.Empty(ShortNumbers(after));
        var other = await NewUser(admin, ids.Mandar, "Garnier");
        Assert.Equal(["461", "4961"], ShortNumbers(await admin.PostJson($"/api/v1/numbers/{number.Int("id")}/assign", new { userId = other })));
    }

    [Fact]
    public async Task A_number_already_given_to_an_IVR_cannot_go_to_a_user()
    {
        var (admin, ids) = await Admin();
        var user = await NewUser(admin, ids.Mandar, "Henry");
        using var response = await admin.SendJson(HttpMethod.Post, $"/api/v1/numbers/{ids.Numbers["+33185737639"]}/assign", new { userId = user });
        await response.Problem(HttpStatusCode.Conflict, "number");
        Assert.Equal("ivr", (await admin.GetJson($"/api/v1/numbers/{ids.Numbers["+33185737639"]}")).Str("assignee"));
    }

    [Fact]
    public async Task A_number_of_another_site_cannot_go_to_a_user_until_it_is_moved_there()
    {
        var (admin, ids) = await Admin();
        var user = await NewUser(admin, ids.Wagram, "Imbert");
        var numberId = ids.Numbers["+33185737642"];
        using (var response = await admin.SendJson(HttpMethod.Post, $"/api/v1/numbers/{numberId}/assign", new { userId = user }))
        {
            await response.Problem(HttpStatusCode.BadRequest, "userId");
        }
        Assert.Equal("none", (await admin.GetJson($"/api/v1/numbers/{numberId}")).Str("assignee"));

        var moved = await admin.PutJson($"/api/v1/numbers/{numberId}", new { siteId = ids.Wagram });
        Assert.Equal(ids.Wagram, moved.Int("siteId"));
        Assert.Equal(["442", "4642"], ShortNumbers(await admin.PostJson($"/api/v1/numbers/{numberId}/assign", new { userId = user })));

        using var assignedMove = await admin.SendJson(HttpMethod.Put, $"/api/v1/numbers/{numberId}", new { siteId = ids.Mandar });
        await assignedMove.Problem(HttpStatusCode.Conflict, "siteId");
        Assert.Equal(ids.Wagram, (await admin.GetJson($"/api/v1/numbers/{numberId}")).Int("siteId"));
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    private static async Task<int> NewUser(HttpClient admin, int siteId, string lastName) =>
        (await admin.PostJson($"/api/v1/sites/{siteId}/users", new { lastName, firstName = "Test" }, HttpStatusCode.Created)).Int("id");

    private static List<string?> ShortNumbers(JsonElement element) =>
        element.GetProperty("shortNumbers").EnumerateArray().Select(s => s.GetString()).ToList();
}
