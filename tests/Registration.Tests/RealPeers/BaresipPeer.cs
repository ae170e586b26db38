using System.Globalization;

namespace Sophia.Registration.Tests.RealPeers;

/// <summary>
/// A real SIP phone: baresip 1.0.0 (Debian baresip-core), headless, with its own config folder (<c>-f DIR</c>),
/// no audio or video module loaded (it needs no sound device), registering one line to a Kamailio on loopback
/// through an outbound proxy, so the AOR keeps the demo domain while nothing leaves the machine.
/// </summary>
internal sealed class BaresipPeer : IAsyncDisposable
{
    private readonly string directory;
    private readonly PeerProcess process;

    private BaresipPeer(string directory, int sipPort, PeerProcess process)
    {
        this.directory = directory;
        SipPort = sipPort;
        this.process = process;
    }

    public int SipPort { get; }

    public string Log => process.Output;

    /// <param name="aor">The line, e.g. <c>rlu@15rp.sewan.eu</c>.</param>
    /// <param name="registrarPort">The Kamailio to register to; null for a phone that registers nowhere (regint=0).</param>
    /// <remarks>
    /// Returns once baresip holds its ports. A port can be taken by another process between the moment it was found
    /// free and the moment baresip binds it; baresip then exits with "Address already in use" and is started again
    /// on other ports, at most three times.
    /// </remarks>
    public static async Task<BaresipPeer> StartAsync(string aor, int? registrarPort)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var peer = await TryStartAsync(aor, registrarPort);
            if (await peer.ListeningAsync())
            {
                return peer;
            }
            var log = peer.Log;
            await peer.DisposeAsync();
            if (attempt == Attempts || !log.Contains("Address already in use", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"baresip did not start listening (attempt {attempt}):\n{log}");
            }
        }
    }

    private static async Task<BaresipPeer> TryStartAsync(string aor, int? registrarPort)
    {
        var directory = Directory.CreateTempSubdirectory("sophia-baresip-").FullName;
        var sipPort = LoopbackPorts.FreeWithNext();
        await File.WriteAllTextAsync(Path.Combine(directory, "config"), string.Create(CultureInfo.InvariantCulture, $"""
            poll_method		epoll
            sip_listen		127.0.0.1:{sipPort}
            # DNS is never needed (the outbound proxy is an address); point it at loopback so nothing leaves the machine.
            dns_server		127.0.0.1:53
            module_path		/usr/lib/baresip/modules
            module_app		account.so

            """));
        // account.so reads one line per account: <AOR>;account-params. regint is the REGISTER expiry in seconds, 0 for none.
        await File.WriteAllTextAsync(Path.Combine(directory, "accounts"), registrarPort is { } port
            ? string.Create(CultureInfo.InvariantCulture, $"<sip:{aor};transport=udp>;outbound=\"sip:127.0.0.1:{port}\";regint=60\n")
            : $"<sip:{aor};transport=udp>;regint=0\n");
        try
        {
            return new BaresipPeer(directory, sipPort, PeerProcess.Start("baresip", ["-f", directory], directory));
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Whether baresip said it is ready, or came to hold its UDP port and its TLS port (the port after it, bound
    /// last) and stayed up, within 15 s; false as soon as it fails or exits.
    /// </summary>
    private async Task<bool> ListeningAsync()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited || Log.Contains("init failed", StringComparison.Ordinal))
            {
                return false;
            }
            if (Log.Contains("baresip is ready.", StringComparison.Ordinal))
            {
                return true;
            }
            if (LoopbackPorts.UdpInUse(SipPort) && LoopbackPorts.TcpInUse(SipPort + 1))
            {
                // Both bound, by baresip or by someone else; a failed bind ends baresip within moments.
                await Task.Delay(200);
                return !process.HasExited && !Log.Contains("init failed", StringComparison.Ordinal);
            }
            await Task.Delay(20);
        }
        return false;
    }

    /// <summary>SIGTERM: baresip unregisters (REGISTER with Expires: 0) before it exits.</summary>
    public Task QuitAsync() => process.TerminateAsync(TimeSpan.FromSeconds(10));

    /// <summary>SIGKILL: the phone vanishes and its binding stays at the registrar until it expires.</summary>
    public Task KillAsync() => process.KillAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
