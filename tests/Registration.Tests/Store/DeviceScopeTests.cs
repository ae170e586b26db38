using Sophia.Registration.Registrar;
using Sophia.Registration.Store;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Store;

public sealed class DeviceScopeTests
{
    [Fact]
    public async Task A_scoped_store_finds_only_the_phones_of_its_clients_by_aor_by_user_and_in_batches()
    {
        await using var parc = await TestParc.CreateAsync();
        var (autre, siege) = await parc.AddClientAsync("Autre", "autre.example.net");
        var (third, thirdSite) = await parc.AddClientAsync("Tiers", "tiers.example.org");
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        var seldon = await parc.AddPhoneAsync("00:15:65:98:8C:06", "cseldon");
        var anne = await parc.AddPhoneAsync("00:15:65:AA:00:01", "amartin", siege);
        // The same user name in two clients: a registrar keying by user names both.
        var otherLu = await parc.AddPhoneAsync("00:15:65:AA:00:02", "rlu", siege);
        var tiers = await parc.AddPhoneAsync("00:15:65:AA:00:03", "tiers", thirdSite);
        await using var db = parc.NewDb();
        await new EfRegistrationStore(db, parc.Clock).SyncAsync(100);

        var only = new EfRegistrationStore(db, parc.Clock, scope: DeviceScope.Only([autre]));
        var allBut = new EfRegistrationStore(db, parc.Clock, scope: DeviceScope.AllBut([autre, third]));
        var all = new EfRegistrationStore(db, parc.Clock);
        SipAor[] aors = [SipAor.Parse("rlu"), SipAor.Parse("amartin@autre.example.net"), SipAor.Parse("cseldon@15rp.sewan.eu"), SipAor.Parse("tiers@tiers.example.org")];

        Assert.Equal([anne, otherLu], (await only.FindByAorsAsync(aors)).Select(d => d.EquipmentId).Order());
        Assert.Equal([lu, seldon], (await allBut.FindByAorsAsync(aors)).Select(d => d.EquipmentId).Order());
        Assert.Equal([lu, seldon, anne, otherLu, tiers], (await all.FindByAorsAsync(aors)).Select(d => d.EquipmentId).Order());
        Assert.Equal([[anne], [otherLu]], await BatchesAsync(only, Guid.NewGuid()));
        Assert.Equal([[lu], [seldon]], await BatchesAsync(allBut, Guid.NewGuid()));
        Assert.Equal([[lu], [seldon], [anne], [otherLu], [tiers]], await BatchesAsync(all, Guid.NewGuid()));
        Assert.True(DeviceScope.All.IsAll);
        Assert.True(DeviceScope.AllBut([]).IsAll);
        Assert.False(DeviceScope.Only([]).IsAll);
        Assert.Equal((true, false, false, true), (DeviceScope.Only([autre]).Contains(autre), DeviceScope.Only([autre]).Contains(parc.ClientId),
            DeviceScope.AllBut([autre]).Contains(autre), DeviceScope.AllBut([autre]).Contains(parc.ClientId)));
    }

    private static async Task<List<int[]>> BatchesAsync(EfRegistrationStore store, Guid run)
    {
        var batches = new List<int[]>();
        await foreach (var batch in store.FindUntouchedAsync(run, batchSize: 1))
        {
            batches.Add([.. batch.Select(d => d.EquipmentId)]);
        }
        return batches;
    }
}
