using Microsoft.Extensions.DependencyInjection;
using Sophia.Stock.Inventory;

namespace Sophia.Stock;

public static class StockServiceCollectionExtensions
{
    /// <summary>The equipment's operations, scoped like the <c>SophiaDb</c> they work on.</summary>
    public static IServiceCollection AddStock(this IServiceCollection services)
    {
        services.AddScoped<EquipmentOperations>();
        return services;
    }
}
