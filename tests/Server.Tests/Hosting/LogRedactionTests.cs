using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Sophia.Server.Hosting;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Hosting;

/// <summary>No secret of an address in the logs: redacted wherever an address is logged, and the shipped log levels read from any working directory.</summary>
public sealed partial class LogRedactionTests
{
    [Fact]
    public async Task Addresses_are_logged_with_their_secret_parameters_redacted_even_at_Information()
    {
        var capture = new CapturingLoggerProvider();
        using var sophia = new SophiaFactory();
        sophia.Settings["Logging:LogLevel:Default"] = "Information";
        sophia.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        using var logged = sophia.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture)));
        using var http = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var token = await sophia.TokenFor(SophiaFactory.Helpdesk);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var code = (await http.PostJson("/api/v1/jobs/dashboard-code", new { })).Str("code");

        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync($"/hangfire?code={code}")).StatusCode);
        await http.GetAsync($"/hangfire?access_token={token}");
        await http.GetAsync("/health?token=secret-token-1&password=secret-password-2&postcode=75017");

        var lines = capture.Lines;
        Assert.Contains(lines, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/hangfire?code=[redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/health?token=[redacted]&password=[redacted]&postcode=75017", StringComparison.Ordinal));
        foreach (var secret in new[] { code, token, "secret-token-1", "secret-password-2" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/hangfire?code=abc", "/hangfire?code=[redacted]")]
    [InlineData("?access_token=abc&x=1", "?access_token=[redacted]&x=1")]
    [InlineData("GET /a?Password=p%20q#frag", "GET /a?Password=[redacted]#frag")]
    [InlineData("/sites?postcode=75017&tokens=2", "/sites?postcode=75017&tokens=2")]
    public void Only_the_values_of_secret_parameters_are_redacted(string text, string expected) =>
        Assert.Equal(expected, SecretRedaction.Redact(text));

    [Fact]
    public void The_content_root_is_the_applications_directory_unless_one_is_given()
    {
        Assert.Equal(AppContext.BaseDirectory, SophiaArguments.Options(["--demo"]).ContentRootPath);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        Assert.Equal("/srv/sophia", SophiaArguments.Options(["--contentRoot=/srv/sophia"]).ContentRootPath);
        Assert.Equal(["--Sophia:Demo=true"], SophiaArguments.Options(["--demo"]).Args!);
    }

    /// <summary>
    /// The finding as it was found: the host started from another directory logged <c>/hangfire?…</c> in full at
    /// Information, its appsettings.json unread. Run as a process, so that the working directory is really another one.
    /// </summary>
    [Fact]
    public async Task The_host_started_from_another_directory_reads_its_appsettings_and_logs_no_secret()
    {
        var elsewhere = Directory.CreateTempSubdirectory("sophia-cwd-");
        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = elsewhere.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sophia.Server.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Sophia:DataDirectory={Path.Combine(elsewhere.FullName, "data")}");
        start.ArgumentList.Add("--Sophia:Tftp:Port=0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        server.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var address = await UntilAsync(output, l => ListeningOn().Match(l) is { Success: true } m ? m.Groups[1].Value : null);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            await ReadyAsync(http);

            await http.GetAsync("/hangfire?code=secret-code-3");
            await http.GetAsync("/hangfire?access_token=secret-token-4");
            // A warning logged after them: once it is out, so is every line logged before it.
            await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "sentinel@nowhere.example", password = "wrong-password" });
            await UntilAsync(output, l => l.Contains("sentinel@nowhere.example", StringComparison.Ordinal) ? l : null);

            var text = string.Join('\n', output);
            Assert.DoesNotContain("secret-code-3", text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-token-4", text, StringComparison.Ordinal);
            // appsettings.json was read: Microsoft.AspNetCore logs at Warning, so no request line at all.
            Assert.DoesNotContain("Request starting", text, StringComparison.Ordinal);
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

    private static async Task ReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await http.GetAsync("/health")).IsSuccessStatusCode)
        {
            Assert.True(DateTime.UtcNow < deadline, "The host never became ready.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public ILogger CreateLogger(string categoryName) => new Capturing(lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        line.Append(" | ").Append(key).Append('=').Append(value);
                    }
                }
                lines.Enqueue(line.ToString());
            }
        }
    }
}
