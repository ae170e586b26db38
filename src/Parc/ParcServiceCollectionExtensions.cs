using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sophia.Parc.Accounts;
using Sophia.Parc.Audit;
using Sophia.Parc.CallRestrictions;
using Sophia.Parc.Clients;
using Sophia.Parc.Contacts;
using Sophia.Parc.Demo;
using Sophia.Parc.FunctionKeys;
using Sophia.Parc.Numbers;
using Sophia.Parc.PhoneSettings;
using Sophia.Parc.Search;
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
        services.AddScoped<ClientOperations>();
        services.AddScoped<NumberOperations>();
        services.AddScoped<CallRestrictionProfileOperations>();
        services.AddScoped<ParcSearch>();
        services.AddScoped<ExternalContactOperations>();
        services.AddScoped<PersonalContactOperations>();
        services.AddScoped<InternalContactOperations>();
        services.AddScoped<FunctionKeyOperations>();
        services.AddScoped<DeviceSettingsOperations>();
        services.AddScoped<UserOperations>();
        services.AddScoped<UserImport>();
        services.AddMetrics();
        services.AddSingleton<LoginMetrics>();
        services.AddScoped<AccountOperations>();
        services.AddScoped<StaffAccountOperations>();
        services.AddScoped<DemoParc>();
        services.AddScoped<AuditOperations>();
        return services;
    }
}
