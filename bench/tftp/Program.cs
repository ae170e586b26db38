using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sophia.Bench.Tftp;

if (args is ["serve", var served])
{
    return await SophiaServe.RunAsync(served);
}

var seconds = 5.0;
string? only = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seconds":
            seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--only":
            only = args[i + 1];
            break;
        default:
            throw new ArgumentException($"unknown option {args[i]}; use --seconds N and --only configs|firmware");
    }
}

const int Clients = 100;
var directory = Directory.CreateTempSubdirectory("sophia-tftp-bench-");
try
{
    var files = WriteFiles(directory.FullName);
    await using var hpa = await Servers.StartTftpdHpaAsync(directory.FullName);
    await using var sophia = await Servers.StartSophiaAsync(directory.FullName);
    var servers = new[] { sophia, hpa };
    var configs = files.Keys.Where(name => name.EndsWith(".cfg", StringComparison.Ordinal)).ToArray();
    (string Name, string[] Files)[] workloads = [("configs", configs), ("2 MB file", ["firmware.bin"])];
    workloads = only switch
    {
        "configs" => workloads[..1],
        "firmware" => workloads[1..],
        _ => workloads,
    };

    Console.WriteLine($"{Clients} concurrent clients on loopback, {seconds.ToString(CultureInfo.InvariantCulture)} s per run, {Environment.ProcessorCount} cores");
    foreach (var server in servers)
    {
        await Load.RunAsync(server.EndPoint, configs, files, 512, Clients, TimeSpan.FromSeconds(1));
    }

    var report = new StringBuilder();
    report.AppendLine("| workload | blksize | server | transfers/s | MB/s | p50 ms | p99 ms | failed |");
    report.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
    var ratios = new List<string>();
    foreach (var (name, names) in workloads)
    {
        foreach (var blockSize in new[] { 512, 1428 })
        {
            var results = new Dictionary<string, LoadResult>();
            foreach (var server in servers)
            {
                var result = await Load.RunAsync(server.EndPoint, names, files, blockSize, Clients, TimeSpan.FromSeconds(seconds));
                results[server.Name] = result;
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {blockSize} | {server.Name} | {result.TransfersPerSecond:F0} | {result.MegabytesPerSecond:F1} | {result.P50.TotalMilliseconds:F1} | {result.P99.TotalMilliseconds:F1} | {result.Failed} |");
                report.AppendLine(line);
                Console.WriteLine(line);
            }

            ratios.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name}, blksize {blockSize}: Sophia/tftpd-hpa = {results[sophia.Name].TransfersPerSecond / results[hpa.Name].TransfersPerSecond:F2}x"));
        }
    }

    Console.WriteLine();
    Console.Write(report);
    Console.WriteLine();
    ratios.ForEach(Console.WriteLine);
    return 0;
}
finally
{
    directory.Delete(recursive: true);
}

static Dictionary<string, byte[]> WriteFiles(string directory)
{
    var random = new Random(42);
    var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
    for (var i = 0; i < 50; i++)
    {
        var text = new StringBuilder("#!version:1.0.0.1\n");
        var lines = random.Next(40, 200);
        for (var line = 0; line < lines; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"linekey.{line}.value = {random.Next(100, 999_999)}\n");
        }

        files[$"00156598{i:x4}.cfg"] = Encoding.ASCII.GetBytes(text.ToString());
    }

    var firmware = new byte[2 * 1024 * 1024];
    random.NextBytes(firmware);
    files["firmware.bin"] = firmware;
    foreach (var (name, content) in files)
    {
        File.WriteAllBytes(Path.Combine(directory, name), content);
    }

    return files;
}

internal sealed record LoadResult(long Transfers, long Bytes, long Failed, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99)
{
    public double TransfersPerSecond => Transfers / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1_000_000;
}

internal static class Load
{
    public static async Task<LoadResult> RunAsync(IPEndPoint server, string[] names, Dictionary<string, byte[]> files, int blockSize, int clients, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            using var client = new BenchClient(TimeSpan.FromSeconds(1), maxRetries: 5);
            var timings = new List<long>();
            long bytes = 0, failed = 0;
            for (var i = worker; stopwatch.Elapsed < duration; i++)
            {
                var name = names[i % names.Length];
                var started = Stopwatch.GetTimestamp();
                if (await client.GetAsync(server, name, files[name], blockSize))
                {
                    timings.Add(Stopwatch.GetTimestamp() - started);
                    bytes += files[name].Length;
                }
                else
                {
                    failed++;
                }
            }

            return (timings, bytes, failed);
        })).ToList();
        var done = await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        var all = done.SelectMany(d => d.timings).Order().ToArray();
        return new LoadResult(all.Length, done.Sum(d => d.bytes), done.Sum(d => d.failed), elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static TimeSpan Percentile(long[] sorted, double rank) =>
        sorted.Length == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, sorted[(int)Math.Min(sorted.Length - 1, sorted.Length * rank)]);
}

internal sealed class RunningServer(string name, IPEndPoint endPoint, Process process) : IAsyncDisposable
{
    public string Name => name;

    public IPEndPoint EndPoint => endPoint;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }
}

internal static class Servers
{
    // tftpd-hpa as Debian ships it, in the foreground (-L) on a loopback port, chrooted (-s) to the bench files.
    public static async Task<RunningServer> StartTftpdHpaAsync(string directory)
    {
        const string Daemon = "/usr/sbin/in.tftpd";
        if (!File.Exists(Daemon))
        {
            throw new InvalidOperationException($"{Daemon} is missing: install the Debian package tftpd-hpa.");
        }

        var port = FreeUdpPort();
        var process = Start(Daemon, ["-L", "-a", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "-u", "root", "-s", directory]);
        var server = new RunningServer("tftpd-hpa", new IPEndPoint(IPAddress.Loopback, port), process);
        await WaitUntilServingAsync(server, directory);
        return server;
    }

    public static async Task<RunningServer> StartSophiaAsync(string directory)
    {
        var process = Start(Environment.ProcessPath!, [typeof(Servers).Assembly.Location, "serve", directory]);
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("Sophia's server did not start.");
        var port = int.Parse(line["PORT ".Length..], CultureInfo.InvariantCulture);
        var server = new RunningServer("Sophia", new IPEndPoint(IPAddress.Loopback, port), process);
        await WaitUntilServingAsync(server, directory);
        return server;
    }

    private static Process Start(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
    }

    private static async Task WaitUntilServingAsync(RunningServer server, string directory)
    {
        var probe = Directory.EnumerateFiles(directory, "*.cfg").First();
        var content = await File.ReadAllBytesAsync(probe);
        using var client = new BenchClient(TimeSpan.FromMilliseconds(200), maxRetries: 25);
        if (!await client.GetAsync(server.EndPoint, Path.GetFileName(probe), content, 512))
        {
            throw new InvalidOperationException($"{server.Name} does not serve {probe}.");
        }
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
