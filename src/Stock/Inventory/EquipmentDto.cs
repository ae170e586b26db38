using Sophia.DeviceModels.Catalog;
using Sophia.Model.Stock;

namespace Sophia.Stock.Inventory;

/// <summary>A phone as the API and the console show it; <see cref="UserLogin"/> needs the equipment's user loaded.</summary>
public sealed record EquipmentDto(
    string Mac, string Model, string ModelName, string? SerialNumber, string? Label, int ClientId, int? SiteId,
    int? UserId, string? UserLogin, EquipmentLocation Location, long Version)
{
    /// <summary>A DECT base's handsets 1..N, free ones included (handset 1 is <see cref="UserId"/>); empty for a desk phone and in lists.</summary>
    public IReadOnlyList<HandsetDto> Handsets { get; init; } = [];

    public static EquipmentDto From(Equipment e) => new(
        e.Mac.ToDisplayString(), e.ModelId, DisplayNameOf(e.ModelId), e.SerialNumber, e.Label, e.ClientId, e.SiteId,
        e.UserId, e.User?.Login, e.Location, e.Version);

    /// <summary>The catalog's display name, or the stored id of a model the catalog no longer lists.</summary>
    public static string DisplayNameOf(string modelId) =>
        DeviceCatalog.TryFind(modelId, out var model) ? model.DisplayName : modelId;
}

/// <summary>Handset <paramref name="Number"/> of a DECT base and its user; a free handset has none.</summary>
public sealed record HandsetDto(int Number, int? UserId, string? UserLogin);

/// <summary>
/// One line of an equipment export. Its first four columns are the import's (<c>mac, model, serial, label</c>), so an
/// export re-imports as it is; the others say where each phone was.
/// </summary>
public sealed record EquipmentCsvRow(string Mac, string Model, string? Serial, string? Label, string Location, int? SiteId, string? User)
{
    public static EquipmentCsvRow From(Equipment e) => new(
        e.Mac.ToDisplayString(), EquipmentDto.DisplayNameOf(e.ModelId), e.SerialNumber, e.Label, e.Location.ToString(), e.SiteId, e.User?.Login);
}

/// <summary>Equipment to create, or the fields of one to change (a field left null keeps its value; the MAC never changes).</summary>
public sealed record EquipmentInput(string? Mac, string? Model, string? SerialNumber, string? Label);
