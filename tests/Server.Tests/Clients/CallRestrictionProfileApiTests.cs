using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Clients;

/// <summary>A client's call-restriction profiles (guide 2.3.4): managed by its admins and the helpdesk, read by its users.</summary>
public sealed class CallRestrictionProfileApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task An_admin_creates_a_profile_that_the_clients_users_read()
    {
        var (admin, ids) = await Admin();
        using var created = await admin.SendJson(HttpMethod.Post, $"/api/v1/clients/{ids.ClientId}/call-restriction-profiles",
            new { name = "Sans international", description = "Pas d'appel à l'étranger", allowed = new[] { "internal", "national", "mobile" } });
        var profile = await created.Json(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/call-restriction-profiles/{profile.Int("id")}", created.Headers.Location?.ToString());
        Assert.Equal($"\"{profile.GetProperty("version").GetInt64()}\"", created.Headers.ETag?.ToString());
        Assert.Equal(["internal", "national", "mobile"], profile.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal((ids.ClientId, 0), (profile.Int("clientId"), profile.Int("usersCount")));

        var lu = await factory.ClientFor(SophiaFactory.Lu);
        var list = await lu.GetJson($"/api/v1/clients/{ids.ClientId}/call-restriction-profiles");
        Assert.Contains("Sans international", list.Items().Select(p => p.Str("name")));
        using var change = await lu.SendJson(HttpMethod.Post, $"/api/v1/clients/{ids.ClientId}/call-restriction-profiles", new { name = "Tout", allowed = new[] { "premium" } });
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        using var one = await lu.GetAsync($"/api/v1/call-restriction-profiles/{profile.Int("id")}");
        Assert.Equal(HttpStatusCode.Forbidden, one.StatusCode);
    }

    [Fact]
    public async Task An_unknown_category_is_refused_naming_its_place_in_the_list()
    {
        var (admin, ids) = await Admin();
        var url = $"/api/v1/clients/{ids.ClientId}/call-restriction-profiles";
        var before = (await admin.GetJson(url)).Int("total");

        using var response = await admin.SendJson(HttpMethod.Post, url, new { name = "Bizarre", allowed = new[] { "national", "interplanetary" } });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "allowed[1]");
        Assert.Equal("callCategory.unknown", problem.Str("code"));
        Assert.Contains("interplanetary", problem.Str("title"), StringComparison.Ordinal);
        Assert.Equal(before, (await admin.GetJson(url)).Int("total"));
    }

    [Fact]
    public async Task A_second_profile_of_the_same_name_is_a_409()
    {
        var (admin, ids) = await Admin();
        var url = $"/api/v1/clients/{ids.ClientId}/call-restriction-profiles";
        await admin.PostJson(url, new { name = "Interne seul", allowed = new[] { "internal" } }, HttpStatusCode.Created);

        using var response = await admin.SendJson(HttpMethod.Post, url, new { name = "Interne seul", allowed = Array.Empty<string>() });

        var problem = await response.Problem(HttpStatusCode.Conflict, "name");
        Assert.Equal("callRestrictionProfile.nameTaken", problem.Str("code"));
    }

    [Fact]
    public async Task A_profile_given_to_a_user_is_not_deleted_and_the_409_says_how_many()
    {
        var (admin, ids) = await Admin();
        var profile = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/call-restriction-profiles",
            new { name = "Standard", allowed = new[] { "internal", "national", "mobile", "international" } }, HttpStatusCode.Created);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            await db.Users.Where(u => u.Id == ids.Picard).ExecuteUpdateAsync(s => s.SetProperty(u => u.CallRestrictionProfileId, profile.Int("id")));
        }
        var url = $"/api/v1/call-restriction-profiles/{profile.Int("id")}";

        using var response = await admin.DeleteAsync(url);

        var problem = await response.Problem(HttpStatusCode.Conflict, "profileId");
        Assert.Equal("callRestrictionProfile.inUse", problem.Str("code"));
        Assert.Equal("1", problem.GetProperty("errors")[0].GetProperty("args").Str("users"));
        Assert.Equal(1, (await admin.GetJson(url)).Int("usersCount"));
    }

    [Fact]
    public async Task A_stale_change_is_a_412_and_a_fresh_one_goes_through()
    {
        var (admin, ids) = await Admin();
        var created = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/call-restriction-profiles",
            new { name = "Mobile", allowed = new[] { "internal", "mobile" } }, HttpStatusCode.Created);
        var url = $"/api/v1/call-restriction-profiles/{created.Int("id")}";
        var (_, etag) = await admin.GetWithETag(url);
        using (var first = await admin.SendJson(HttpMethod.Put, url, new { description = "Pour les commerciaux" }, etag))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var stale = await admin.SendJson(HttpMethod.Put, url, new { allowed = new[] { "premium" } }, etag);
        await stale.Problem(HttpStatusCode.PreconditionFailed, "If-Match");
        var after = await admin.GetJson(url);
        Assert.Equal(["internal", "mobile"], after.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));

        using var deleted = await admin.SendJson(HttpMethod.Delete, url, null, (await admin.GetWithETag(url)).ETag);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await admin.GetAsync(url);
        await gone.Problem(HttpStatusCode.NotFound, "profileId");
    }

    [Fact]
    public async Task Another_clients_admin_neither_reads_nor_changes_the_profiles()
    {
        var (admin, ids) = await Admin();
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Voisin");
        var stranger = await factory.ClientFor(other.AdminLogin, other.AdminPassword);
        var profile = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/call-restriction-profiles",
            new { name = "Secret", allowed = new[] { "internal" } }, HttpStatusCode.Created);

        using var list = await stranger.GetAsync($"/api/v1/clients/{ids.ClientId}/call-restriction-profiles");
        await list.Problem(HttpStatusCode.NotFound, "clientId");
        using var change = await stranger.SendJson(HttpMethod.Put, $"/api/v1/call-restriction-profiles/{profile.Int("id")}", new { name = "Pris" });
        await change.Problem(HttpStatusCode.NotFound, "profileId");
        Assert.Equal("Secret", (await admin.GetJson($"/api/v1/call-restriction-profiles/{profile.Int("id")}")).Str("name"));
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }
}
