using System.Net;
using System.Net.Http.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Api;

/// <summary>
/// Every route the OpenAPI document lists refuses a caller without a token with 401, before it reads anything: the
/// API group requires a signed-in caller and the fallback policy refuses a route that forgot to say who may call it.
/// Only the login itself is open.
/// </summary>
public sealed class AnonymousWalkTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private static readonly string[] Open = ["POST /api/v1/auth/token"];

    [Fact]
    public async Task Every_api_route_without_a_token_gets_401()
    {
        using var anonymous = factory.CreateClient();
        var document = await anonymous.GetJson("/openapi/v1.json");
        var routes = (
            from path in document.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            where operation.Name is "get" or "post" or "put" or "patch" or "delete"
            select (Method: operation.Name.ToUpperInvariant(), Path: path.Name)).ToList();
        Assert.True(routes.Count >= 40, $"The OpenAPI document lists only {routes.Count} routes.");

        var failures = new List<string>();
        foreach (var (method, path) in routes.Where(r => !Open.Contains($"{r.Method} {r.Path}")))
        {
            // Any value fills a parameter: the refusal must come before the route looks at it.
            var url = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "1");
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = JsonContent.Create(new { });
            }
            using var response = await anonymous.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, "Routes open without a token:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_api_route_declares_401_in_the_openapi_document()
    {
        using var anonymous = factory.CreateClient();
        var document = await anonymous.GetJson("/openapi/v1.json");
        var missing = (
            from path in document.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            where operation.Name is "get" or "post" or "put" or "patch" or "delete"
            where !Open.Contains($"{operation.Name.ToUpperInvariant()} {path.Name}")
            where !operation.Value.GetProperty("responses").TryGetProperty("401", out _)
            select $"{operation.Name.ToUpperInvariant()} {path.Name}").ToList();
        Assert.True(missing.Count == 0, "Routes whose OpenAPI answers lack 401:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
    }
}
