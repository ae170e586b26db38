using Sophia.Registration.Jobs;
using Sophia.Registration.Resync;

namespace Sophia.Server.Registration;

/// <summary>Registration tracking in the host: the module's jobs and pieces, with the host's drift of phones' configs.</summary>
public static class RegistrationHosting
{
    public static IServiceCollection AddSophiaRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRegistrationTracking(configuration);
        services.AddSingleton<ProvisioningDrift>();
        services.AddSingleton<IProvisioningDrift>(sp => sp.GetRequiredService<ProvisioningDrift>());
        return services;
    }
}
