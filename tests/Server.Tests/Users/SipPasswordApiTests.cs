using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Users;

/// <summary>
/// A client admin or the helpdesk renews a user's SIP password: shown once to them, served to the user's phone on
/// its next fetch, never to a plain user nor another client's admin.
/// </summary>
public sealed partial class SipPasswordApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string T46sAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";
    private const string SeldonFile = "/prov/001565988c06.cfg";

    [Fact]
    public async Task A_renewed_SIP_password_is_answered_once_and_the_users_phone_gets_it_on_its_next_fetch()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var phone = new DigestClient(factory.CreateClient(), "15rp", "prov-demo", T46sAgent);
        var old = LinePassword(await Fetch(phone));
        var (_, etag) = await admin.GetWithETag($"/api/v1/users/{ids.Seldon}");

        using var response = await admin.PostAsync($"/api/v1/users/{ids.Seldon}/sip-password", null);

        var renewed = await response.Json();
        var secret = renewed.Str("sipPassword");
        Assert.Matches("^[A-Za-z0-9]{24}$", secret);
        Assert.NotEqual(old, secret);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.NotEqual(etag, response.Headers.ETag?.ToString());
        Assert.Equal(secret, LinePassword(await Fetch(phone)));
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var preview = await helpdesk.GetJson("/api/v1/equipment/001565988c06/config/001565988c06.cfg?reveal=true");
        Assert.Contains($"account.1.password = {secret}", preview.Str("content"), StringComparison.Ordinal);
        foreach (var url in new[] { $"/api/v1/users/{ids.Seldon}", $"/api/v1/sites/{ids.Mandar}/users?format=csv", $"/api/v1/users/{ids.Seldon}/sip" })
        {
            using var read = await admin.GetAsync(url);
            Assert.DoesNotContain(secret, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_plain_user_and_another_clients_admin_cannot_renew_a_SIP_password()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Voisin");
        var lu = await factory.ClientFor(SophiaFactory.Lu);
        var otherAdmin = await factory.ClientFor(other.AdminLogin, other.AdminPassword);
        var before = await SipPasswordOf(ids.Lu);

        foreach (var (who, http, status) in new[]
        {
            ("the user themself", lu, HttpStatusCode.Forbidden),
            ("another client's admin", otherAdmin, HttpStatusCode.NotFound),
        })
        {
            using var response = await http.PostAsync($"/api/v1/users/{ids.Lu}/sip-password", null);
            Assert.True(response.StatusCode == status, $"{who}: {(int)response.StatusCode}");
            Assert.DoesNotContain(before, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var notFound = await otherAdmin.PostAsync($"/api/v1/users/{ids.Lu}/sip-password", null))
        {
            await notFound.Problem(HttpStatusCode.NotFound, "userId");
        }
        Assert.Equal(before, await SipPasswordOf(ids.Lu));

        var renewed = await helpdesk.PostJson($"/api/v1/users/{ids.Lu}/sip-password", new { });
        Assert.Equal(renewed.Str("sipPassword"), await SipPasswordOf(ids.Lu));
    }

    private static async Task<string> Fetch(DigestClient phone)
    {
        using var response = await phone.GetAsync(SeldonFile);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    private static string LinePassword(string config) =>
        AccountPassword().Match(config) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No line password in the file.");

    private async Task<string> SipPasswordOf(int userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SipPassword).SingleAsync();
    }

    [GeneratedRegex(@"account\.1\.password = (\S+)")]
    private static partial Regex AccountPassword();
}
