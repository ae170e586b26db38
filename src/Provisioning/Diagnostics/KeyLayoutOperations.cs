using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Diagnostics;

/// <summary>Where one of the user's function keys is on one phone.</summary>
public enum KeyPlacement
{
    /// <summary>On the phone's own line keys.</summary>
    Phone,

    /// <summary>On an expansion module: the phone shows it only with the module attached.</summary>
    ExpansionModule,

    /// <summary>Beyond what the phone and every module it takes can hold.</summary>
    NotPlaced,

    /// <summary>Not sent at all: a supervision of a user without a line, or a speed dial without a number to dial.</summary>
    LeftOut,
}

/// <summary>One key slot as the phone shows it.</summary>
/// <param name="Position">1-based across the phone then its modules.</param>
/// <param name="Module">0 on the phone, else the expansion module (1-based).</param>
/// <param name="Number">1-based on the phone or on its module.</param>
/// <param name="Kind"><c>line</c>, <c>blf</c>, <c>speed_dial</c> or <c>unused</c>.</param>
/// <param name="FunctionKey">The index of the user's function key on this slot; null for a line key or an unused slot.</param>
public sealed record KeySlotDto(int Position, int Module, int Number, string Kind, string Label, int? FunctionKey);

/// <summary>Where function key <paramref name="FunctionKey"/> (its index) lands; position, module and number are 0 unless placed.</summary>
public sealed record FunctionKeyPlacementDto(int FunctionKey, KeyPlacement Placement, int Position, int Module, int Number);

/// <summary>One phone of the user with its keys as provisioning lays them out.</summary>
/// <param name="Phone">Every line-key slot of the phone, unused ones included.</param>
/// <param name="Expansion">Each module up to the last holding a key, every slot of each.</param>
/// <param name="FunctionKeys">Each of the user's function keys, in index order, with where it lands.</param>
/// <param name="Warnings">The renderer's own words (English) on what it could not do as asked.</param>
public sealed record PhoneKeyLayoutDto(
    string Mac,
    string ModelId,
    string ModelName,
    int LineKeyCount,
    string? ExpansionModuleName,
    int ExpansionKeysPerModule,
    int MaxExpansionModules,
    IReadOnlyList<KeySlotDto> Phone,
    IReadOnlyList<IReadOnlyList<KeySlotDto>> Expansion,
    IReadOnlyList<FunctionKeyPlacementDto> FunctionKeys,
    IReadOnlyList<string> Warnings);

/// <summary>
/// A user's function keys on each of their phones, laid out by the renderer itself (the same plan the config the phone
/// fetches is made from), so that self-care shows where each key is and flags the ones a phone cannot place, and why.
/// For the user (self-care), their client's admin and the helpdesk.
/// </summary>
public sealed class KeyLayoutOperations(SophiaDb db, ProvisioningContextFactory contexts)
{
    /// <param name="requestBaseUrl">The URL the server was reached at, for rendering when <c>Sophia:Provisioning:ServerUrl</c> is unset.</param>
    public async Task<IReadOnlyList<PhoneKeyLayoutDto>> ForUserAsync(Caller caller, int userId, Uri? requestBaseUrl, CancellationToken ct)
    {
        var user = await Visible.UserAsync(db, caller, userId, self: true, ct);
        var macs = await db.Equipment.AsNoTracking().Where(e => e.UserId == user.Id).OrderBy(e => e.Id).Select(e => e.Mac).ToListAsync(ct);
        var indexes = await db.FunctionKeys.AsNoTracking().Where(k => k.UserId == user.Id).OrderBy(k => k.Index).Select(k => k.Index).ToListAsync(ct);
        var context = contexts.Create(requestBaseUrl);
        var layouts = new List<PhoneKeyLayoutDto>(macs.Count);
        foreach (var mac in macs)
        {
            if (await DeviceConfigBuilder.BuildAsync(db, mac, context, includePhonebook: false, ct) is { } config)
            {
                layouts.Add(ToDto(config, indexes));
            }
        }
        return layouts;
    }

    private static PhoneKeyLayoutDto ToDto(DeviceConfig config, IReadOnlyList<int> functionKeys)
    {
        var device = config.Device;
        var keys = config.Keys;
        var placed = keys.All.Where(k => k.FunctionKey is not null).ToDictionary(k => k.FunctionKey!.Value);
        var notPlaced = keys.NotPlaced.Where(k => k.FunctionKey is not null).Select(k => k.FunctionKey!.Value).ToHashSet();
        var placements = functionKeys.Select(index => placed.TryGetValue(index, out var slot)
                ? new FunctionKeyPlacementDto(index, slot.Module == 0 ? KeyPlacement.Phone : KeyPlacement.ExpansionModule, slot.Position, slot.Module, slot.Number)
                : new FunctionKeyPlacementDto(index, notPlaced.Contains(index) ? KeyPlacement.NotPlaced : KeyPlacement.LeftOut, 0, 0, 0))
            .ToList();
        return new PhoneKeyLayoutDto(
            device.MacDisplay, device.ModelId, device.DisplayName, device.LineKeyCount, device.ExpansionModuleName,
            device.ExpansionKeysPerModule, device.MaxExpansionModules,
            [.. keys.Phone.Select(Slot)],
            [.. keys.Expansion.Select(m => (IReadOnlyList<KeySlotDto>)[.. m.Keys.Select(Slot)])],
            placements,
            keys.Warnings);
    }

    private static KeySlotDto Slot(PhoneKey key) => new(key.Position, key.Module, key.Number, key.Kind, key.Label, key.FunctionKey);
}
