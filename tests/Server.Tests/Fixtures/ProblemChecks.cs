using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sophia.Server.Tests.Fixtures;

/// <summary>Checks on ProblemDetails answers, and requests that carry an If-Match.</summary>
public static class ProblemChecks
{
    /// <summary>
    /// Asserts the answer is a ProblemDetails with <paramref name="status"/> that names <paramref name="field"/>
    /// (in <c>field</c> and in <c>errors[]</c>) and says what is wrong; returns it for further checks.
    /// </summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Json(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(body.Str("title")), "A problem needs a human title.");
        Assert.StartsWith("https://", body.Str("type"), StringComparison.Ordinal);
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        var named = errors.Where(e => e.Str("field") == field).ToList();
        Assert.True(named.Count > 0, $"No error names '{field}': {body}");
        Assert.All(named, e => Assert.True(e.Str("message").Length > 10, $"'{e.Str("message")}' does not say what is wrong."));
        // Every error carries the stable code the console translates, and the top-level code is the first error's.
        Assert.All(errors, e => Assert.Matches("^[a-z][A-Za-z]*(\\.[a-z][A-Za-z]*)*$", e.Str("code")));
        Assert.Equal(errors[0].Str("code"), body.Str("code"));
        if (errors.Count == 1)
        {
            Assert.Equal(field, body.Str("field"));
        }
        return body;
    }

    /// <summary>The message of the error naming <paramref name="field"/>.</summary>
    public static string MessageFor(this JsonElement problem, string field) =>
        problem.GetProperty("errors").EnumerateArray().First(e => e.Str("field") == field).Str("message");

    public static async Task<HttpResponseMessage> SendJson(this HttpClient http, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: SophiaFactory.Json);
        }
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }
        return await http.SendAsync(request);
    }

    /// <summary>GETs <paramref name="url"/> and returns its body with its ETag, which must be there.</summary>
    public static async Task<(JsonElement Body, string ETag)> GetWithETag(this HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Json();
        var etag = response.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(etag), $"GET {url} gave no ETag.");
        return (body, etag!);
    }
}
