using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Accounts;

/// <summary>
/// Sessions end when they should, on every node at once: at logout, at a password change (the user's other sessions),
/// at an account-type change (all of them, since the user's rights changed).
/// </summary>
public sealed class SessionTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_logged_out_token_gets_401_at_once_on_another_node_and_the_users_other_session_goes_on()
    {
        using var node1 = new SophiaFactory();
        var admin = await node1.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        using var node2 = new SophiaFactory { JobsInMemory = true };
        node2.Settings["Sophia:DataDirectory"] = node1.DataDirectory;
        node2.Settings["Sophia:Demo"] = "false";
        var token = await Login(node1, SophiaFactory.Lu, SophiaFactory.Password);
        var otherSession = await Login(node2, SophiaFactory.Lu, SophiaFactory.Password);
        var me = $"/api/v1/users/{ids.Lu}";
        Assert.Equal(HttpStatusCode.OK, await Status(node2, token, me));

        using (var logout = await With(node1, token).DeleteAsync("/api/v1/auth/token"))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Status(node2, token, me));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(node1, token, me));
        Assert.Equal(HttpStatusCode.OK, await Status(node1, otherSession, me));
        using var again = await With(node2, token).DeleteAsync("/api/v1/auth/token");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task A_users_password_change_ends_their_other_sessions_and_keeps_the_one_that_changed_it()
    {
        var (login, id) = await NewUser("Session", "Paul", "first-password");
        var current = await Login(factory, login, "first-password");
        var other = await Login(factory, login, "first-password");
        var url = $"/api/v1/users/{id}";

        using (var put = await With(factory, current).PutAsJsonAsync(url, new { password = "second-password", currentPassword = "first-password" }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await Status(factory, current, url));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(factory, other, url));
        Assert.NotNull(await Login(factory, login, "second-password"));
    }

    [Fact]
    public async Task A_user_changing_their_own_password_without_the_current_one_or_with_a_wrong_one_is_refused_and_keeps_every_session()
    {
        var (login, id) = await NewUser("Session", "Louise", "first-password");
        var current = await Login(factory, login, "first-password");
        var other = await Login(factory, login, "first-password");
        var url = $"/api/v1/users/{id}";

        foreach (var (body, code) in new (object Body, string Code)[]
        {
            (new { password = "taken-over-password" }, "password.currentRequired"),
            (new { password = "taken-over-password", currentPassword = "a-guess" }, "password.currentWrong"),
        })
        {
            using var put = await With(factory, current).PutAsJsonAsync(url, body);
            var problem = await put.Json(HttpStatusCode.BadRequest);
            Assert.Equal([("currentPassword", code)], problem.GetProperty("errors").EnumerateArray().Select(e => (e.Str("field"), e.Str("code"))));
        }

        Assert.Equal(HttpStatusCode.OK, await Status(factory, other, url));
        Assert.NotNull(await Login(factory, login, "first-password"));
    }

    [Fact]
    public async Task An_administrator_changing_a_users_password_or_account_type_ends_all_their_sessions()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var (login, id) = await NewUser("Session", "Anne", "anne-password");
        var url = $"/api/v1/users/{id}";

        var beforeRoleChange = await Login(factory, login, "anne-password");
        await admin.PutJson(url, new { accountType = "admin" });
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(factory, beforeRoleChange, url));
        var asAdmin = await factory.CreateClient().PostJson("/api/v1/auth/token", new { login, password = "anne-password" });
        Assert.Equal("ClientAdmin", asAdmin.Str("role"));

        await admin.PutJson(url, new { password = "anne-new-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(factory, asAdmin.Str("token"), url));

        var untouched = await Login(factory, login, "anne-new-password");
        await admin.PutJson(url, new { accountType = "admin", description = "same account type" });
        Assert.Equal(HttpStatusCode.OK, await Status(factory, untouched, url));
    }

    private async Task<(string Login, int Id)> NewUser(string lastName, string firstName, string password)
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var user = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName, firstName, password }, HttpStatusCode.Created);
        return (user.Str("login"), user.Int("id"));
    }

    private static async Task<string> Login(SophiaFactory node, string login, string password) =>
        (await node.CreateClient().PostJson("/api/v1/auth/token", new { login, password })).Str("token");

    private static HttpClient With(SophiaFactory node, string token)
    {
        var http = node.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<HttpStatusCode> Status(SophiaFactory node, string token, string url)
    {
        using var response = await With(node, token).GetAsync(url);
        return response.StatusCode;
    }
}
