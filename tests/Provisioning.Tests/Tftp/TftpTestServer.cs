using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

/// <summary>A real <see cref="TftpServer"/> on a free loopback port, with an in-memory provider and a recording observer.</summary>
internal sealed class TftpTestServer : IAsyncDisposable
{
    private TftpTestServer(TftpServer server, TftpOptions options, InMemoryTftpFileProvider files, RecordingTransferObserver observer)
    {
        Server = server;
        Options = options;
        Files = files;
        Observer = observer;
    }

    public TftpServer Server { get; }

    public TftpOptions Options { get; }

    public InMemoryTftpFileProvider Files { get; }

    public RecordingTransferObserver Observer { get; }

    public IPEndPoint EndPoint => Server.LocalEndPoints[0];

    public IPEndPoint LoopbackV4 => new(IPAddress.Loopback, EndPoint.Port);

    public static async Task<TftpTestServer> StartAsync(InMemoryTftpFileProvider files, Action<TftpOptions>? configure = null)
    {
        var options = new TftpOptions
        {
            Port = 0,
            Addresses = ["127.0.0.1"],
            Timeout = TimeSpan.FromMilliseconds(100),
            MaxRetries = 5,
            // With 100 ms timeouts, the shipped single resend of a first answer would give up on a test client the
            // machine's load kept from acknowledging within 200 ms; the tests of that bound set it themselves.
            FirstAnswerRetries = 5,
            IdleTimeout = TimeSpan.FromSeconds(10),
            ReapInterval = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        // A test that lowers MaxRetries lowers the patient default with it (a value it sets itself is valid already).
        options.FirstAnswerRetries = Math.Min(options.FirstAnswerRetries, options.MaxRetries);
        var validation = new TftpOptionsValidator().Validate(null, options);
        Assert.True(validation.Succeeded, validation.FailureMessage);
        var observer = new RecordingTransferObserver();
        var server = new TftpServer(Microsoft.Extensions.Options.Options.Create(options), files, observer, TimeProvider.System, NullLogger<TftpServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        return new TftpTestServer(server, options, files, observer);
    }

    public Task WhenIdleAsync() =>
        Wait.UntilAsync(() => Server.ActiveSessions == 0, "all sessions to end");

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Server.StopAsync(cts.Token);
        Server.Dispose();
    }
}
