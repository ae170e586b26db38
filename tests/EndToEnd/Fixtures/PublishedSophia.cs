using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sophia.EndToEnd.Fixtures;

/// <summary>
/// Sophia as an operator runs it: <c>dotnet publish src/Server</c> once per test run, then the published binary
/// started from an unrelated working directory with <c>--demo</c> on a fresh data directory and a free loopback port.
/// Ready once <c>GET /health</c> answers 200; killed (with its children) on dispose.
/// </summary>
public sealed class PublishedSophia : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    private readonly string scratch = Directory.CreateTempSubdirectory("sophia-e2e-").FullName;
    private readonly StringBuilder log = new();
    private Process? server;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Command-line settings added to the demo's, e.g. <c>--Sophia:Auth:LoginAttemptsPerMinute=600</c>.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>The publish folder: the binary and everything shipped next to it.</summary>
    public string PublishDirectory { get; private set; } = "";

    /// <summary>What the server wrote so far (stdout and stderr), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        PublishDirectory = await Published.Value;
        var port = FreeTcpPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var workingDirectory = Directory.CreateDirectory(Path.Combine(scratch, "elsewhere")).FullName;
        var data = Path.Combine(scratch, "data");

        var apphost = Path.Combine(PublishDirectory, OperatingSystem.IsWindows() ? "Sophia.Server.exe" : "Sophia.Server");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(PublishDirectory, "Sophia.Server.dll") } };
        foreach (var argument in new[]
        {
            "--demo", "--urls", BaseAddress.ToString().TrimEnd('/'), $"--Sophia:DataDirectory={data}",
            // TFTP on any free port: the default 69 needs root and may be taken by another test run.
            "--Sophia:Tftp:Port=0",
        }.Concat(Settings))
        {
            start.ArgumentList.Add(argument);
        }
        start.WorkingDirectory = workingDirectory;
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");

        server = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        await WaitUntilReadyAsync(server);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await server.WaitForExitAsync(deadline.Token);
            server.Dispose();
        }
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (IOException)
        {
            // A file the killed server still held; the OS temp cleaner takes it.
        }
    }

    private async Task WaitUntilReadyAsync(Process process)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Sophia exited with code {process.ExitCode} before it was ready:\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy migrating; ask again.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"GET /health did not answer 200 within {StartTimeout}:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            // Enough to explain a failure, bounded so a chatty server cannot fill memory.
            if (log.Length < 200_000)
            {
                log.AppendLine(line);
            }
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Into the test project's own output folder: rebuilt each run, and cleaned with the rest of the build output.
    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "published-server");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        // The test host's MSBuild variables would point the child build at the test run's own SDK state.
        var environment = new Dictionary<string, string?>
        {
            ["MSBuildExtensionsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
            ["MSBuildSDKsPath"] = null,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var result = await ProcessRun.RunAsync("dotnet",
            ["publish", Path.Combine("src", "Server"), "-c", "Release", "-o", output, "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            Repository.Root, PublishTimeout, environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish src/Server failed ({result.ExitCode}):\n{result.Output}\n{result.Error}");
        }
        return output;
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedSophiaCollection : ICollectionFixture<PublishedSophia>
{
    public const string Name = "Published Sophia";
}
