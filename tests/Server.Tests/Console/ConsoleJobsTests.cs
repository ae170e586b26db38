using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>The console's "Tâches planifiées" link opens the Hangfire dashboard for the helpdesk's session only.</summary>
public sealed class ConsoleJobsTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Theory]
    [InlineData(SophiaFactory.Helpdesk, HttpStatusCode.OK)]
    [InlineData(SophiaFactory.Admin15Rp, HttpStatusCode.Forbidden)]
    public async Task The_dashboard_opens_with_a_helpdesk_console_session_only(string login, HttpStatusCode expected)
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var session = (await ConsoleForms.SessionCookieAsync(http, login)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("Cookie", session);
        Assert.Equal(expected, (await http.SendAsync(request)).StatusCode);
    }
}
