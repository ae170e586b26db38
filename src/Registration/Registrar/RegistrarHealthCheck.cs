using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sophia.Registration.Kamailio;

namespace Sophia.Registration.Registrar;

/// <summary>
/// Readiness of the configured registrars: each Kamailio is asked whether it answers, all at once. One that does not is
/// reported as degraded, never as down: phones still get their configs, only registration states go stale. The reason
/// counts registrars and never names their addresses, which the anonymous health endpoint must not give away.
/// </summary>
public sealed class RegistrarHealthCheck(RegistrarDirectory registrars) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var kamailios = registrars.Groups.Select(g => g.Source).OfType<KamailioRpcClient>().ToList();
        if (kamailios.Count == 0)
        {
            return HealthCheckResult.Healthy("no registrar configured: SIP OPTIONS only");
        }
        var answers = await Task.WhenAll(kamailios.Select(k => k.PingAsync(cancellationToken)));
        var silent = answers.Where(a => a is not null).ToList();
        return silent.Count == 0
            ? HealthCheckResult.Healthy($"{kamailios.Count} registrar(s) answer")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"{silent.Count} of {kamailios.Count} registrar(s) do not answer ({string.Join(", ", silent.Distinct())}): registration states go stale, provisioning goes on");
    }
}
