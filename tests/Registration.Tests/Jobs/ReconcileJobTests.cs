using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Model.Jobs;
using Sophia.Registration.Jobs;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;
using Sophia.Registration.Store;
using Sophia.Registration.Tests.RealPeers;
using Sophia.Registration.Tests.Resync;
using Sophia.Registration.Tests.Store;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Jobs;

public sealed class ReconcileJobTests
{
    [Fact]
    public async Task A_scheduled_run_waits_for_the_interval_since_the_last_run_on_any_node()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        await using var db = parc.NewDb();
        var registrar = new ListRegistrar([ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", parc.Clock.GetUtcNow().AddHours(1))]);
        var job = Job(parc, db, registrar, new RecordingPhones());

        var first = await job.RunAsync();
        Assert.Equal((1, 1), (first.Tracking!.Added, first.Summary!.Registered));

        parc.Clock.Advance(TimeSpan.FromSeconds(30));
        await job.RunScheduledAsync(CancellationToken.None);
        Assert.Equal(first.Summary.RunId, await LastRunAsync(db, lu));

        parc.Clock.Advance(TimeSpan.FromSeconds(30));
        await job.RunScheduledAsync(CancellationToken.None);
        Assert.NotEqual(first.Summary.RunId, await LastRunAsync(db, lu));
    }

    [Fact]
    public async Task A_run_while_another_node_holds_the_lease_changes_nothing_and_names_the_holder()
    {
        await using var parc = await TestParc.CreateAsync();
        await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        await using var db = parc.NewDb();
        await using (var other = parc.NewDb())
        {
            Assert.NotNull(await JobLeases.TryAcquireAsync(other, ReconcileJob.LeaseName, "node-b", TimeSpan.FromMinutes(5), parc.Clock));
        }

        var outcome = await Job(parc, db, new ListRegistrar([]), new RecordingPhones()).RunAsync();

        Assert.False(outcome.Ran);
        Assert.Equal("node-b", outcome.BusyHolder);
        Assert.Empty(await db.RegistrationStatuses.ToListAsync());
    }

    [Fact]
    public async Task Without_a_registrar_options_to_each_last_known_contact_decides_with_a_real_phone()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        var seldon = await parc.AddPhoneAsync("00:15:65:98:8C:06", "cseldon");
        await using var phone = await BaresipPeer.StartAsync("rlu@15rp.sewan.eu", registrarPort: null);
        await using var db = parc.NewDb();
        await new EfRegistrationStore(db, parc.Clock).SyncAsync(10);
        await Phones.SetStateAsync(db, lu, "registered", $"sip:rlu@127.0.0.1:{phone.SipPort}", parc.Clock.GetUtcNow());
        await using var sip = new SipUdpClient(
            Options.Create(new SipOptions { LocalAddress = "127.0.0.1", T1 = TimeSpan.FromMilliseconds(100), TransactionTimeout = TimeSpan.FromSeconds(1) }),
            TimeProvider.System, NullLogger<SipUdpClient>.Instance);
        var job = Job(parc, db, registrar: null, sip);

        var alive = await job.RunAsync();
        Assert.Equal("options", alive.Summary!.Source);
        var rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Contains("OPTIONS Answered 200", rows[lu].Reason, StringComparison.Ordinal);
        Assert.Equal(("unknown", "no registrar consulted and no contact to probe"), (rows[seldon].State, rows[seldon].Reason));

        await phone.KillAsync();
        parc.Clock.Advance(TimeSpan.FromMinutes(1));
        var gone = await job.RunAsync();

        Assert.Equal(1, gone.Unreachable);
        Assert.Equal("unreachable", (await db.RegistrationStatuses.AsNoTracking().FirstAsync(s => s.EquipmentId == lu)).State);
        var transition = await db.RegistrationHistory.AsNoTracking().SingleAsync(h => h.EquipmentId == lu);
        Assert.Equal(("registered", "unreachable"), (transition.From, transition.To));
    }

    private static ReconcileJob Job(TestParc parc, SophiaDb db, IRegistrarSource? registrar, ISipProbe sip) =>
        Job(parc, db, new RegistrarDirectory(registrar), sip);

    internal static ReconcileJob Job(TestParc parc, SophiaDb db, RegistrarDirectory registrars, ISipProbe sip) => new(
        db, new DumpReconciler(parc.Clock, NullLogger<DumpReconciler>.Instance), new RegistrationChecker(sip, parc.Clock), registrars,
        Options.Create(new RegistrationTrackingOptions()), parc.Clock, NullLogger<ReconcileJob>.Instance);

    private static Task<Guid?> LastRunAsync(SophiaDb db, int equipmentId) =>
        db.RegistrationStatuses.AsNoTracking().Where(s => s.EquipmentId == equipmentId).Select(s => s.LastRunId).FirstAsync();
}
