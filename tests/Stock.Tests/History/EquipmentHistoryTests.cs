using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Provisioning;
using Sophia.Model.Registration;
using Sophia.Stock.Inventory;
using Sophia.Testing;

namespace Sophia.Stock.Tests.History;

public sealed class EquipmentHistoryTests
{
    private static readonly MacAddress Reused = MacAddress.Parse("00:15:65:AA:CC:01");

    [Fact]
    public async Task A_MAC_deleted_by_one_client_and_created_by_another_brings_none_of_the_old_history()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        var old = await parc.AddEquipmentAsync(Reused, "yealink-t46s", siteId: null);
        await AddHistoryAsync(parc, old.Id, "10.15.0.1");

        await parc.Operation<EquipmentOperations>().DeleteAsync(parc.AdminCaller, Reused.ToString(), null, default);
        // The old owner's phone, still plugged in, keeps asking while the MAC is in no stock.
        await AddFetchAsync(parc, "10.15.0.1");
        var stranger = new Caller(Role.ClientAdmin, other, null, "admin@autre.example");
        var created = await parc.Operation<EquipmentOperations>().CreateAsync(stranger, other, new EquipmentInput(Reused.ToString(), "T46S", null, null), default);

        await using var db = parc.NewDb();
        var id = await db.Equipment.Where(e => e.Mac == Reused).Select(e => e.Id).SingleAsync();
        Assert.Equal(0, await db.FetchEvents.CountAsync(f => f.Mac == Reused.ToString()));
        Assert.Equal(0, await db.RegistrationHistory.CountAsync(h => h.EquipmentId == id));
        Assert.Equal(0, await db.RegistrationStatuses.CountAsync(s => s.EquipmentId == id));
        Assert.Equal(other, created.ClientId);
    }

    [Fact]
    public async Task An_imported_MAC_brings_none_of_what_was_logged_while_it_was_in_no_stock()
    {
        await using var parc = await TestParc.CreateAsync();
        await AddFetchAsync(parc, "10.15.0.1");
        await AddFetchAsync(parc, "10.15.0.2", mac: "001565aacc02");

        await parc.Operation<EquipmentOperations>().ImportAsync(parc.AdminCaller, parc.ClientId, new StringReader($"mac,model\n{Reused},T46S\n"), dryRun: false, default);

        await using var db = parc.NewDb();
        Assert.Equal(0, await db.FetchEvents.CountAsync(f => f.Mac == Reused.ToString()));
        Assert.Equal(1, await db.FetchEvents.CountAsync(f => f.Mac == "001565aacc02"));
    }

    private static async Task AddHistoryAsync(TestParc parc, int equipmentId, string source)
    {
        await using var db = parc.NewDb();
        var at = parc.Clock.GetUtcNow();
        db.RegistrationStatuses.Add(new RegistrationStatus { EquipmentId = equipmentId, Aor = "old@15rp.sewan.eu", AorUser = "old", State = "registered", Since = at });
        db.RegistrationHistory.Add(new RegistrationHistoryEntry { EquipmentId = equipmentId, From = "unknown", To = "registered", At = at, Reason = "kamailio" });
        await db.SaveChangesAsync();
        await AddFetchAsync(parc, source);
    }

    private static async Task AddFetchAsync(TestParc parc, string source, string? mac = null)
    {
        await using var db = parc.NewDb();
        db.FetchEvents.Add(new FetchEvent { At = parc.Clock.GetUtcNow(), SourceIp = source, Mac = mac ?? Reused.ToString(), File = $"{mac ?? Reused.ToString()}.cfg", Status = 200 });
        await db.SaveChangesAsync();
    }
}
