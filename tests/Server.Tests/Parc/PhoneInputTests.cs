using System.Net;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Parc;

/// <summary>Function keys and device settings: one bad entry rejects the whole change, which names the entry and field.</summary>
public sealed class PhoneInputTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_supervision_key_on_another_clients_user_is_refused()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Voisin Touches");
        var (admin, ids) = await Admin();
        await KeysAreRefused(admin, ids.Seldon, "keys[1].supervisedUserId",
        [
            new { index = 1, kind = "supervision", supervisedUserId = ids.Picard, label = "Noémie" },
            new { index = 2, kind = "supervision", supervisedUserId = other.AdminUserId, label = "Anne" },
        ]);
        await KeysAreRefused(helpdesk, ids.Seldon, "keys[0].supervisedUserId",
            [new { index = 1, kind = "supervision", supervisedUserId = other.AdminUserId, label = "Anne" }]);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("06 54 89")]
    [InlineData("")]
    [InlineData("1")]
    public async Task A_speed_dial_to_something_not_dialable_is_refused(string number)
    {
        var (admin, ids) = await Admin();
        await KeysAreRefused(admin, ids.Seldon, "keys[0].number", [new { index = 1, kind = "speedDial", number, label = "Chloe" }]);
    }

    [Fact]
    public async Task A_key_index_used_twice_is_refused()
    {
        var (admin, ids) = await Admin();
        await KeysAreRefused(admin, ids.Seldon, "keys[1].index",
        [
            new { index = 4, kind = "speedDial", number = "0654897845", label = "Chloe" },
            new { index = 4, kind = "speedDial", number = "0654897846", label = "Paul" },
        ]);
    }

    [Theory]
    [InlineData("""[{"index":1,"kind":"speedDial","number":"0654897845"}]""", "keys[0].label")]
    [InlineData("""[{"index":1,"kind":"speedDial","number":"0654897845","label":"A label much longer than a phone shows it"}]""", "keys[0].label")]
    [InlineData("""[{"index":0,"kind":"speedDial","number":"0654897845","label":"Zero"}]""", "keys[0].index")]
    [InlineData("""[{"index":1,"label":"What"}]""", "keys[0].kind")]
    [InlineData("""[{"index":1,"kind":"supervision","label":"Who"}]""", "keys[0].supervisedUserId")]
    [InlineData("""[{"index":1,"kind":"teleport","label":"Where"}]""", "keys[0].kind")]
    public async Task An_incomplete_key_is_refused_naming_the_field(string json, string field)
    {
        var (admin, ids) = await Admin();
        var url = $"/api/v1/users/{ids.Seldon}/function-keys";
        var before = (await admin.GetJson(url)).GetRawText();
        using var response = await admin.PutAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.Problem(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, (await admin.GetJson(url)).GetRawText());
    }

    [Fact]
    public async Task A_user_cannot_supervise_their_own_line()
    {
        var (admin, ids) = await Admin();
        await KeysAreRefused(admin, ids.Seldon, "keys[0].supervisedUserId",
            [new { index = 1, kind = "supervision", supervisedUserId = ids.Seldon, label = "Moi" }]);
    }

    [Fact]
    public async Task A_date_format_the_VVX_450_lacks_is_refused_naming_the_field_and_the_choices()
    {
        var (admin, _) = await Admin();
        var url = $"/api/v1/equipment/{DemoIds.LuPhone}/settings";
        var before = (await admin.GetJson(url)).GetRawText();
        using var response = await admin.PutAsync(url, System.Net.Http.Json.JsonContent.Create(new { dateFormat = "DD/MM/YYYY", callWaiting = true }));
        var problem = await response.Problem(HttpStatusCode.BadRequest, "dateFormat");
        var message = problem.MessageFor("dateFormat");
        Assert.Contains("DD/MM/YYYY", message, StringComparison.Ordinal);
        Assert.Contains("VVX 450", message, StringComparison.Ordinal);
        Assert.Equal(before, (await admin.GetJson(url)).GetRawText());
    }

    [Theory]
    [InlineData("""{"lockCode":"12ab"}""", "lockCode")]
    [InlineData("""{"lockCode":"1234567890123456"}""", "lockCode")]
    [InlineData("""{"ringtone":"Ring99"}""", "ringtone")]
    [InlineData("""{"screenOffMinutes":-5}""", "screenOffMinutes")]
    [InlineData("""{"dateFormat":"someday"}""", "dateFormat")]
    [InlineData("""{"timeFormat":"hour25"}""", "timeFormat")]
    public async Task A_setting_the_T46S_does_not_accept_is_refused_and_nothing_changes(string json, string field)
    {
        var (admin, _) = await Admin();
        var url = $"/api/v1/equipment/{DemoIds.SeldonPhone}/settings";
        var (before, etag) = await admin.GetWithETag(url);
        using var response = await admin.PutAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Problem(HttpStatusCode.BadRequest, field);
        if (field == "lockCode")
        {
            var code = JsonDocument.Parse(json).RootElement.Str("lockCode");
            Assert.DoesNotContain(code, problem.GetRawText(), StringComparison.Ordinal);
        }
        var (after, etagAfter) = await admin.GetWithETag(url);
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(etag, etagAfter);
    }

    [Fact]
    public async Task Settings_the_model_accepts_are_saved()
    {
        var (admin, _) = await Admin();
        var url = $"/api/v1/equipment/{DemoIds.MandarT54W}/settings";
        var saved = await admin.PutJson(url, new { dateFormat = "DD/MM/YYYY", timeFormat = "hour24", ringtone = "Ring4", lockCode = "4321" });
        Assert.Equal("Ring4", saved.Str("ringtone"));
        var read = await admin.GetJson(url);
        Assert.Equal(("DD/MM/YYYY", "hour24", "4321"), (read.Str("dateFormat"), read.Str("timeFormat"), read.Str("lockCode")));
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    private static async Task KeysAreRefused(HttpClient http, int userId, string field, object[] keys)
    {
        var url = $"/api/v1/users/{userId}/function-keys";
        var (before, etag) = await http.GetWithETag(url);
        using var response = await http.SendJson(HttpMethod.Put, url, keys);
        await response.Problem(HttpStatusCode.BadRequest, field);
        var (after, etagAfter) = await http.GetWithETag(url);
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(etag, etagAfter);
    }
}
