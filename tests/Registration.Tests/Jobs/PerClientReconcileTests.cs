using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Registration.Jobs;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;
using Sophia.Registration.Store;
using Sophia.Registration.Tests.RealPeers;
using Sophia.Registration.Tests.Resync;
using Sophia.Registration.Tests.Store;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Jobs;

/// <summary>One reconciliation over clients served by different registrars, and by none.</summary>
public sealed class PerClientReconcileTests
{
    private const string Autre = "autre.example.net";

    [Fact]
    public async Task A_registrar_that_is_down_makes_only_its_own_clients_phones_unknown()
    {
        await using var parc = await TestParc.CreateAsync();
        var (_, siege) = await parc.AddClientAsync("Autre", Autre);
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        var seldon = await parc.AddPhoneAsync("00:15:65:98:8C:06", "cseldon");
        var anne = await parc.AddPhoneAsync("00:15:65:AA:00:01", "amartin", siege);
        var bob = await parc.AddPhoneAsync("00:15:65:AA:00:02", "bdupont", siege);
        var expires = parc.Clock.GetUtcNow().AddHours(1);
        // The main registrar still holds a binding of Autre's line: Autre's own registrar is the one that counts.
        var main = new ListRegistrar(
            [ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", expires), ListRegistrar.Binding($"bdupont@{Autre}", "sip:bdupont@192.0.2.50", expires)],
            name: "main");
        var autreUp = new ListRegistrar([ListRegistrar.Binding($"amartin@{Autre}", "sip:amartin@192.0.2.30:5060", expires)], name: "autre");
        var autreDown = new ListRegistrar([], failAfter: true, name: "autre");
        await using var db = parc.NewDb();

        var first = await Job(parc, db, new RegistrarDirectory(main, new Dictionary<string, IRegistrarSource?> { [Autre] = autreUp })).RunAsync();

        var rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal(("registered", "main"), (rows[lu].State, rows[lu].Source));
        Assert.Equal("not-registered", rows[seldon].State);
        Assert.Equal(("registered", "autre", "sip:amartin@192.0.2.30:5060"), (rows[anne].State, rows[anne].Source, rows[anne].Contact));
        Assert.Equal(("not-registered", "autre"), (rows[bob].State, rows[bob].Source));
        Assert.All(rows.Values, r => Assert.Equal(first.Summary!.RunId, r.LastRunId));
        Assert.Equal(("main, autre", 3, 4, 2, 2), (first.Summary!.Source, first.Summary.Bindings, first.Summary.Devices, first.Summary.Registered, first.Summary.NotRegistered));
        Assert.Equal([("main", true, 2), ("autre", false, 2)], first.Registrars.Select(r => (r.Registrar, r.ServesUnlisted, r.Summary.Devices)));
        Assert.Equal([Autre], first.Registrars[1].Domains);

        parc.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Job(parc, db, new RegistrarDirectory(main, new Dictionary<string, IRegistrarSource?> { [Autre] = autreDown })).RunAsync();

        rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal(("registered", "not-registered"), (rows[lu].State, rows[seldon].State));
        Assert.Equal(("unknown", "unknown"), (rows[anne].State, rows[bob].State));
        Assert.Equal("registrar autre unavailable: connection refused", rows[anne].Reason);
        Assert.Equal("autre: connection refused", second.Summary!.Failure);
        Assert.Null(second.Registrars[0].Summary.Failure);
        Assert.Equal((2, 2), (second.Registrars[1].Summary.Unknown, second.Summary.Unknown));
        var history = await db.RegistrationHistory.AsNoTracking().Where(h => h.At == parc.Clock.GetUtcNow()).Select(h => h.EquipmentId).ToListAsync();
        Assert.Equal([anne, bob], history.Order());
    }

    [Fact]
    public async Task An_options_only_client_among_registrar_clients_is_probed_with_options_and_never_read_from_a_dump()
    {
        await using var parc = await TestParc.CreateAsync();
        var (_, siegeSite) = await parc.AddClientAsync("Siège", "siege.example.org");
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        var carol = await parc.AddPhoneAsync("00:15:65:AA:00:01", "carol", siegeSite);
        await using var phone = await BaresipPeer.StartAsync("carol@siege.example.org", registrarPort: null);
        await using var db = parc.NewDb();
        await new EfRegistrationStore(db, parc.Clock).SyncAsync(10);
        await Phones.SetStateAsync(db, carol, "registered", $"sip:carol@127.0.0.1:{phone.SipPort}", parc.Clock.GetUtcNow());
        var expires = parc.Clock.GetUtcNow().AddHours(1);
        // The main registrar names Carol's line too (at an address nothing answers): a client on OPTIONS only is not read from it.
        var main = new ListRegistrar(
            [ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", expires), ListRegistrar.Binding("carol@siege.example.org", "sip:carol@192.0.2.9", expires)],
            name: "main");
        var registrars = new RegistrarDirectory(main, new Dictionary<string, IRegistrarSource?> { ["siege.example.org"] = null, ["ghost.example"] = main });
        await using var sip = new SipUdpClient(
            Options.Create(new SipOptions { LocalAddress = "127.0.0.1", T1 = TimeSpan.FromMilliseconds(100), TransactionTimeout = TimeSpan.FromSeconds(1) }),
            TimeProvider.System, NullLogger<SipUdpClient>.Instance);
        var job = Job(parc, db, registrars, sip);

        var plan = await ReconcilePlan.ResolveAsync(db, registrars);
        Assert.Equal(["ghost.example"], plan.UnknownDomains);
        Assert.Equal([main, null], plan.Parts.Select(p => p.Source));

        var alive = await job.RunAsync();

        var rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal(("registered", "main"), (rows[lu].State, rows[lu].Source));
        Assert.Equal(("registered", "options", $"sip:carol@127.0.0.1:{phone.SipPort}"), (rows[carol].State, rows[carol].Source, rows[carol].Contact));
        Assert.Contains("OPTIONS Answered 200", rows[carol].Reason, StringComparison.Ordinal);
        Assert.Equal([("main", 1), ("options", 1)], alive.Registrars.Select(r => (r.Registrar, r.Summary.Devices)));
        Assert.Equal(["siege.example.org"], alive.Registrars[1].Domains);
        Assert.Equal("main, options", alive.Summary!.Source);

        await phone.KillAsync();
        parc.Clock.Advance(TimeSpan.FromMinutes(1));
        var gone = await job.RunAsync();

        Assert.Equal(1, gone.Unreachable);
        rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal(("registered", "unreachable"), (rows[lu].State, rows[carol].State));
    }

    private static ReconcileJob Job(TestParc parc, SophiaDb db, RegistrarDirectory registrars, ISipProbe? sip = null) =>
        ReconcileJobTests.Job(parc, db, registrars, sip ?? new RecordingPhones());
}
