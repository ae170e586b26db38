using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sophia.Server.Hosting;

namespace Sophia.Server.Tests.Hosting;

/// <summary>Logs an operator can ship: JSON lines on demand, each request's lines carrying its correlation id, no secret.</summary>
public sealed partial class JsonLogTests
{
    [Theory]
    [InlineData("lb-7f3a-0001", "lb-7f3a-0001")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("two words", null)]
    [InlineData("<script>", null)]
    [InlineData("", null)]
    public void A_given_request_id_is_kept_only_when_sane(string given, string? kept) =>
        Assert.Equal(kept, RequestCorrelation.Sane(given));

    [Fact]
    public void A_request_id_longer_than_64_characters_is_not_kept() =>
        Assert.Null(RequestCorrelation.Sane(new string('a', RequestCorrelation.MaxLength + 1)));

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://h/prov/001565988c06.cfg?user=u&pass=p - -", "Request starting HTTP/1.1 GET http://h/prov/001565988c06.cfg?[redacted] - -")]
    [InlineData("/prov/y000000000066.cfg", "/prov/y000000000066.cfg")]
    [InlineData("/api/v1/sites?postcode=75017", "/api/v1/sites?postcode=75017")]
    public void A_provisioning_address_is_logged_without_its_query(string text, string expected) =>
        Assert.Equal(expected, SecretRedaction.Redact(text));

    /// <summary>Run as a process: the console formatter is the real one, and what it writes is what a shipper reads.</summary>
    [Fact]
    public async Task Json_log_lines_parse_carry_the_requests_correlation_id_and_no_token_nor_provisioning_query()
    {
        var elsewhere = Directory.CreateTempSubdirectory("sophia-json-");
        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = elsewhere.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sophia.Server.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Sophia:DataDirectory={Path.Combine(elsewhere.FullName, "data")}");
        start.ArgumentList.Add("--Sophia:Tftp:Port=0");
        start.ArgumentList.Add("--Sophia:Demo=true");
        start.ArgumentList.Add("--Sophia:Logging:Format=json");
        // ASP.NET's own request lines too, which the shipped appsettings.json keep at Warning.
        start.ArgumentList.Add("--Logging:LogLevel:Microsoft.AspNetCore=Information");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        server.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var address = await UntilAsync(output, l => ListeningOn().Match(l) is { Success: true } m ? m.Groups[1].Value : null);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(await http.GetAsync("/health")).IsSuccessStatusCode)
            {
                Assert.True(DateTime.UtcNow < deadline, "The host never became ready.");
                await Task.Delay(100);
            }

            using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clients");
            api.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret-bearer-5");
            api.Headers.Add(RequestCorrelation.Header, "corr-api-1");
            var apiResponse = await http.SendAsync(api);
            using var prov = new HttpRequestMessage(HttpMethod.Get, "/prov/001565988c06.cfg?user=15rp&pass=prov-query-secret-6");
            prov.Headers.Add(RequestCorrelation.Header, "bad id <7>");
            var provResponse = await http.SendAsync(prov);
            using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            {
                Content = JsonContent.Create(new { login = "sentinel@nowhere.example", password = "wrong-password" }),
            };
            login.Headers.Add(RequestCorrelation.Header, "corr-login-2");
            await http.SendAsync(login);
            // The failed login's warning: once it is out, so is every line logged before it.
            await UntilAsync(output, l => l.Contains("sentinel@nowhere.example", StringComparison.Ordinal) ? l : null);

            Assert.Equal("corr-api-1", apiResponse.Headers.GetValues(RequestCorrelation.Header).Single());
            Assert.Matches("^[0-9a-f]{32}$", provResponse.Headers.GetValues(RequestCorrelation.Header).Single());
            var lines = output.Where(l => l.Length > 0).ToList();
            var entries = lines.Select(l =>
            {
                try
                {
                    return JsonDocument.Parse(l).RootElement.Clone();
                }
                catch (JsonException e)
                {
                    throw new Xunit.Sdk.XunitException($"not a JSON line: {l} ({e.Message})");
                }
            }).ToList();
            var failedLogin = entries.Single(e => e.GetRawText().Contains("sentinel@nowhere.example", StringComparison.Ordinal));
            Assert.Contains(failedLogin.GetProperty("Scopes").EnumerateArray(),
                s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("CorrelationId", out var id) && id.GetString() == "corr-login-2");
            Assert.Contains(lines, l => l.Contains("/prov/001565988c06.cfg?[redacted]", StringComparison.Ordinal));
            var text = string.Join('\n', lines);
            Assert.DoesNotContain("secret-bearer-5", text, StringComparison.Ordinal);
            Assert.DoesNotContain("prov-query-secret-6", text, StringComparison.Ordinal);
            Assert.DoesNotContain("bad id <7>", text, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            elsewhere.Delete(recursive: true);
        }
    }

    private static async Task<string> UntilAsync(ConcurrentQueue<string> output, Func<string, string?> found)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in output)
            {
                if (found(line) is { } value)
                {
                    return value;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The host never said it:\n" + string.Join('\n', output));
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
