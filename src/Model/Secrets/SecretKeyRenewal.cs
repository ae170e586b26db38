using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sophia.Model.Secrets;

/// <summary>Renews the Data Protection key ahead of its expiry, outside any request: see <see cref="SecretStore.EnsureCurrentKey"/>.</summary>
public sealed class SecretKeyRenewal(IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<SecretStore>().EnsureCurrentKey();
        }
    }
}
