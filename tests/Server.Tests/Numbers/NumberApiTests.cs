using System.Net;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Numbers;

/// <summary>A site's numbers through the API: the CSV export of the list, and the codes of its refusals.</summary>
public sealed class NumberApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task The_CSV_export_lists_every_number_with_its_assignee_and_short_numbers()
    {
        var (admin, ids) = await Admin();

        using var response = await admin.GetAsync($"/api/v1/sites/{ids.Mandar}/numbers?format=csv&pageSize=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"site-{ids.Mandar}-numbers.csv", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(
            [
                "Number,National,AssigneeKind,Assignee,ShortNumbers,OrderedAt",
                "+33185737636,0185737636,user,cseldon@15rp.sewan.eu,436 4636,2016-05-16T14:16:00Z",
                "+33185737637,0185737637,user,njoly@15rp.sewan.eu,437 4637,2016-05-16T14:16:00Z",
                "+33185737638,0185737638,user,rlu@15rp.sewan.eu,438 4638,2016-05-16T14:16:00Z",
                "+33185737639,0185737639,ivr,Gestion du support,,2016-05-16T14:16:00Z",
                "+33185737640,0185737640,huntGroup,grp_test@15rp.sewan.eu,,2016-05-16T14:16:00Z",
                "+33185737641,0185737641,none,,,2016-05-16T14:16:00Z",
                "+33185737642,0185737642,none,,,2016-05-16T14:16:00Z",
                "+33185737643,0185737643,none,,,2016-05-16T14:16:00Z",
            ],
            lines);
    }

    [Fact]
    public async Task The_CSV_export_honours_the_assigned_filter_and_refuses_an_unknown_format()
    {
        var (admin, ids) = await Admin();

        var free = await admin.GetStringAsync($"/api/v1/sites/{ids.Mandar}/numbers?format=csv&assigned=false");
        Assert.Equal(4, free.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("cseldon", free, StringComparison.Ordinal);

        using var xml = await admin.GetAsync($"/api/v1/sites/{ids.Mandar}/numbers?format=xml");
        var problem = await xml.Problem(HttpStatusCode.BadRequest, "format");
        Assert.Equal("format.unknown", problem.Str("code"));
    }

    [Fact]
    public async Task Another_clients_admin_gets_no_export()
    {
        var (_, ids) = await Admin();
        var other = await OtherClient.CreateAsync(await factory.ClientFor(SophiaFactory.Helpdesk), "Export");
        var stranger = await factory.ClientFor(other.AdminLogin, other.AdminPassword);

        using var response = await stranger.GetAsync($"/api/v1/sites/{ids.Mandar}/numbers?format=csv");

        await response.Problem(HttpStatusCode.NotFound, "siteId");
    }

    [Fact]
    public async Task Refusals_carry_their_codes()
    {
        var (admin, ids) = await Admin();

        using var duplicate = await admin.SendJson(HttpMethod.Post, $"/api/v1/sites/{ids.Wagram}/numbers", new { number = "01 85 73 76 37" });
        Assert.Equal("number.taken", (await duplicate.Problem(HttpStatusCode.Conflict, "number")).Str("code"));
        using var assigned = await admin.DeleteAsync($"/api/v1/numbers/{ids.Numbers["+33185737640"]}");
        Assert.Equal("number.assigned", (await assigned.Problem(HttpStatusCode.Conflict, "numberId")).Str("code"));
        using var noUser = await admin.SendJson(HttpMethod.Post, $"/api/v1/numbers/{ids.Numbers["+33185737641"]}/assign", new { });
        Assert.Equal("required", (await noUser.Problem(HttpStatusCode.BadRequest, "userId")).Str("code"));
        using var otherSite = await admin.SendJson(HttpMethod.Post, $"/api/v1/numbers/{ids.Numbers["+33185737641"]}/assign", new { userId = await WagramUser(admin, ids) });
        Assert.Equal("number.otherSite", (await otherSite.Problem(HttpStatusCode.BadRequest, "userId")).Str("code"));
    }

    private static async Task<int> WagramUser(HttpClient admin, DemoIds ids) =>
        (await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Wagner", firstName = "Test" }, HttpStatusCode.Created)).Int("id");

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }
}
