using System.Globalization;

namespace Sophia.Registration.Tests.RealPeers;

/// <summary>
/// sipp (Debian sip-tester) as a phone that expects exactly one NOTIFY carrying <c>Event: check-sync</c>:
/// it answers 200, and exits 0 only if the Event header matched (the scenario's check fails the call otherwise).
/// </summary>
internal sealed class SippCheckSyncPhone : IAsyncDisposable
{
    private const string Scenario = """
        <?xml version="1.0" encoding="UTF-8"?>
        <scenario name="Sophia check-sync phone">
          <recv request="NOTIFY">
            <action>
              <ereg regexp="check-sync" search_in="hdr" header="Event:" check_it="true" assign_to="event"/>
            </action>
          </recv>
          <send>
            <![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

        ]]>
          </send>
          <Reference variables="event"/>
        </scenario>
        """;

    private readonly string directory;
    private readonly PeerProcess process;

    private SippCheckSyncPhone(string directory, int port, PeerProcess process)
    {
        this.directory = directory;
        Port = port;
        this.process = process;
    }

    public int Port { get; }

    public string Contact => $"sip:rlu@127.0.0.1:{Port}";

    public static async Task<SippCheckSyncPhone> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sophia-sipp-").FullName;
        var scenario = Path.Combine(directory, "check-sync-uas.xml");
        await File.WriteAllTextAsync(scenario, Scenario);
        var port = LoopbackPorts.Free();
        var process = PeerProcess.Start("sipp",
            ["-sf", scenario, "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-m", "1",
             "-timeout", "20s", "-timeout_error", "-nostdin"],
            directory);
        var phone = new SippCheckSyncPhone(directory, port, process);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!LoopbackPorts.UdpInUse(port))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                var output = process.Output;
                await phone.DisposeAsync();
                Assert.Fail($"sipp did not start listening on UDP {port}. Output:\n{output}");
            }
            await Task.Delay(20);
        }
        return phone;
    }

    /// <summary>Waits for sipp to finish its one call and returns its exit code (0: a check-sync NOTIFY came and was answered).</summary>
    public async Task<int> ExitCodeAsync()
    {
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return process.ExitCode;
    }

    public string Log => process.Output;

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
