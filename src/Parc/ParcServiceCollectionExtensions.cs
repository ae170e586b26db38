using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sophia.Parc.Accounts;
using Sophia.Parc.Demo;
using Sophia.Parc.Sites;
using Sophia.Parc.Users;

namespace Sophia.Parc;

public static class ParcServiceCollectionExtensions
{
    /// <summary>The parc's operations, one per feature, scoped like the <c>SophiaDb</c> they work on.</summary>
    public static IServiceCollection AddParc(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordHasher<object>, PasswordHasher<object>>();
        services.AddScoped<SiteOperations>();
        services.AddScoped<UserOperations>();
        services.AddScoped<UserImport>();
        services.AddScoped<AccountOperations>();
        services.AddScoped<DemoParc>();
        return services;
    }
}
