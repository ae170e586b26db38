using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>A browser without a browser: a cookie jar, and forms posted with the antiforgery token their page carries.</summary>
public sealed partial class ConsoleForms(HttpClient http)
{
    public HttpClient Http => http;

    public static async Task<ConsoleForms> SignedInAsync(SophiaFactory factory, string login, string language = "fr")
    {
        var forms = new ConsoleForms(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        forms.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await forms.PostFormAsync("/login", "/login", new() { ["Login"] = login, ["Password"] = SophiaFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return forms;
    }

    /// <summary>
    /// Signs in with a client that keeps no cookies and returns the session cookie's <c>Set-Cookie</c> line, for tests
    /// that look at the cookie itself or send it again after it should have stopped working.
    /// </summary>
    public static async Task<string> SessionCookieAsync(HttpClient http, string login)
    {
        var form = await http.GetAsync("/login");
        var antiforgery = form.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var token = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups["token"].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Login"] = login,
                ["Password"] = SophiaFactory.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await http.SendAsync(post);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sophia_session=", StringComparison.Ordinal));
    }

    /// <summary>Reads <paramref name="page"/>, takes its form token, and posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string> fields)
    {
        var html = await http.GetStringAsync(page);
        var token = FormToken().Match(html);
        Assert.True(token.Success, $"{page} has no antiforgery token.");
        fields["__RequestVerificationToken"] = token.Groups["token"].Value;
        return await http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)""")]
    private static partial Regex FormToken();
}
