using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sophia.Provisioning.Tftp;

namespace Sophia.Bench.Tftp;

/// <summary>
/// "serve DIR": Sophia's TftpServer in its own process (as tftpd-hpa is), files read from DIR once at start
/// (Sophia renders configs in memory). Prints "PORT n", serves until standard input closes.
/// </summary>
internal static class SophiaServe
{
    public static async Task<int> RunAsync(string directory)
    {
        var files = Directory.EnumerateFiles(directory)
            .ToFrozenDictionary(path => Path.GetFileName(path)!, path => (ReadOnlyMemory<byte>)File.ReadAllBytes(path), StringComparer.Ordinal);
        var options = new TftpOptions
        {
            Port = 0,
            Addresses = ["127.0.0.1"],
            MaxSessions = 10_000,
            MaxSessionsPerAddress = 10_000,
        };
        using var server = new TftpServer(Options.Create(options), new DirectoryProvider(files), NullTftpTransferObserver.Instance,
            TimeProvider.System, NullLogger<TftpServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        Console.WriteLine($"PORT {server.LocalEndPoints[0].Port.ToString(CultureInfo.InvariantCulture)}");
        await Console.In.ReadToEndAsync();
        await server.StopAsync(CancellationToken.None);
        return 0;
    }

    private sealed class DirectoryProvider(FrozenDictionary<string, ReadOnlyMemory<byte>> files) : ITftpFileProvider
    {
        public ValueTask<TftpFileResult> OpenAsync(TftpReadRequest request, CancellationToken ct) =>
            ValueTask.FromResult(files.TryGetValue(request.FileName, out var content) ? TftpFileResult.Found(content) : TftpFileResult.NotFound());
    }
}
