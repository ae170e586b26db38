namespace Sophia.Bench.Provisioning;

/// <summary>
/// Fetches every device's two files from Sophia once, with digest: this warms Sophia's render cache, checks that
/// every file is served (200), and writes the exact bytes under an nginx root so that nginx serves the same files.
/// </summary>
public static class Priming
{
    public sealed record Result(int Files, long Bytes, TimeSpan Elapsed);

    public static async Task<Result> RunAsync(Uri baseUri, IReadOnlyList<BenchDevice> devices, string? nginxRoot, int workers, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        var started = TimeProvider.System.GetTimestamp();
        var files = 0;
        long bytes = 0;
        var written = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        await Parallel.ForAsync(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, async (worker, token) =>
        {
            // Requests of one worker go one after the other, so its nonce counts stay in order.
            var client = new DigestClient(http);
            for (var i = worker; i < devices.Count; i += workers)
            {
                var device = devices[i];
                foreach (var path in (string[])[device.FirstPath, device.SecondPath])
                {
                    var body = await client.GetAsync(path, device.User, device.Password, device.UserAgent, token);
                    Interlocked.Increment(ref files);
                    Interlocked.Add(ref bytes, body.Length);
                    if (nginxRoot is not null)
                    {
                        await WriteAsync(nginxRoot, path, body, written, token);
                    }
                }
            }
        });
        return new Result(files, bytes, TimeProvider.System.GetElapsedTime(started));
    }

    private static async Task WriteAsync(string root, string path, byte[] body, System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> written, CancellationToken ct)
    {
        // A shared file (Yealink common) is fetched by many phones; every copy must be the same bytes.
        var first = written.GetOrAdd(path, body);
        if (!ReferenceEquals(first, body))
        {
            if (!first.AsSpan().SequenceEqual(body))
            {
                throw new InvalidOperationException($"{path} differs between two fetches");
            }
            return;
        }
        var file = Path.Combine(root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, body, ct);
    }
}
