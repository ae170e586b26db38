using System.Net;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Contacts;

/// <summary>External contacts through the API: mobile, job title and the two short numbers, chosen or given.</summary>
public sealed class ExternalContactApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_contact_with_a_mobile_gets_a_short_number_for_each_and_keeps_them_as_typed()
    {
        var (admin, url) = await Admin();
        using var created = await admin.SendJson(HttpMethod.Post, url,
            new { lastName = "Garnier", firstName = "Luc", jobTitle = "Acheteur", phone = "03 54 69 11 11", mobile = "06 11 22 33 44" });
        var contact = await created.Json(HttpStatusCode.Created);

        Assert.Equal(("Acheteur", "03 54 69 11 11", "06 11 22 33 44"), (contact.Str("jobTitle"), contact.Str("phone"), contact.Str("mobile")));
        var (phoneShort, mobileShort) = (contact.Str("shortNumber"), contact.Str("mobileShortNumber"));
        Assert.Matches("^5[0-9]{2}$", phoneShort);
        Assert.Matches("^5[0-9]{2}$", mobileShort);
        Assert.NotEqual(phoneShort, mobileShort);
        Assert.Equal(created.Headers.ETag?.ToString(), $"\"{contact.Int("version")}\"");
        var read = await admin.GetJson($"{url}/{contact.Int("id")}");
        Assert.Equal(contact.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task A_short_number_already_taken_is_a_409_naming_it_and_nothing_is_saved()
    {
        var (admin, url) = await Admin();
        var before = (await admin.GetJson(url)).Int("total");
        using var response = await admin.SendJson(HttpMethod.Post, url, new { lastName = "Doublon", phone = "0354691112", shortNumber = "500" });
        var problem = await response.Problem(HttpStatusCode.Conflict, "shortNumber");
        Assert.Equal("shortNumber.taken", problem.Str("code"));
        Assert.Equal("500", problem.GetProperty("errors")[0].GetProperty("args").Str("shortNumber"));
        Assert.Contains("500", problem.MessageFor("shortNumber"), StringComparison.Ordinal);
        Assert.Equal(before, (await admin.GetJson(url)).Int("total"));
    }

    [Theory]
    [InlineData("""{"lastName":"Durand","phone":"0145454545","shortNumber":"600"}""", "shortNumber", "shortNumber.range")]
    [InlineData("""{"lastName":"Durand","phone":"0145454545","shortNumber":"5a1"}""", "shortNumber", "shortNumber.range")]
    [InlineData("""{"lastName":"Durand","phone":"0145454545","shortNumber":"4638"}""", "shortNumber", "shortNumber.range")]
    [InlineData("""{"lastName":"Durand","phone":"0145454545","mobile":"06 12"}""", "mobile", "phoneNumber.")]
    [InlineData("""{"lastName":"Durand","phone":"0145454545","mobileShortNumber":"577"}""", "mobileShortNumber", "mobileShortNumber.noMobile")]
    public async Task A_bad_short_number_or_mobile_is_a_400_naming_the_field_with_its_code(string json, string field, string code)
    {
        var (admin, url) = await Admin();
        var before = (await admin.GetJson(url)).Int("total");
        using var response = await admin.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Problem(HttpStatusCode.BadRequest, field);
        Assert.StartsWith(code, problem.Str("code"), StringComparison.Ordinal);
        Assert.Equal(before, (await admin.GetJson(url)).Int("total"));
    }

    [Fact]
    public async Task A_put_changes_the_short_numbers_and_removing_the_mobile_frees_its_own()
    {
        var (admin, url) = await Admin();
        var contact = await admin.PostJson(url, new { lastName = "Renard", phone = "0354691113", mobile = "0611223355" }, HttpStatusCode.Created);
        var item = $"{url}/{contact.Int("id")}";
        var (_, etag) = await admin.GetWithETag(item);

        using (var put = await admin.SendJson(HttpMethod.Put, item, new { shortNumber = "5900", mobileShortNumber = "5901" }, etag))
        {
            var changed = await put.Json();
            Assert.Equal(("5900", "5901", "Renard"), (changed.Str("shortNumber"), changed.Str("mobileShortNumber"), changed.Str("lastName")));
        }
        using (var put = await admin.SendJson(HttpMethod.Put, item, new { mobile = "" }))
        {
            var changed = await put.Json();
            Assert.Equal(JsonValueKind.Null, changed.GetProperty("mobileShortNumber").ValueKind);
            Assert.Equal("5900", changed.Str("shortNumber"));
        }
        var other = await admin.PostJson(url, new { lastName = "Loup", phone = "0354691114", shortNumber = "5901" }, HttpStatusCode.Created);
        Assert.Equal("5901", other.Str("shortNumber"));
    }

    private async Task<(HttpClient Admin, string Url)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        return (admin, $"/api/v1/clients/{ids.ClientId}/contacts/external");
    }
}
