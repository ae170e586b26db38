using System.Globalization;
using Sophia.Bench.Provisioning;

// The C# steps of bench/provisioning/run.sh; each prints key=value lines that run.sh collects into meta.kv.
//   seed <database> <clients> <devices.tsv> <clients.tsv>   fresh database with the generated parc
//                                                            (<database>: a data directory, or postgres:<connection string>)
//   prime <base url> <devices.tsv> <nginx root>              every file once through digest; nginx's copy
//   invalidate <database>                                    a new config stamp for every client
//   enumeration <base url> <devices.tsv> <rounds>            refusal times, known MAC against unknown MAC
//   report <results dir> <report.md>                         the markdown report
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4));
var ct = cancel.Token;
var started = TimeProvider.System.GetTimestamp();
switch (args)
{
    case ["seed", var database, var clientCount, var devicesPath, var clientsPath]:
        var devices = await BenchParc.SeedAsync(database, int.Parse(clientCount, CultureInfo.InvariantCulture), ct);
        BenchDevice.WriteAll(devicesPath, devices);
        File.WriteAllLines(clientsPath, devices.Select(d => $"{d.User}\t{d.Password}").Distinct(StringComparer.Ordinal));
        var polycom = devices.Count(d => d.UserAgent.Contains("Polycom", StringComparison.Ordinal));
        Print($"devices={devices.Count}", $"yealink={devices.Count - polycom}", $"polycom={polycom}",
            $"seed_s={Seconds(started):0.0}");
        return 0;
    case ["prime", var baseUrl, var devicesPath, var nginxRoot]:
        var primed = await Priming.RunAsync(new Uri(baseUrl), BenchDevice.ReadAll(devicesPath), nginxRoot, workers: 8, ct);
        Print($"prime_files={primed.Files}", $"prime_bytes={primed.Bytes}", $"prime_s={primed.Elapsed.TotalSeconds:0.0}");
        return 0;
    case ["invalidate", var database]:
        var restamped = await Invalidation.RestampEveryClientAsync(database, ct);
        Print($"restamped={restamped}", $"restamp_s={Seconds(started):0.000}");
        return restamped > 0 ? 0 : 1;
    case ["enumeration", var baseUrl, var devicesPath, var rounds]:
        var refusals = await Enumeration.RunAsync(new Uri(baseUrl), BenchDevice.ReadAll(devicesPath), int.Parse(rounds, CultureInfo.InvariantCulture), ct);
        foreach (var (r, i) in refusals.Select((r, i) => (r, i)))
        {
            Print($"enum_{i}_kind={r.Kind}", $"enum_{i}_count={r.Count}", $"enum_{i}_p10_us={r.P10:0}", $"enum_{i}_p50_us={r.P50:0}",
                $"enum_{i}_p90_us={r.P90:0}", $"enum_{i}_p99_us={r.P99:0}", $"enum_{i}_statuses={string.Join(' ', r.Statuses.Order())}");
        }
        return 0;
    case ["report", var resultsDirectory, var reportPath]:
        var report = Report.Build(resultsDirectory);
        await File.WriteAllTextAsync(reportPath, report, ct);
        Console.Write(report);
        return 0;
    default:
        await Console.Error.WriteLineAsync("usage: seed <database> <clients> <devices.tsv> <clients.tsv> | prime <url> <devices.tsv> <root> | invalidate <database> | enumeration <url> <devices.tsv> <rounds> | report <results dir> <report.md>");
        return 2;
}

static double Seconds(long started) => TimeProvider.System.GetElapsedTime(started).TotalSeconds;

static void Print(params FormattableString[] lines)
{
    foreach (var line in lines)
    {
        Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
    }
}
