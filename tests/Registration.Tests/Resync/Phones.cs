using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Registration.Store;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Resync;

internal static class Phones
{
    /// <summary>Adds <paramref name="count"/> assigned phones to a site, tracked and registered at <c>sip:&lt;user&gt;@192.0.2.x</c>.</summary>
    public static async Task<List<int>> AddRegisteredAsync(TestParc parc, int siteId, int count, string prefix)
    {
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await parc.AddPhoneAsync($"00:15:65:{siteId:X2}:{prefix.Length:X2}:{i:X2}", $"{prefix}{i}", siteId));
        }
        await using var db = parc.NewDb();
        await new EfRegistrationStore(db, parc.Clock).SyncAsync(100);
        var now = parc.Clock.GetUtcNow();
        foreach (var id in ids)
        {
            await SetStateAsync(db, id, "registered", $"sip:{prefix}@192.0.2.{id}:5060", now);
        }
        return ids;
    }

    public static Task SetStateAsync(SophiaDb db, int equipmentId, string state, string? contact, DateTimeOffset now) =>
        db.RegistrationStatuses.Where(s => s.EquipmentId == equipmentId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.State, state).SetProperty(s => s.Contact, contact).SetProperty(s => s.CheckedAt, now).SetProperty(s => s.Since, now));
}
