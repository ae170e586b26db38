using System.Globalization;
using Sophia.Registration.Tests.RealPeers;

namespace Sophia.Server.Tests.Registration;

/// <summary>
/// sipp (Debian sip-tester) sending one REGISTER to a real Kamailio on behalf of a phone listening elsewhere (a
/// third-party registration, RFC 3261 §10.2): the binding's Contact is the phone's address, not sipp's.
/// </summary>
internal static class SippRegistration
{
    public static async Task RegisterAsync(int registrarPort, string aor, string contact, string userAgent)
    {
        var directory = Directory.CreateTempSubdirectory("sophia-sipp-register-").FullName;
        try
        {
            var scenario = Path.Combine(directory, "register.xml");
            await File.WriteAllTextAsync(scenario, $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <scenario name="Sophia third-party REGISTER">
                  <send retrans="500">
                    <![CDATA[
                REGISTER sip:{aor.Split('@')[1]} SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                From: <sip:{aor}>;tag=[pid]SIPpTag00[call_number]
                To: <sip:{aor}>
                Call-ID: [call_id]
                CSeq: 1 REGISTER
                Contact: <{contact}>
                Expires: 300
                Max-Forwards: 70
                User-Agent: {userAgent}
                Content-Length: 0

                ]]>
                  </send>
                  <recv response="200"/>
                </scenario>
                """);
            await using var sipp = PeerProcess.Start("sipp",
                ["-sf", scenario, "-i", "127.0.0.1", "-p", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture), "-m", "1",
                 "-timeout", "10s", "-timeout_error", "-nostdin", $"127.0.0.1:{registrarPort.ToString(CultureInfo.InvariantCulture)}"],
                directory);
            await sipp.WaitForExitAsync(TimeSpan.FromSeconds(15));
            Assert.True(sipp.ExitCode == 0, $"Kamailio did not accept the REGISTER.\n{sipp.Output}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
