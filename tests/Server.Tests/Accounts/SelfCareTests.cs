using System.Net;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Accounts;

/// <summary>
/// A plain user (Ricardo Lu) reads and changes their own function keys, personal contacts and phone settings,
/// never another user's (404, as if it did not exist), and never the fields only an administrator sets.
/// </summary>
public sealed class SelfCareTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_user_reads_and_replaces_their_own_function_keys()
    {
        var (lu, ids) = await Lu();
        var url = $"/api/v1/users/{ids.Lu}/function-keys";
        var (keys, etag) = await lu.GetWithETag(url);
        Assert.Empty(keys.EnumerateArray());
        using var put = await lu.SendJson(HttpMethod.Put, url, new object[]
        {
            new { index = 1, kind = "supervision", supervisedUserId = ids.Seldon, label = "Cédric" },
            new { index = 2, kind = "speedDial", number = "0654897845", label = "Chloe" },
        }, etag);
        var saved = (await put.Json()).EnumerateArray().ToList();
        Assert.Equal(["Cédric", "Chloe"], saved.Select(k => k.Str("label")));
        Assert.Equal(SophiaFactory.Seldon, saved[0].Str("supervisedLogin"));
        Assert.Equal(2, (await lu.GetJson(url)).GetArrayLength());
    }

    [Fact]
    public async Task A_user_keeps_their_own_personal_contacts()
    {
        var (lu, ids) = await Lu();
        var url = $"/api/v1/users/{ids.Lu}/contacts";
        var created = await lu.PostJson(url, new { lastName = "Lu", firstName = "Maria", phone = "0611223344" }, HttpStatusCode.Created);
        var contact = $"{url}/{created.Int("id")}";
        var (_, etag) = await lu.GetWithETag(contact);
        using (var put = await lu.SendJson(HttpMethod.Put, contact, new { email = "maria.lu@example.fr" }, etag))
        {
            Assert.Equal("maria.lu@example.fr", (await put.Json()).Str("email"));
        }
        Assert.Contains((await lu.GetJson(url)).Items(), c => c.Str("firstName") == "Maria");
        using var deleted = await lu.DeleteAsync(contact);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain((await lu.GetJson(url)).Items(), c => c.Int("id") == created.Int("id"));
    }

    [Fact]
    public async Task A_user_sets_their_own_phone_settings()
    {
        var (lu, _) = await Lu();
        var url = $"/api/v1/equipment/{DemoIds.LuPhone}/settings";
        var (_, etag) = await lu.GetWithETag(url);
        using var put = await lu.SendJson(HttpMethod.Put, url, new { ringtone = "Ring2", callWaiting = false }, etag);
        Assert.Equal("Ring2", (await put.Json()).Str("ringtone"));
        Assert.False((await lu.GetJson(url)).GetProperty("callWaiting").GetBoolean());
    }

    [Fact]
    public async Task A_user_changes_their_own_language_password_and_pin()
    {
        var (lu, ids) = await Lu();
        var (_, etag) = await lu.GetWithETag($"/api/v1/users/{ids.Lu}");
        using var put = await lu.SendJson(HttpMethod.Put, $"/api/v1/users/{ids.Lu}", new { language = "en", outgoingPin = "2468" }, etag);
        var me = await put.Json();
        Assert.Equal("en", me.Str("language"));
        Assert.True(me.GetProperty("hasOutgoingPin").GetBoolean());
        Assert.DoesNotContain("2468", me.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_data_is_not_found_for_a_plain_user()
    {
        var (lu, ids) = await Lu();
        var seldon = ids.Seldon;
        var requests = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, $"/api/v1/users/{seldon}", null),
            (HttpMethod.Put, $"/api/v1/users/{seldon}", new { language = "en" }),
            (HttpMethod.Get, $"/api/v1/users/{seldon}/function-keys", null),
            (HttpMethod.Put, $"/api/v1/users/{seldon}/function-keys", Array.Empty<object>()),
            (HttpMethod.Get, $"/api/v1/users/{seldon}/contacts", null),
            (HttpMethod.Post, $"/api/v1/users/{seldon}/contacts", new { lastName = "Intrus", phone = "0611223344" }),
            (HttpMethod.Get, $"/api/v1/equipment/{DemoIds.SeldonPhone}/settings", null),
            (HttpMethod.Put, $"/api/v1/equipment/{DemoIds.SeldonPhone}/settings", new { lockCode = "0000" }),
            (HttpMethod.Get, $"/api/v1/equipment/{DemoIds.MandarT54W}/settings", null),
        };
        foreach (var (method, url, body) in requests)
        {
            using var response = await lu.SendJson(method, url, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode}");
        }
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        Assert.Equal(3, (await admin.GetJson($"/api/v1/users/{seldon}/function-keys")).GetArrayLength());
        Assert.Equal("2580", (await admin.GetJson($"/api/v1/equipment/{DemoIds.SeldonPhone}/settings")).Str("lockCode"));
        Assert.Equal("fr", (await admin.GetJson($"/api/v1/users/{seldon}")).Str("language"));
        Assert.Equal(0, (await admin.GetJson($"/api/v1/users/{seldon}/contacts")).Int("total"));
    }

    [Theory]
    [InlineData("""{"accountType":"admin"}""", "accountType")]
    [InlineData("""{"services":["fixedTelephony","fax"]}""", "services")]
    [InlineData("""{"callRestrictionProfile":"international"}""", "callRestrictionProfile")]
    [InlineData("""{"presentedNumber":"+33185737636"}""", "presentedNumber")]
    [InlineData("""{"login":"boss@15rp.sewan.eu"}""", "login")]
    [InlineData("""{"language":"en","accountType":"admin"}""", "accountType")]
    public async Task A_plain_user_cannot_set_admin_only_fields_of_their_own_account(string json, string field)
    {
        var (lu, ids) = await Lu();
        var (before, etag) = await lu.GetWithETag($"/api/v1/users/{ids.Lu}");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{ids.Lu}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await lu.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        await response.Problem(response.StatusCode, field);
        var (after, etagAfter) = await lu.GetWithETag($"/api/v1/users/{ids.Lu}");
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(etag, etagAfter);
        var token = await factory.CreateClient().PostJson("/api/v1/auth/token", new { login = SophiaFactory.Lu, password = SophiaFactory.Password });
        Assert.Equal("User", token.Str("role"));
    }

    [Fact]
    public async Task A_plain_user_cannot_reach_admin_routes_even_for_their_own_things()
    {
        var (lu, ids) = await Lu();
        var forbidden = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, $"/api/v1/sites/{ids.Mandar}/users", null),
            (HttpMethod.Get, $"/api/v1/equipment/{DemoIds.LuPhone}", null),
            (HttpMethod.Post, $"/api/v1/equipment/{DemoIds.LuPhone}/move", new { to = "client" }),
            (HttpMethod.Post, $"/api/v1/equipment/{DemoIds.LuPhone}/unassign", new { }),
            (HttpMethod.Post, $"/api/v1/numbers/{ids.Numbers["+33185737643"]}/assign", new { userId = ids.Lu }),
            (HttpMethod.Delete, $"/api/v1/users/{ids.Lu}", null),
            (HttpMethod.Get, "/api/v1/search?q=seldon", null),
        };
        foreach (var (method, url, body) in forbidden)
        {
            using var response = await lu.SendJson(method, url, body);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {url}: {(int)response.StatusCode}");
        }
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        Assert.Equal(SophiaFactory.Lu, (await admin.GetJson($"/api/v1/equipment/{DemoIds.LuPhone}")).Str("userLogin"));
        Assert.Equal("none", (await admin.GetJson($"/api/v1/numbers/{ids.Numbers["+33185737643"]}")).Str("assignee"));
    }

    private async Task<(HttpClient Lu, DemoIds Ids)> Lu()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        return (await factory.ClientFor(SophiaFactory.Lu), ids);
    }
}
