using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>The console's pages without a browser: antiforgery on every form, sessions, and errors in the user's language.</summary>
public sealed class ConsolePageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var response = await forms.Http.PostAsync("/sites/2/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "Piraté" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var api = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var sites = (await api.GetJson("/api/v1/clients/1/sites")).Items().Select(s => s.Str("name")).ToList();
        Assert.DoesNotContain("Piraté", sites);
    }

    [Fact]
    public async Task Login_attempts_beyond_the_limit_send_the_form_back_saying_how_long_to_wait_in_French()
    {
        using var limited = new SophiaFactory();
        limited.Settings["Sophia:Auth:LoginAttemptsPerMinute"] = "2";
        var forms = new ConsoleForms(limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        forms.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        var statuses = new List<HttpStatusCode>();
        foreach (var password in new[] { "wrong-1", "wrong-2", SophiaFactory.Password })
        {
            using var attempt = await forms.PostFormAsync("/login", "/login", new() { ["Login"] = SophiaFactory.Admin15Rp, ["Password"] = password });
            statuses.Add(attempt.StatusCode);
            if (attempt.StatusCode == HttpStatusCode.SeeOther)
            {
                Assert.StartsWith("/login?wait=", attempt.Headers.Location!.OriginalString, StringComparison.Ordinal);
                Assert.NotNull(attempt.Headers.RetryAfter?.Delta);
                Assert.False(attempt.Headers.Contains("Set-Cookie"), "A limited attempt was given a cookie.");
                var form = await forms.Http.GetStringAsync(attempt.Headers.Location);
                Assert.Matches("Trop de tentatives de connexion depuis cette adresse : réessayez dans [0-9]+ s\\.", form);
            }
        }
        // The right password too is refused once the address has used its attempts.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.SeeOther], statuses);
    }

    [Fact]
    public async Task A_login_without_its_antiforgery_token_is_refused()
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Login"] = SophiaFactory.Admin15Rp, ["Password"] = SophiaFactory.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_and_SameSite_and_the_api_does_not_take_it()
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var session = await ConsoleForms.SessionCookieAsync(http, SophiaFactory.Admin15Rp);

        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/clients/1/sites");
        page.Headers.Add("Cookie", session.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(page)).StatusCode);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clients");
        api.Headers.Add("Cookie", session.Split(';')[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(api)).StatusCode);
    }

    [Fact]
    public async Task A_plain_user_reaching_an_admin_page_is_refused()
    {
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Lu);
        var response = await forms.Http.GetAsync("/clients/1/sites");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await forms.Http.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task A_refused_save_shows_the_operations_error_in_French_or_English_never_the_other()
    {
        foreach (var (language, expected, foreign) in new[]
        {
            ("fr", "Le client a déjà un site nommé Mandar.", "already has a site"),
            ("en", "The client already has a site named Mandar.", "déjà un site"),
        })
        {
            var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp, language);
            var response = await forms.PostFormAsync("/sites/2/edit", "/sites/2/edit", new() { ["Input.Name"] = "Mandar", ["Input.TimeZone"] = "Europe/Paris" });
            var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(expected, html, StringComparison.Ordinal);
            Assert.DoesNotContain(foreign, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task After_logging_out_the_same_session_cookie_opens_nothing()
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = (await ConsoleForms.SessionCookieAsync(http, SophiaFactory.Admin15Rp)).Split(';')[0];
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        Assert.Equal(HttpStatusCode.OK, (await Get(http, cookie)).StatusCode);

        // Logging out another session of the same admin leaves this one open; logging out this one closes it.
        await forms.PostFormAsync("/clients/1/sites", "/logout", []);
        Assert.Equal(HttpStatusCode.OK, (await Get(http, cookie)).StatusCode);
        var page = await Get(http, cookie);
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)");
        var antiforgery = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("sophia_form", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token.Groups[1].Value }),
        };
        post.Headers.Add("Cookie", $"{cookie}; {antiforgery}");
        Assert.Equal(HttpStatusCode.Redirect, (await http.SendAsync(post)).StatusCode);

        var after = await Get(http, cookie);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/clients/1/sites");
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request);
    }
}
