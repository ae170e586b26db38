using System.Text.Json;
using Sophia.Registration.Tests.RealPeers;
using Sophia.Server.Tests.Fixtures;
using static Sophia.Server.Tests.Registration.RegistrationFixtures;

namespace Sophia.Server.Tests.Registration;

/// <summary>
/// 15RP served by its own Kamailio while the global registrar is down: the reconciliation, the resync and the check
/// each ask the phone's client's registrar.
/// </summary>
public sealed class PerClientRegistrarTests
{
    private const string Lu = "rlu@15rp.sewan.eu";

    [Fact]
    public async Task Reconcile_resync_and_check_ask_the_kamailio_of_the_phones_client_not_the_global_one()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: false);
        var down = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/RPC");
        using var factory = NewSophia(
            ("Sophia:Registration:Kamailio:RpcUrl", down.ToString()),
            ("Sophia:Registration:Clients:15rp.sewan.eu:RpcUrl", kamailio.RpcUrl.ToString()));
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);

        var run = await helpdesk.PostJson("/api/v1/registration/reconcile", new { });

        var parts = run.GetProperty("registrars").EnumerateArray().ToList();
        Assert.Equal(2, parts.Count);
        Assert.Equal(($"kamailio {down}", true, 0), (parts[0].Str("registrar"), parts[0].GetProperty("default").GetBoolean(), parts[0].Int("devices")));
        Assert.NotNull(parts[0].Str("failure"));
        Assert.Equal(($"kamailio {kamailio.RpcUrl}", "15rp.sewan.eu", 2, 2), (parts[1].Str("registrar"),
            Assert.Single(parts[1].GetProperty("domains").EnumerateArray()).GetString(), parts[1].Int("devices"), parts[1].Int("notRegistered")));
        Assert.Equal(JsonValueKind.Null, parts[1].GetProperty("failure").ValueKind);
        Assert.Equal("not-registered", (await admin.GetJson($"/api/v1/equipment/{LuPhone}/status")).State());

        // Registered after the reconciliation: only the client's registrar knows where the phone is now.
        await using var phone = await SippCheckSyncPhone.StartAsync();
        await SippRegistration.RegisterAsync(kamailio.SipPort, Lu, phone.Contact, "PolycomVVX-VVX_450-UA/6.4.3.5018");
        var resync = await admin.PostJson($"/api/v1/equipment/{LuPhone}/resync", new { });

        Assert.Equal(("answered", 200, phone.Contact), (resync.Str("outcome"), resync.Int("statusCode"), resync.Str("contact")));
        Assert.True(await phone.ExitCodeAsync() == 0, $"sipp did not get a NOTIFY with Event: check-sync.\n{phone.Log}");

        // The binding stays at Kamailio; the phone (sipp, done) no longer answers.
        var check = await admin.PostJson($"/api/v1/equipment/{LuPhone}/check", new { });
        Assert.Equal(("unreachable", "kamailio", phone.Contact), (check.Str("state"), check.Str("source"), check.Str("contact")));
    }
}
