using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Stock;

/// <summary>
/// <c>PATCH /equipment/{mac}/settings</c>, a JSON merge patch: a member with a value sets that setting, a member set to
/// null clears it, an absent one is kept; <c>PUT</c> still replaces the whole object.
/// </summary>
public sealed class DeviceSettingsPatchTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private static readonly string SeldonSettings = $"/api/v1/equipment/{DemoIds.SeldonPhone}/settings";

    [Fact]
    public async Task Changing_the_lock_code_keeps_every_other_setting_and_moves_the_ETag()
    {
        var admin = await Admin();
        var (before, etag) = await admin.GetWithETag(SeldonSettings);

        using var response = await Patch(admin, SeldonSettings, """{"lockCode":"1234"}""", etag);
        var patched = await response.Json();

        Assert.NotEqual(etag, response.Headers.ETag?.ToString());
        var (after, etagAfter) = await admin.GetWithETag(SeldonSettings);
        Assert.Equal(response.Headers.ETag?.ToString(), etagAfter);
        Assert.Equal(patched.GetRawText(), after.GetRawText());
        Assert.Equal("1234", after.Str("lockCode"));
        foreach (var setting in new[] { "callWaiting", "callWaitingTone", "dateFormat", "timeFormat", "screenOffMinutes", "ringtone" })
        {
            Assert.Equal(before.GetProperty(setting).GetRawText(), after.GetProperty(setting).GetRawText());
        }
    }

    [Fact]
    public async Task A_null_member_clears_its_setting_an_absent_one_is_kept_and_plain_JSON_is_accepted()
    {
        var admin = await Admin();
        var url = $"/api/v1/equipment/{DemoIds.MandarT54W}/settings";
        using (var set = await Patch(admin, url, """{"ringtone":"Ring4","timeFormat":"hour24"}""", contentType: "application/json"))
        {
            Assert.Equal("Ring4", (await set.Json()).Str("ringtone"));
        }

        using var cleared = await Patch(admin, url, """{"ringtone":null}""");
        var settings = await cleared.Json();

        Assert.Equal(JsonValueKind.Null, settings.GetProperty("ringtone").ValueKind);
        Assert.Equal("hour24", settings.Str("timeFormat"));
        Assert.Equal(JsonValueKind.Null, (await admin.GetJson(url)).GetProperty("ringtone").ValueKind);
    }

    [Fact]
    public async Task An_unknown_member_is_refused_naming_it_and_nothing_changes()
    {
        var admin = await Admin();
        var url = $"/api/v1/equipment/{DemoIds.WagramVvx250}/settings";
        var (before, etag) = await admin.GetWithETag(url);

        using var response = await Patch(admin, url, """{"ringtone":"Ring2","volume":7}""");

        var problem = await response.Problem(HttpStatusCode.BadRequest, "volume");
        Assert.Equal("setting.unknown", problem.Str("code"));
        var (after, etagAfter) = await admin.GetWithETag(url);
        Assert.Equal((before.GetRawText(), etag), (after.GetRawText(), etagAfter));
    }

    [Fact]
    public async Task A_setting_the_model_does_not_have_is_refused_naming_it()
    {
        var admin = await Admin();
        var ids = await DemoIds.Read(admin);
        await admin.PostJson($"/api/v1/clients/{ids.ClientId}/equipment", new { mac = "00:04:F2:00:01:50", model = "VVX 150" }, HttpStatusCode.Created);

        using var response = await Patch(admin, "/api/v1/equipment/0004f2000150/settings", """{"screenOffMinutes":5}""");

        var problem = await response.Problem(HttpStatusCode.BadRequest, "screenOffMinutes");
        Assert.Equal("setting.unsupported", problem.Str("code"));
        Assert.Contains("VVX 150", problem.MessageFor("screenOffMinutes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_lock_code_is_never_repeated_and_a_stale_ETag_gets_412()
    {
        var admin = await Admin();
        var (before, etag) = await admin.GetWithETag(SeldonSettings);

        using var bad = await Patch(admin, SeldonSettings, """{"lockCode":"86ab"}""", etag);
        var problem = await bad.Problem(HttpStatusCode.BadRequest, "lockCode");
        Assert.DoesNotContain("86ab", problem.GetRawText(), StringComparison.Ordinal);

        using var stale = await Patch(admin, SeldonSettings, """{"ringtone":"Ring7"}""", "\"999\"");
        await stale.Problem(HttpStatusCode.PreconditionFailed, "If-Match");
        Assert.Equal(before.GetRawText(), (await admin.GetJson(SeldonSettings)).GetRawText());
    }

    [Fact]
    public async Task A_plain_user_patches_their_own_phone_but_another_users_phone_is_not_found()
    {
        var lu = await factory.ClientFor(SophiaFactory.Lu);
        var admin = await Admin();
        var (before, _) = await admin.GetWithETag(SeldonSettings);

        using var other = await Patch(lu, SeldonSettings, """{"lockCode":"0000"}""");
        await other.Problem(HttpStatusCode.NotFound, "mac");
        using var own = await Patch(lu, $"/api/v1/equipment/{DemoIds.LuPhone}/settings", """{"callWaiting":false}""");

        Assert.False((await own.Json()).GetProperty("callWaiting").GetBoolean());
        Assert.Equal(before.GetRawText(), (await admin.GetJson(SeldonSettings)).GetRawText());
    }

    [Fact]
    public async Task The_API_document_says_PUT_replaces_and_PATCH_merges()
    {
        var admin = await Admin();
        var route = (await admin.GetJson("/openapi/v1.json")).GetProperty("paths").GetProperty("/api/v1/equipment/{mac}/settings");

        Assert.Contains("cleared", route.GetProperty("put").Str("summary"), StringComparison.Ordinal);
        Assert.Contains("merge patch", route.GetProperty("patch").Str("summary"), StringComparison.Ordinal);
        Assert.True(route.GetProperty("patch").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
    }

    private Task<HttpClient> Admin() => factory.ClientFor(SophiaFactory.Admin15Rp);

    private static async Task<HttpResponseMessage> Patch(HttpClient http, string url, string json, string? ifMatch = null, string contentType = "application/merge-patch+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }
        return await http.SendAsync(request);
    }
}
