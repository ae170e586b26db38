using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Jobs;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Registration.Diagnostics;
using Sophia.Registration.Jobs;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;
using Sophia.Registration.Store;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Diagnostics;

/// <summary>The helpdesk's registration views as operations: the caller and the input in, a result or coded errors out.</summary>
public sealed class RegistrationViewsTests
{
    private static readonly Uri ApiBase = new("https://api.sophia.test/prov/");
    private static readonly RegistrationTrackingOptions Settings = new();

    [Fact]
    public async Task The_phone_list_refuses_an_unknown_filter_and_another_clients_list_reads_as_not_found()
    {
        await using var parc = await TestParc.CreateAsync();
        await parc.AddPhonesAsync("m", 2);
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var phones = Phones(parc, new FixedDrift());

        var unknown = await Assert.ThrowsAsync<RuleViolationException>(() =>
            phones.ListAsync(parc.AdminCaller, parc.ClientId, "everything", null, PageRequest.First, ApiBase, CancellationToken.None));
        var stranger = await Assert.ThrowsAsync<RuleViolationException>(() =>
            phones.ListAsync(Admin(other), parc.ClientId, null, null, PageRequest.First, ApiBase, CancellationToken.None));

        AssertError(unknown, RuleViolationKind.Invalid, "filter", "filter.unknown");
        Assert.Equal(("everything", "not-registered, pending-changes"), (unknown.Errors[0].Args["value"], unknown.Errors[0].Args["filters"]));
        AssertError(stranger, RuleViolationKind.NotFound, "clientId", "client.notFound");
    }

    [Fact]
    public async Task Pending_changes_lists_only_the_phones_the_drift_finds_pending_and_pages_after_filtering()
    {
        await using var parc = await TestParc.CreateAsync();
        await parc.AddPhonesAsync("m", 5);
        await using var db = parc.NewDb();
        var macs = await db.Equipment.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Mac).ToListAsync();
        var drift = new FixedDrift { Pending = { macs[1], macs[3], macs[4] } };
        var phones = Phones(parc, drift);

        var first = await phones.ListAsync(parc.AdminCaller, parc.ClientId, PhoneListOperations.PendingChangesFilter, null, new PageRequest(1, 2), ApiBase, CancellationToken.None);
        var second = await phones.ListAsync(parc.AdminCaller, parc.ClientId, PhoneListOperations.PendingChangesFilter, null, new PageRequest(2, 2), ApiBase, CancellationToken.None);
        drift.Batches.Clear();
        var all = await phones.ListAsync(parc.AdminCaller, parc.ClientId, null, null, PageRequest.First, ApiBase, CancellationToken.None);

        Assert.Equal((3, 3), (first.Total, second.Total));
        Assert.Equal([macs[1], macs[3]], first.Items.Select(p => MacAddress.Parse(p.Mac)));
        Assert.Equal([macs[4]], second.Items.Select(p => MacAddress.Parse(p.Mac)));
        Assert.All(first.Items.Concat(second.Items), p => Assert.True(p.PendingChanges));
        Assert.Equal(5, all.Total);
        Assert.Equal([false, true, false, true, true], all.Items.Select(p => p.PendingChanges));
        Assert.Equal([5], drift.Batches);
        Assert.Equal(("m1", "unknown"), (all.Items[1].UserLogin!.Split('@')[0], all.Items[1].State));
    }

    [Fact]
    public async Task Not_registered_lists_the_phones_not_registered_and_those_no_reconciliation_refreshed_for_too_long()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await parc.AddPhonesAsync("m", 3);
        await using var db = parc.NewDb();
        await new EfRegistrationStore(db, parc.Clock).SyncAsync(100);
        var now = parc.Clock.GetUtcNow();
        await SetStateAsync(db, ids[0], "registered", now);
        await SetStateAsync(db, ids[1], "registered", now - Settings.StaleAfter - TimeSpan.FromMinutes(1));
        await SetStateAsync(db, ids[2], "not-registered", now);

        var list = await Phones(parc, new FixedDrift())
            .ListAsync(parc.AdminCaller, parc.ClientId, PhoneListOperations.NotRegisteredFilter, null, PageRequest.First, ApiBase, CancellationToken.None);

        Assert.Equal([("m1", "unknown"), ("m2", "not-registered")], list.Items.Select(p => (p.UserLogin!.Split('@')[0], p.State)));
    }

    [Fact]
    public async Task Checking_a_phone_in_stock_is_a_coded_conflict_and_its_status_says_it_is_not_tracked()
    {
        await using var parc = await TestParc.CreateAsync();
        await parc.AddPhoneAsync("00:15:65:00:00:01", sipUser: null);
        var drift = new FixedDrift { Pending = { MacAddress.Parse("00:15:65:00:00:01") } };
        var status = Status(parc, drift);

        var check = await Assert.ThrowsAsync<RuleViolationException>(() => status.CheckAsync(parc.AdminCaller, "001565000001", CancellationToken.None));
        var read = await status.StatusAsync(parc.AdminCaller, "00-15-65-00-00-01", ApiBase, CancellationToken.None);

        AssertError(check, RuleViolationKind.Conflict, "mac", "equipment.notAssigned");
        Assert.Equal("00:15:65:00:00:01", check.Errors[0].Args["mac"]);
        Assert.Equal(("unknown", "not assigned to a user: not tracked"), (read.Registration.State, read.Registration.Reason));
        Assert.Equal((true, "001565000001.cfg"), (read.PendingChanges, Assert.Single(read.Files).File));
        Assert.Null(read.Aor);
    }

    [Fact]
    public async Task A_reconciliation_by_hand_is_for_the_helpdesk_and_one_already_running_elsewhere_is_a_coded_conflict()
    {
        await using var parc = await TestParc.CreateAsync();
        await using var db = parc.NewDb();
        Assert.NotNull(await JobLeases.TryAcquireAsync(db, ReconcileJob.LeaseName, "node-2", TimeSpan.FromHours(1), parc.Clock));
        var reconcile = new ReconcileOperations(new ReconcileJob(
            db, new DumpReconciler(parc.Clock, NullLogger<DumpReconciler>.Instance), new RegistrationChecker(Substitute.For<ISipProbe>(), parc.Clock),
            new RegistrarDirectory(null), Options.Create(Settings), parc.Clock, NullLogger<ReconcileJob>.Instance), parc.Clock);

        var admin = await Assert.ThrowsAsync<RuleViolationException>(() => reconcile.ReconcileAsync(parc.AdminCaller, CancellationToken.None));
        // Every reading of the clock moves it past the wait: the run held by node-2 is looked at once, then given up on.
        parc.Clock.AutoAdvanceAmount = TimeSpan.FromSeconds(31);
        var busy = await Assert.ThrowsAsync<RuleViolationException>(() => reconcile.ReconcileAsync(TestParc.HelpdeskCaller, CancellationToken.None));

        AssertError(admin, RuleViolationKind.Forbidden, "request", "reconcile.helpdeskOnly");
        AssertError(busy, RuleViolationKind.Conflict, "registration", "reconcile.busy");
        Assert.Equal("node-2", busy.Errors[0].Args["holder"]);
    }

    internal static Caller Admin(int clientId) => new(Role.ClientAdmin, clientId, null, "admin@autre.example.net");

    internal static void AssertError(RuleViolationException exception, RuleViolationKind kind, string field, string code)
    {
        var error = Assert.Single(exception.Errors);
        Assert.Equal((kind, field, code), (exception.Kind, error.Field, error.Code));
    }

    private static PhoneListOperations Phones(TestParc parc, FixedDrift drift) => new(parc.Db, drift, Options.Create(Settings), parc.Clock);

    private static PhoneStatusOperations Status(TestParc parc, FixedDrift drift) => new(
        parc.Db, drift, new RegistrationChecker(Substitute.For<ISipProbe>(), parc.Clock), new RegistrarDirectory(null), Options.Create(Settings), parc.Clock);

    private static async Task SetStateAsync(SophiaDb db, int equipmentId, string state, DateTimeOffset checkedAt) =>
        await db.RegistrationStatuses.Where(s => s.EquipmentId == equipmentId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.State, state).SetProperty(s => s.CheckedAt, checkedAt).SetProperty(s => s.Since, checkedAt));
}
