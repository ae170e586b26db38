using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Sophia.Bench.Registration;
using Sophia.Registration.Kamailio;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;

// Reconcile N devices against a Kamailio-shaped ul.dump served over HTTP on loopback by a child process.
// Usage: run.sh [--devices 100000] [--runs 3] [--dump-only | --ef]      (internal: serve <devices>)
if (args is ["serve", var count])
{
    return await DumpServer.RunAsync(int.Parse(count, CultureInfo.InvariantCulture));
}

var devices = Option("--devices", 100_000);
var runs = Option("--runs", 3);
const double GoalSeconds = 10;
const double GoalMegabytes = 300;

using var server = StartServer(devices);
var banner = (await server.StandardOutput.ReadLineAsync())?.Split(' ')
    ?? throw new InvalidOperationException("the dump server exited before serving");
var rpcUrl = new Uri(banner[1]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"dump: {long.Parse(banner[2], CultureInfo.InvariantCulture) / 1e6:0.0} MB, {banner[3]} bindings, served at {rpcUrl} by pid {server.Id}"));

using var self = Process.GetCurrentProcess();
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
var registrar = new KamailioRpcClient(http, rpcUrl, new KamailioOptions(), TimeProvider.System, NullLogger<KamailioRpcClient>.Instance);
if (args.Contains("--dump-only"))
{
    // The streaming client alone, no device held: what reading the dump costs in time and memory.
    for (var run = 1; run <= runs; run++)
    {
        var parse = Stopwatch.StartNew();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var read = 0;
        await foreach (var contact in registrar.DumpAsync())
        {
            read++;
        }
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dump only, run {run}: {read} bindings in {parse.Elapsed.TotalSeconds:0.00} s ({(self.TotalProcessorTime - cpuBefore).TotalSeconds:0.00} s CPU)"));
    }
    server.StandardInput.Close();
    await server.WaitForExitAsync();
    self.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {self.PeakWorkingSet64 / 1e6:0} MB"));
    return 0;
}

if (args.Contains("--ef"))
{
    // Through the real reconciliation job and the database store on SQLite instead of the in-memory store.
    var code = await EfStoreBench.RunAsync(rpcUrl, devices, runs, Enumerable.Range(0, devices).Count(DumpFile.IsRegistered), GoalSeconds, GoalMegabytes);
    server.StandardInput.Close();
    await server.WaitForExitAsync();
    return code;
}

var store = new InMemoryRegistrationStore();
for (var i = 0; i < devices; i++)
{
    store.Add(i, SipAor.Parse(DumpFile.Aor(i)));
}
var expectedRegistered = Enumerable.Range(0, devices).Count(DumpFile.IsRegistered);
var storeMegabytes = GC.GetTotalMemory(forceFullCollection: true) / 1e6;

var reconciler = new DumpReconciler(TimeProvider.System, NullLogger<DumpReconciler>.Instance);

var worst = 0.0;
for (var run = 1; run <= runs; run++)
{
    self.Refresh();
    var cpu = self.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var summary = await reconciler.RunAsync(registrar, store);
    clock.Stop();
    self.Refresh();
    var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
    worst = Math.Max(worst, clock.Elapsed.TotalSeconds);
    if (summary.Failure is not null || summary.Registered != expectedRegistered || summary.Devices != devices)
    {
        Console.Error.WriteLine($"run {run} is wrong: {summary}");
        return 2;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: {clock.Elapsed.TotalSeconds:0.00} s ({cpuSeconds:0.00} s CPU), {summary.Bindings} bindings, {summary.Registered} registered, " +
        $"{summary.NotRegistered} not registered, {summary.Transitions} transitions, working set {Environment.WorkingSet / 1e6:0} MB"));
}

var retainedMegabytes = GC.GetTotalMemory(forceFullCollection: true) / 1e6;
server.StandardInput.Close();
await server.WaitForExitAsync();

self.Refresh();
var peakMegabytes = self.PeakWorkingSet64 / 1e6;
var gc = GC.GetGCMemoryInfo(GCKind.Any);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"peak working set {peakMegabytes:0} MB; live heap {storeMegabytes:0} MB with the {devices} devices loaded, {retainedMegabytes:0} MB with their records after the runs; " +
    $"GC heap {gc.HeapSizeBytes / 1e6:0} MB after the last collection; {GC.GetTotalAllocatedBytes() / 1e9:0.00} GB allocated over {runs} runs; " +
    $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gen0/1/2 collections"));
var met = worst < GoalSeconds && peakMegabytes < GoalMegabytes;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"goal (< {GoalSeconds} s per run, < {GoalMegabytes} MB peak): {(met ? "met" : "NOT met")}; slowest run {worst:0.00} s on {Environment.ProcessorCount} cores"));
return met ? 0 : 1;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static Process StartServer(int devices)
{
    var info = new ProcessStartInfo(Environment.ProcessPath!)
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    // Running as "dotnet app.dll" the process path is dotnet itself; pass the assembly first then.
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        info.ArgumentList.Add(typeof(DumpServer).Assembly.Location);
    }
    info.ArgumentList.Add("serve");
    info.ArgumentList.Add(devices.ToString(CultureInfo.InvariantCulture));
    return Process.Start(info)!;
}
