using System.Collections.Concurrent;
using System.Net;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

/// <summary>
/// Files held in memory. A file added as secret is only served to clients inside <see cref="AllowedNetwork"/>,
/// the way the real provider guards files that carry SIP credentials.
/// </summary>
internal sealed class InMemoryTftpFileProvider : ITftpFileProvider
{
    private readonly ConcurrentDictionary<string, (byte[] Content, bool Secret)> _files = new(StringComparer.Ordinal);

    public IPNetwork AllowedNetwork { get; init; } = IPNetwork.Parse("127.0.0.0/8");

    public ConcurrentQueue<TftpReadRequest> Requests { get; } = new();

    public InMemoryTftpFileProvider Add(string name, byte[] content, bool secret = false)
    {
        _files[name] = (content, secret);
        return this;
    }

    public async ValueTask<TftpFileResult> OpenAsync(TftpReadRequest request, CancellationToken ct)
    {
        Requests.Enqueue(request);
        if (request.FileName == "hangs.cfg")
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }

        if (request.FileName == "throws.cfg")
        {
            throw new InvalidOperationException("provider bug");
        }

        if (!_files.TryGetValue(request.FileName, out var file))
        {
            return TftpFileResult.NotFound($"{request.FileName} is not known");
        }

        return file.Secret && !AllowedNetwork.Contains(request.RemoteEndPoint.Address)
            ? TftpFileResult.AccessDenied("not from an allowed network")
            : TftpFileResult.Found(file.Content);
    }
}

internal sealed class RecordingTransferObserver : ITftpTransferObserver
{
    public ConcurrentQueue<TftpTransferRecord> Records { get; } = new();

    public void OnTransferFinished(TftpTransferRecord record) => Records.Enqueue(record);

    public Task<TftpTransferRecord> WaitForAsync(Func<TftpTransferRecord, bool> match) =>
        Wait.UntilAsync(() => Records.FirstOrDefault(match), "a matching transfer record");
}

internal static class Wait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Polls until <paramref name="probe"/> gives a value; fails the test after the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(10);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => condition() ? what : null, what, timeout);

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
