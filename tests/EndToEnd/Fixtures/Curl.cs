using System.Globalization;
using System.Text.Json;

namespace Sophia.EndToEnd.Fixtures;

/// <summary>One answer as curl saw it.</summary>
public sealed record CurlAnswer(int Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// The README's client: the real curl binary, as a process, so the server is spoken to by a peer that shares
/// none of its code (HTTP stack, JSON, encodings).
/// </summary>
public sealed class Curl(Uri baseAddress)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public Task<CurlAnswer> GetAsync(string path, string? token = null) => SendAsync("GET", path, token, null);

    public Task<CurlAnswer> PostJsonAsync(string path, string json, string? token = null) => SendAsync("POST", path, token, json);

    /// <summary>Any other request: <paramref name="arguments"/> go to curl before the URL (e.g. <c>--digest -u user:pass</c>).</summary>
    public async Task<CurlAnswer> RunAsync(string path, params string[] arguments) =>
        await Run([.. arguments], path);

    /// <summary>Like <see cref="RunAsync"/>, with curl's <c>-v</c> trace (the request headers it sent) kept.</summary>
    public async Task<(CurlAnswer Answer, string Trace)> RunVerboseAsync(string path, params string[] arguments) =>
        await RunWithTrace(["-v", .. arguments], path);

    private async Task<CurlAnswer> SendAsync(string method, string path, string? token, string? json)
    {
        var arguments = new List<string> { "-X", method };
        if (token is not null)
        {
            arguments.AddRange(["-H", $"Authorization: Bearer {token}"]);
        }
        if (json is not null)
        {
            arguments.AddRange(["-H", "Content-Type: application/json", "--data-binary", json]);
        }
        return await Run(arguments, path);
    }

    private async Task<CurlAnswer> Run(List<string> arguments, string path) => (await RunWithTrace(arguments, path)).Answer;

    private async Task<(CurlAnswer Answer, string Trace)> RunWithTrace(List<string> arguments, string path)
    {
        // The status goes on a line of its own after the body, so one call gives both; curl's stderr is the trace.
        List<string> all = ["--silent", "--show-error", "--globoff", "--max-time", "20", "--write-out", "\n%{http_code}", .. arguments, new Uri(baseAddress, path).ToString()];
        var result = await ProcessRun.RunAsync("curl", all, Path.GetTempPath(), Timeout);
        Assert.True(result.ExitCode == 0, $"curl {string.Join(' ', all)} failed ({result.ExitCode}): {result.Error}");
        var cut = result.Output.LastIndexOf('\n');
        return (new CurlAnswer(int.Parse(result.Output[(cut + 1)..].Trim(), CultureInfo.InvariantCulture), result.Output[..cut]), result.Error);
    }
}
