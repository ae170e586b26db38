using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Sophia.Server.Tests.Fixtures;

/// <summary>
/// Requests that seem to come from chosen addresses: the test server has no sockets, so a first middleware takes
/// the connection's remote address from a test-only header.
/// </summary>
public sealed class SourceAddresses : IDisposable
{
    private const string Header = "X-Test-Source";
    private readonly WebApplicationFactory<Program> factory;

    private SourceAddresses(WebApplicationFactory<Program> factory) => this.factory = factory;

    public static SourceAddresses Apply(SophiaFactory factory) =>
        new(factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, SourceFilter>())));

    public HttpClient ClientFrom(string address)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(Header, address);
        return http;
    }

    public void Dispose() => factory.Dispose();

    private sealed class SourceFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }
                return following(http);
            });
            next(app);
        };
    }
}
