using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Jobs;

/// <summary>
/// A browser opens the Hangfire dashboard with a single-use code a helpdesk API client asked for, never with a bearer
/// token in its address; the cookie it gets holds no token and ends with the session.
/// </summary>
public sealed class DashboardAccessTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_helpdesk_code_opens_the_dashboard_once_and_its_cookie_holds_no_token_and_ends_with_the_session()
    {
        var token = await Login(SophiaFactory.Helpdesk);
        var code = await Api(token).PostJson("/api/v1/jobs/dashboard-code", new { });
        Assert.Equal($"/hangfire?code={code.Str("code")}", code.Str("url"));
        using var browser = Browser();

        using var exchanged = await browser.GetAsync(code.Str("url"));

        Assert.Equal(HttpStatusCode.Redirect, exchanged.StatusCode);
        Assert.Equal("/hangfire", exchanged.Headers.Location?.OriginalString);
        var cookie = exchanged.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        Assert.StartsWith("sophia_hangfire=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(token, cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await Dashboard(browser, cookie));
        using (var again = await browser.GetAsync(code.Str("url")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        }

        using (var logout = await Api(token).DeleteAsync("/api/v1/auth/token"))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await Dashboard(browser, cookie));
    }

    [Fact]
    public async Task A_bearer_token_in_the_address_no_longer_opens_the_dashboard()
    {
        var token = await Login(SophiaFactory.Helpdesk);
        using var browser = Browser();

        using var response = await browser.GetAsync($"/hangfire?access_token={token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("sophia_hangfire=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_helpdesk_gets_a_dashboard_code_and_a_made_up_code_opens_nothing()
    {
        using (var admin = await Api(await Login(SophiaFactory.Admin15Rp)).PostAsync("/api/v1/jobs/dashboard-code", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        }
        using var browser = Browser();
        foreach (var code in new[] { "", "1.made-up", "not-a-code" })
        {
            using var response = await browser.GetAsync($"/hangfire?code={code}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await Dashboard(browser, "sophia_hangfire=forged"));
    }

    private async Task<string> Login(string login) =>
        (await factory.CreateClient().PostJson("/api/v1/auth/token", new { login, password = SophiaFactory.Password })).Str("token");

    private HttpClient Api(string token)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpStatusCode> Dashboard(HttpClient browser, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("Cookie", cookie);
        using var response = await browser.SendAsync(request);
        return response.StatusCode;
    }
}
