namespace Sophia.Stock.Inventory;

/// <summary>A client's phones counted where they are: waiting in its general stock, and per site in stock or assigned.</summary>
public sealed record StockCountsDto(int ClientId, int ClientStock, IReadOnlyList<SiteStockCountDto> Sites)
{
    public int Total => ClientStock + Sites.Sum(s => s.InStock + s.Assigned);
}

/// <summary>One site's phones: <see cref="InStock"/> in its stock, <see cref="Assigned"/> given to its users.</summary>
public sealed record SiteStockCountDto(int SiteId, string SiteName, int InStock, int Assigned);

/// <summary>A phone named by its MAC (any notation) with the version it was read at, for moves that check nobody moved it since.</summary>
public sealed record EquipmentVersion(string Mac, long? Version);
