using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;

namespace Sophia.Stock.History;

/// <summary>
/// A phone's history belongs to the client that holds it. Its registration states and transitions, and what it uploaded, hang on the
/// equipment row and go with it (the database's cascade); its fetch log is kept by MAC, because unknown phones have one too, so it is
/// forgotten here when the equipment is deleted, and again when a MAC in no stock is created or imported: what was logged
/// while it was in no stock may be its former owner's phone still asking, and a new owner must see none of it.
/// </summary>
/// <remarks>
/// Forgetting rather than hiding rows older than the equipment needs no column (the equipment has no creation time) and
/// leaves no row that a later query could forget to filter. An adopted device keeps its log: the helpdesk adopts the very
/// phone it saw asking, and the previous owner's rows went when that owner deleted it.
/// </remarks>
public static class EquipmentHistory
{
    /// <summary>Deletes at once the fetch log of <paramref name="macs"/>; run it in the transaction that saves the change.</summary>
    public static async Task ForgetAsync(SophiaDb db, IReadOnlyList<MacAddress> macs, CancellationToken ct)
    {
        foreach (var chunk in macs.Select(m => m.ToString()).Chunk(500))
        {
            await db.FetchEvents.Where(f => f.Mac != null && chunk.Contains(f.Mac)).ExecuteDeleteAsync(ct);
        }
    }
}
