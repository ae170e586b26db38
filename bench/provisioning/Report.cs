using System.Globalization;
using System.Text;

namespace Sophia.Bench.Provisioning;

/// <summary>
/// Turns the key=value files of a run (storm.lua's results, with the CPU times run.sh adds, and meta.kv) into the
/// markdown report: both phases, every server, and Sophia's ratios against each nginx.
/// </summary>
public static class Report
{
    private const double ThroughputGoal = 0.7;
    private const double P99Goal = 2.0;

    private sealed record Server(string Key, string Title);

    private static readonly Server Sophia = new("sophia", "Sophia, digest (MD5, qop=auth)");
    private static readonly Server[] Nginxes =
    [
        new("nginx-apr1", "nginx, basic auth, htpasswd apr1 (`openssl passwd -apr1`)"),
        new("nginx-ssha", "nginx, basic auth, htpasswd {SSHA} (one salted SHA-1)"),
    ];

    public static string Build(string resultsDirectory)
    {
        var meta = Read(Path.Combine(resultsDirectory, "meta.kv"));
        var text = new StringBuilder();
        text.AppendLine(Invariant($"# HTTP provisioning boot storm, {meta["date"]}"));
        text.AppendLine();
        text.AppendLine(Invariant($"- Machine: {meta["cores"]} cores ({meta["cpu"]}); wrk and the server under test share them, so every figure is a 2-core box serving and loading at once. Load average before the run: {meta["load_before"]}, after: {meta["load_after"]} (other work on the machine, if any, shares the cores too)."));
        text.AppendLine(Invariant($"- Parc: {meta["clients"]} clients x 100 users = {meta["devices"]} phones ({meta["yealink"]} Yealink, {meta["polycom"]} Polycom), each user with a number, 2 short numbers, 3 BLF keys on colleagues and a speed dial; seeded in {meta["seed_s"]} s."));
        text.AppendLine("- Each phone asks for two files: Yealink its family's common file then `<mac>.cfg`; Polycom `<mac>.cfg` (a master file) then `<mac>-sophia.cfg`.");
        text.AppendLine(Invariant($"- Load: wrk {meta["wrk_version"]} `-t{meta["connections"]} -c{meta["connections"]}` with storm.lua: one keep-alive connection per wrk thread, so each connection keeps one digest nonce with nc = 1, 2, 3... Sophia: digest on every request (the first request of a connection gets the 401 that gives the nonce). nginx {meta["nginx_version"]} (2 workers, access_log off, keepalive): the same files, written from Sophia's answers, with basic auth; one htpasswd user per client."));
        text.AppendLine("- Sophia runs with its registration tracking off (`Sophia:Registration:ReconcileSeconds=0`): the bench measures provisioning alone.");
        text.AppendLine(Invariant($"- Priming: every file fetched once from Sophia ({meta["prime_files"]} files in {meta["prime_s"]} s, cold renders included) to fill nginx's root and warm Sophia's cache."));
        text.AppendLine();

        text.AppendLine(Invariant($"## Warm cache ({meta["warm_s"]} s per server)"));
        text.AppendLine();
        Table(text, resultsDirectory, "warm", meta, cold: false);
        text.AppendLine();
        text.AppendLine("## Right after a change that invalidates every phone (cold renders)");
        text.AppendLine();
        text.AppendLine(Invariant($"Every client's ConfigStamp row set to a new random value by an SQL UPDATE (what a change saved on any node does), then at once one pass of the storm: each phone's two files once, {meta["cold_requests"]} requests. nginx has nothing to invalidate; it serves the same pass from its files for comparison."));
        text.AppendLine();
        Table(text, resultsDirectory, "cold", meta, cold: true);
        Enumeration(text, resultsDirectory);
        return text.ToString();
    }

    private static void Table(StringBuilder text, string directory, string phase, Dictionary<string, string> meta, bool cold)
    {
        text.AppendLine("| server | requests | req/s | p50 ms | p99 ms | max ms | not 200 | server CPU s | server CPU ms / 1000 req | wrk CPU s |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var sophia = Read(Path.Combine(directory, $"{Sophia.Key}-{phase}.kv"));
        Row(text, Sophia.Title, sophia);
        var nginxes = Nginxes.Select(n => (n, kv: Read(Path.Combine(directory, $"{n.Key}-{phase}.kv")))).ToList();
        foreach (var (server, kv) in nginxes)
        {
            Row(text, server.Title, kv);
        }
        text.AppendLine();
        foreach (var (server, kv) in nginxes)
        {
            var throughput = Number(sophia, "rps") / Number(kv, "rps");
            var p99 = Number(sophia, "p99_ms") / Number(kv, "p99_ms");
            var verdict = !cold
                ? Invariant($" Goal (>= {ThroughputGoal} x throughput, p99 <= {P99Goal} x): {(throughput >= ThroughputGoal ? "throughput met" : "throughput NOT met")}, {(p99 <= P99Goal ? "p99 met" : "p99 NOT met")}.")
                : "";
            text.AppendLine(Invariant($"- Sophia / {server.Key}: throughput {throughput:0.00} x, p99 {p99:0.00} x.{verdict}"));
        }
        if (cold)
        {
            var count = Number(meta, "cold_renders");
            var polycom = Number(meta, "polycom");
            var cpu = Number(sophia, "server_cpu_s");
            var seconds = Number(sophia, "seconds");
            text.AppendLine(Invariant($"- Sophia rendered {count} files ({count - (2 * polycom):0} Yealink `<mac>.cfg`, {polycom:0} Polycom masters and as many `<mac>-sophia.cfg`) in the {seconds:0.00} s pass, on {cpu:0.00} CPU-seconds: {count / cpu:0} renders per CPU-second (per core), {Number(meta, "devices") / cpu:0} phones per CPU-second; all HTTP, digest, database and fetch-log work of the pass is counted in that CPU time."));
        }
    }

    private static void Enumeration(StringBuilder text, string resultsDirectory)
    {
        var path = Path.Combine(resultsDirectory, "enumeration.kv");
        if (!File.Exists(path))
        {
            return;
        }
        var kv = Read(path);
        text.AppendLine();
        text.AppendLine("## Refusals: a known MAC against an unknown one");
        text.AppendLine();
        text.AppendLine("Sequential on one keep-alive connection, known and unknown MACs in turn (same OUI, same file name shape), each asked with a valid nonce and a wrong password, then with no credentials. Times in microseconds as the client sees them.");
        text.AppendLine();
        text.AppendLine("| request | count | statuses | p10 | p50 | p90 | p99 |");
        text.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
        for (var i = 0; kv.ContainsKey(Invariant($"enum_{i}_kind")); i++)
        {
            string Get(string key) => kv[Invariant($"enum_{i}_{key}")];
            text.AppendLine(Invariant($"| {Get("kind")} | {Get("count")} | {Get("statuses")} | {Get("p10_us")} | {Get("p50_us")} | {Get("p90_us")} | {Get("p99_us")} |"));
        }
    }

    private static void Row(StringBuilder text, string title, Dictionary<string, string> kv)
    {
        var requests = Number(kv, "requests");
        var notOk = requests - Number(kv, "ok");
        var cpu = Number(kv, "server_cpu_s");
        text.AppendLine(Invariant(
            $"| {title} | {requests:0} | {Number(kv, "rps"):0} | {Number(kv, "p50_ms"):0.00} | {Number(kv, "p99_ms"):0.00} | {Number(kv, "max_ms"):0.0} | {notOk:0}{NotOkDetail(kv)} | {cpu:0.00} | {cpu * 1e6 / requests:0.0} | {Number(kv, "wrk_cpu_s"):0.00} |"));
    }

    private static string NotOkDetail(Dictionary<string, string> kv)
    {
        var challenged = Number(kv, "challenged");
        var other = Number(kv, "other");
        return challenged + other == 0 ? "" : Invariant($" ({challenged:0} x 401 challenge, {other:0} other)");
    }

    private static double Number(Dictionary<string, string> kv, string key) =>
        kv.TryGetValue(key, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : double.NaN;

    private static Dictionary<string, string> Read(string path) =>
        File.ReadLines(path).Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
