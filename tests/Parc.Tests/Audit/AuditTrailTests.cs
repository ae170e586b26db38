using Microsoft.EntityFrameworkCore;
using Sophia.Model.Audit;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Audit;
using Sophia.Parc.FunctionKeys;
using Sophia.Parc.Numbers;
using Sophia.Parc.PhoneSettings;
using Sophia.Parc.Users;
using Sophia.Testing;

namespace Sophia.Parc.Tests.Audit;

/// <summary>
/// The audit trail under the operations: a row for each change of a parc object in the save that makes it, none for a
/// save that fails, and the changes the operations used to make in bulk recorded one by one.
/// </summary>
public sealed class AuditTrailTests
{
    [Fact]
    public async Task A_save_refused_by_the_database_for_a_concurrent_change_leaves_no_row_now_or_in_the_next_save()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        await using var first = parc.NewDb();
        await using var second = parc.NewDb();
        var mine = await first.Users.SingleAsync(u => u.Id == parc.Seldon);
        var theirs = await second.Users.SingleAsync(u => u.Id == parc.Seldon);
        theirs.Function = "Directeur";
        await second.SaveChangesAsync();

        mine.Function = "Stagiaire";
        first.Sites.Add(new Site { ClientId = parc.ClientId, Name = "Annexe concurrente" });
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());

        Assert.Empty(first.ChangeTracker.Entries<AuditEntry>());
        Assert.False(await parc.Db.Sites.AnyAsync(s => s.Name == "Annexe concurrente"));
        Assert.False(await parc.Db.AuditEntries.AnyAsync(a => a.ObjectLabel == "Annexe concurrente"));
        var rows = await Rows(parc, "User", parc.Seldon);
        var row = Assert.Single(rows, r => r.Action == AuditAction.Updated);
        Assert.Equal([new AuditChange("Function", null, "Directeur")], AuditTrail.ReadChanges(row.Changes));
    }

    [Fact]
    public async Task A_failed_insert_takes_the_rows_of_the_objects_created_with_it_back()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var before = await parc.Db.AuditEntries.CountAsync();
        await using var db = parc.NewDb();
        db.Sites.Add(new Site { ClientId = parc.ClientId, Name = "Annexe fantôme" });
        db.Users.Add(new User { ClientId = parc.ClientId, SiteId = parc.Mandar, LastName = "Doublon", Login = "cseldon@15rp.sewan.eu", SipUsername = "doublon", SipPassword = "doublon-secret" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.False(await parc.Db.Sites.AnyAsync(s => s.Name == "Annexe fantôme"));
        Assert.Equal(before, await parc.Db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Deleting_a_user_records_each_phone_back_in_stock_each_short_number_freed_and_the_user()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var phone = await parc.Db.Equipment.AsNoTracking().SingleAsync(e => e.Mac == TestParc.SeldonT46S);
        var shortNumbers = await parc.Db.ShortNumbers.AsNoTracking().Where(s => s.UserId == parc.Seldon).Select(s => s.Digits).ToListAsync();
        Assert.NotEmpty(shortNumbers);

        await parc.Operation<UserOperations>().DeleteAsync(parc.AdminCaller, parc.Seldon, null, default);

        var equipment = Assert.Single(await Rows(parc, "Equipment", phone.Id), r => r.Action == AuditAction.Updated);
        Assert.Contains(new AuditChange("UserId", Id(parc.Seldon), null), AuditTrail.ReadChanges(equipment.Changes));
        Assert.Equal(parc.ClientId, equipment.ClientId);
        var freed = await parc.Db.AuditEntries.Where(a => a.ObjectType == "ShortNumber" && a.Action == AuditAction.Deleted).Select(a => a.ObjectLabel).ToListAsync();
        Assert.Equal(shortNumbers.Order(), freed.Order());
        var user = Assert.Single(await Rows(parc, "User", parc.Seldon), r => r.Action == AuditAction.Deleted);
        Assert.Contains(AuditTrail.ReadChanges(user.Changes), c => c is { Property: "SipPassword", Secret: true, Before: null, After: null });
        Assert.Contains(new AuditChange("LastName", "Seldon", null), AuditTrail.ReadChanges(user.Changes));
    }

    [Fact]
    public async Task Unassigning_a_presented_number_records_the_user_no_longer_presenting_it()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var number = await parc.Db.Numbers.SingleAsync(n => n.UserId == parc.Seldon);
        var seldon = await parc.Db.Users.SingleAsync(u => u.Id == parc.Seldon);
        seldon.PresentedNumber = number.E164;
        await parc.Db.SaveChangesAsync();

        await parc.Operation<NumberOperations>().UnassignAsync(parc.AdminCaller, number.Id, null, default);

        var rows = await Rows(parc, "User", parc.Seldon);
        Assert.Contains(rows, r => AuditTrail.ReadChanges(r.Changes).Contains(new AuditChange("PresentedNumber", number.E164, null)));
        Assert.Contains(await Rows(parc, "Number", number.Id), r => AuditTrail.ReadChanges(r.Changes).Contains(new AuditChange("UserId", Id(parc.Seldon), null)));
    }

    [Fact]
    public async Task Replacing_the_function_keys_records_only_the_key_that_changed_under_the_users_client()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var keys = parc.Operation<FunctionKeyOperations>();
        var current = await keys.ListAsync(parc.AdminCaller, parc.Seldon, default);
        var before = await parc.Db.AuditEntries.Where(a => a.ObjectType == "FunctionKey").CountAsync();

        var inputs = current.Keys.Select(k => new FunctionKeyInput(k.Index, k.Kind, k.SupervisedUserId, k.Number, k.Index == 3 ? "Chloé B." : k.Label)).ToList();
        await keys.ReplaceAsync(parc.AdminCaller, parc.Seldon, inputs, current.Version, default);

        var rows = await parc.Db.AuditEntries.Where(a => a.ObjectType == "FunctionKey").OrderBy(a => a.Id).Skip(before).ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal(AuditAction.Updated, row.Action);
        Assert.Equal(parc.ClientId, row.ClientId);
        Assert.Equal("3: Chloé B.", row.ObjectLabel);
        Assert.Equal([new AuditChange("Label", "Chloe", "Chloé B.")], AuditTrail.ReadChanges(row.Changes));
        Assert.Equal(["Noémie Picard", "Ricardo Lu", "Chloé B."], (await keys.ListAsync(parc.AdminCaller, parc.Seldon, default)).Keys.Select(k => k.Label));
    }

    [Fact]
    public async Task A_phones_lock_code_is_recorded_only_as_changed()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var settings = parc.Operation<DeviceSettingsOperations>();
        var current = await settings.GetAsync(parc.AdminCaller, TestParc.SeldonT46S.ToString(), default);

        await settings.ReplaceAsync(parc.AdminCaller, TestParc.SeldonT46S.ToString(), current.Settings with { LockCode = "97531", Ringtone = "Ring5" }, null, default);

        var phone = await parc.Db.Equipment.AsNoTracking().SingleAsync(e => e.Mac == TestParc.SeldonT46S);
        var row = Assert.Single(await Rows(parc, "Equipment", phone.Id), r => r.Action == AuditAction.Updated);
        Assert.DoesNotContain("97531", row.Changes, StringComparison.Ordinal);
        var changes = AuditTrail.ReadChanges(row.Changes);
        Assert.Contains(new AuditChange("Settings.LockCode", null, null, Secret: true), changes);
        Assert.Contains(changes, c => c.Property == "Settings.Ringtone" && c.After == "Ring5");
    }

    [Fact]
    public async Task A_user_of_a_client_is_refused_the_change_log_and_a_client_admin_reads_only_their_clients_rows()
    {
        await using var parc = await TestParc.CreateDemoAsync();
        var (otherClient, _) = await parc.AddClientAsync("Voisin", "voisin.example.net");
        var audit = parc.Operation<AuditOperations>();
        var seldon = await parc.Db.Users.AsNoTracking().SingleAsync(u => u.Id == parc.Seldon);

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => audit.ListAsync(TestParc.UserCaller(seldon), new AuditFilter(), PageRequest.First, default));
        Assert.Equal("audit.adminOnly", Assert.Single(refusal.Errors).Code);
        var mine = await audit.ListAsync(parc.AdminCaller, new AuditFilter(), new PageRequest(1, 500), default);
        Assert.NotEmpty(mine.Items);
        Assert.All(mine.Items, e => Assert.Equal(parc.ClientId, e.ClientId));
        Assert.Empty((await audit.ListAsync(parc.AdminCaller, new AuditFilter(ObjectType: "client", ObjectId: Id(otherClient)), PageRequest.First, default)).Items);
        Assert.Single((await audit.ListAsync(TestParc.HelpdeskCaller, new AuditFilter(ObjectType: "client", ObjectId: Id(otherClient)), PageRequest.First, default)).Items);
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<AuditEntry>> Rows(TestParc parc, string type, int id)
    {
        var key = Id(id);
        return await parc.Db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == type && a.ObjectId == key).OrderBy(a => a.Id).ToListAsync();
    }
}
