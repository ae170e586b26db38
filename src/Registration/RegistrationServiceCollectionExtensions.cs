using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sophia.Registration.Diagnostics;
using Sophia.Registration.Kamailio;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;

namespace Sophia.Registration;

public static class RegistrationServiceCollectionExtensions
{
    /// <summary>
    /// The registration module: SIP UDP client (<see cref="ISipProbe"/>), Kamailio registrars, reconciler and checker.
    /// <see cref="RegistrarDirectory"/> tells which registrar serves which client: the client's own entry under
    /// <c>Sophia:Registration:Clients</c>, else the global default (<c>Sophia:Registration:Kamailio:RpcUrl</c>, or OPTIONS only).
    /// </summary>
    public static IServiceCollection AddRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RegistrationMetrics>();

        services.AddOptions<SipOptions>()
            .Bind(configuration.GetSection(SipOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SipOptions>>(new RuleValidator<SipOptions>(o => o.Validate()));
        services.AddOptions<KamailioOptions>()
            .Bind(configuration.GetSection(KamailioOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KamailioOptions>>(new RuleValidator<KamailioOptions>(o => o.Validate()));

        services.AddSingleton<SipUdpClient>();
        services.AddSingleton<ISipProbe>(sp => sp.GetRequiredService<SipUdpClient>());

        // Timeouts are ours (per call, on the injected clock); the client's own would cut a long dump.
        services.AddHttpClient(KamailioRegistrars.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<KamailioRegistrars>();
        services.AddOptions<RegistrarSelectionOptions>()
            .Bind(configuration.GetSection(RegistrarSelectionOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegistrarSelectionOptions>>(new RuleValidator<RegistrarSelectionOptions>(o => o.Validate()));
        services.AddSingleton(sp => RegistrarDirectory.Create(
            sp.GetRequiredService<KamailioRegistrars>(),
            sp.GetRequiredService<IOptions<KamailioOptions>>().Value,
            sp.GetRequiredService<IOptions<RegistrarSelectionOptions>>().Value));

        services.AddSingleton<DumpReconciler>();
        services.AddSingleton<RegistrationChecker>();
        return services;
    }
}

/// <summary>Reports every broken rule of an options class at start, each with the setting it names.</summary>
internal sealed class RuleValidator<T>(Func<T, IEnumerable<string>> rules) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = rules(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
