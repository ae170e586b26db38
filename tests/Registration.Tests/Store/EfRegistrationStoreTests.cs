using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Sophia.Model.Provisioning;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Store;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Store;

public sealed class EfRegistrationStoreTests
{
    [Fact]
    public async Task Assigned_phones_are_tracked_under_their_lines_aor_and_follow_renames_and_unassignment()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "RLu");
        var seldon = await parc.AddPhoneAsync("00:15:65:98:8C:06", "cseldon");
        await parc.AddPhoneAsync("00:15:65:AA:00:01", sipUser: null);
        await using var db = parc.NewDb();
        var store = new EfRegistrationStore(db, parc.Clock);

        Assert.Equal(new TrackingSync(2, 0, 0), await store.SyncAsync(batchSize: 1));
        Assert.Equal(new TrackingSync(0, 0, 0), await store.SyncAsync(batchSize: 1));
        var tracked = await db.RegistrationStatuses.AsNoTracking().OrderBy(s => s.EquipmentId).ToListAsync();
        Assert.Equal(["rlu@15rp.sewan.eu", "cseldon@15rp.sewan.eu"], tracked.Select(s => s.Aor));
        Assert.Equal("rlu", tracked[0].AorUser);
        Assert.All(tracked, s => Assert.Equal(("unknown", null), (s.State, s.CheckedAt)));

        await db.Users.Where(u => u.SipUsername == "RLu").ExecuteUpdateAsync(u => u.SetProperty(x => x.SipUsername, "ricardo.lu"));
        await db.Equipment.Where(e => e.Id == seldon).ExecuteUpdateAsync(u => u.SetProperty(e => e.UserId, (int?)null));

        Assert.Equal(new TrackingSync(0, 1, 1), await store.SyncAsync(batchSize: 10));
        var left = Assert.Single(await db.RegistrationStatuses.AsNoTracking().ToListAsync());
        Assert.Equal((lu, "ricardo.lu@15rp.sewan.eu", "ricardo.lu"), (left.EquipmentId, left.Aor, left.AorUser));
    }

    [Fact]
    public async Task A_dump_reconciled_into_the_database_records_states_contacts_and_transitions()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        var seldon = await parc.AddPhoneAsync("00:15:65:98:8C:06", "cseldon");
        var picard = await parc.AddPhoneAsync("00:15:65:AA:00:01", "njoly");
        var expires = parc.Clock.GetUtcNow().AddHours(1);
        var registrar = new ListRegistrar([
            ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", expires),
            ListRegistrar.Binding("cseldon@15rp.sewan.eu", "sip:cseldon@192.0.2.8:5060", expires),
            ListRegistrar.Binding("stranger@elsewhere.example", "sip:s@192.0.2.99", expires),
        ]);
        await using var db = parc.NewDb();
        var store = new EfRegistrationStore(db, parc.Clock);
        await store.SyncAsync(100);

        var summary = await Reconciler(parc).RunAsync(registrar, store, batchSize: 1);

        Assert.Equal((3, 3, 2, 1, 3), (summary.Bindings, summary.Devices, summary.Registered, summary.NotRegistered, summary.Transitions));
        var rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal(("registered", "sip:rlu@192.0.2.7:5062", expires, "test-registrar"), (rows[lu].State, rows[lu].Contact, rows[lu].Expires, rows[lu].Source));
        Assert.Equal("Yealink SIP-T46S 66.86.0.15", rows[lu].UserAgent);
        Assert.Equal(parc.Clock.GetUtcNow(), rows[lu].Since);
        Assert.Equal("not-registered", rows[picard].State);
        Assert.Equal(summary.RunId, rows[seldon].LastRunId);
        var history = await db.RegistrationHistory.AsNoTracking().Where(h => h.EquipmentId == lu).ToListAsync();
        Assert.Equal(("unknown", "registered"), (Assert.Single(history).From, history[0].To));
    }

    [Fact]
    public async Task An_unchanged_binding_only_moves_the_check_time_and_a_change_rewrites_the_record()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        var seldon = await parc.AddPhoneAsync("00:15:65:98:8C:06", "cseldon");
        var expires = parc.Clock.GetUtcNow().AddHours(1);
        var first = parc.Clock.GetUtcNow();
        await using var db = parc.NewDb();
        await RunAsync(parc, db, [
            ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", expires),
            ListRegistrar.Binding("cseldon@15rp.sewan.eu", "sip:cseldon@192.0.2.8:5060", expires)]);
        parc.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await RunAsync(parc, db, [
            ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", expires),
            ListRegistrar.Binding("cseldon@15rp.sewan.eu", "sip:cseldon@192.0.2.42:5060", expires.AddMinutes(1))]);

        Assert.Equal(0, second.Transitions);
        var rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal((first, parc.Clock.GetUtcNow(), second.RunId), (rows[lu].Since, rows[lu].CheckedAt, rows[lu].LastRunId));
        Assert.Equal(("sip:cseldon@192.0.2.42:5060", expires.AddMinutes(1), first), (rows[seldon].Contact, rows[seldon].Expires, rows[seldon].Since));
        Assert.Equal(second.RunId, rows[seldon].LastRunId);
        Assert.Equal(2, await db.RegistrationHistory.CountAsync());
    }

    [Fact]
    public async Task An_expiry_a_second_off_is_the_same_binding_and_a_minute_off_a_renewed_one()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        var expires = parc.Clock.GetUtcNow().AddHours(1);
        await using var db = parc.NewDb();
        await RunAsync(parc, db, [ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", expires)]);

        parc.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunAsync(parc, db, [ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", expires.AddSeconds(1))]);
        var jittered = await db.RegistrationStatuses.AsNoTracking().FirstAsync(s => s.EquipmentId == lu);
        Assert.Equal((expires, parc.Clock.GetUtcNow()), (jittered.Expires, jittered.CheckedAt));

        await RunAsync(parc, db, [ListRegistrar.Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062", expires.AddMinutes(1))]);
        Assert.Equal(expires.AddMinutes(1), (await db.RegistrationStatuses.AsNoTracking().FirstAsync(s => s.EquipmentId == lu)).Expires);
    }

    [Fact]
    public async Task A_registrar_keyed_by_user_and_one_that_fails_are_told_apart()
    {
        await using var parc = await TestParc.CreateAsync();
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        var seldon = await parc.AddPhoneAsync("00:15:65:98:8C:06", "cseldon");
        await using var db = parc.NewDb();
        await RunAsync(parc, db, [ListRegistrar.Binding("rlu", "sip:rlu@192.0.2.7:5062", parc.Clock.GetUtcNow().AddHours(1))]);
        Assert.Equal("registered", (await db.RegistrationStatuses.AsNoTracking().FirstAsync(s => s.EquipmentId == lu)).State);

        parc.Clock.Advance(TimeSpan.FromMinutes(1));
        var down = await RunAsync(parc, db, [], failAfter: true);

        Assert.Equal("connection refused", down.Failure);
        var rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal(("unknown", "sip:rlu@192.0.2.7:5062"), (rows[lu].State, rows[lu].Contact));
        Assert.Equal("unknown", rows[seldon].State);
        Assert.Equal(["registered", "unknown"], await db.RegistrationHistory.Where(h => h.EquipmentId == lu).OrderBy(h => h.Id).Select(h => h.To).ToListAsync());
    }

    [Fact]
    public async Task Untouched_phones_come_in_batches_with_the_address_of_their_last_fetch()
    {
        await using var parc = await TestParc.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await parc.AddPhoneAsync($"00:15:65:00:00:0{i}", $"user{i}");
        }
        await using var db = parc.NewDb();
        db.FetchEvents.AddRange(
            new FetchEvent { At = parc.Clock.GetUtcNow(), SourceIp = "192.0.2.10", Mac = "001565000001", File = "001565000001.cfg", Status = 200 },
            new FetchEvent { At = parc.Clock.GetUtcNow(), SourceIp = "192.0.2.11", Mac = "001565000001", File = "001565000001.cfg", Status = 304 },
            new FetchEvent { At = parc.Clock.GetUtcNow(), SourceIp = "192.0.2.66", Mac = "001565000001", File = "001565000001.cfg", Status = 401 },
            new FetchEvent { At = parc.Clock.GetUtcNow(), SourceIp = "2001:db8::7", Mac = "001565000002", File = "y000000000000.cfg", Status = 200 });
        await db.SaveChangesAsync();
        var store = new EfRegistrationStore(db, parc.Clock, withFetchContacts: true);
        await store.SyncAsync(100);

        var batches = new List<IReadOnlyList<TrackedDevice>>();
        await foreach (var batch in store.FindUntouchedAsync(Guid.NewGuid(), batchSize: 2))
        {
            batches.Add(batch);
        }

        Assert.Equal([2, 2, 1], batches.Select(b => b.Count));
        var devices = batches.SelectMany(b => b).ToDictionary(d => d.Mac!);
        Assert.Equal("sip:user1@192.0.2.11", devices["001565000001"].LastKnownContact);
        Assert.Equal("sip:user2@[2001:db8::7]", devices["001565000002"].LastKnownContact);
        Assert.Null(devices["001565000000"].LastKnownContact);
        Assert.Null(devices["001565000000"].Current);
    }

    private static DumpReconciler Reconciler(TestParc parc) => new(parc.Clock, NullLogger<DumpReconciler>.Instance);

    private static async Task<ReconcileSummary> RunAsync(TestParc parc, Sophia.Model.Data.SophiaDb db, IReadOnlyList<Registrar.RegistrarContact> bindings, bool failAfter = false)
    {
        var store = new EfRegistrationStore(db, parc.Clock);
        await store.SyncAsync(100);
        return await Reconciler(parc).RunAsync(new ListRegistrar(bindings, failAfter), store);
    }
}
