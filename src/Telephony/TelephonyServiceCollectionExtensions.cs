using Microsoft.Extensions.DependencyInjection;

namespace Sophia.Telephony;

public static class TelephonyServiceCollectionExtensions
{
    /// <summary>What happens to a call: its operations, scoped like the <c>SophiaDb</c> they work on.</summary>
    public static IServiceCollection AddTelephony(this IServiceCollection services)
    {
        return services;
    }
}
