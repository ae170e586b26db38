using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sophia.Registration.Jobs;

namespace Sophia.Registration.Tests.Jobs;

public sealed class RegistrationTrackingOptionsTests
{
    [Theory]
    [InlineData(30, "*/30 * * * * *")]
    [InlineData(60, "*/1 * * * *")]
    [InlineData(300, "*/5 * * * *")]
    [InlineData(7200, "0 */2 * * *")]
    [InlineData(0, null)]
    public void The_interval_becomes_a_hangfire_schedule(int seconds, string? cron) =>
        Assert.Equal(cron, new RegistrationTrackingOptions { ReconcileSeconds = seconds }.ReconcileCron);

    [Fact]
    public async Task An_interval_no_schedule_can_keep_and_bad_limits_are_refused_each_naming_its_setting()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddRegistrationTracking(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sophia:Registration:ReconcileSeconds"] = "90",
                ["Sophia:Registration:HistoryDays"] = "0",
                ["Sophia:Registration:Resync:PerSecond"] = "0",
            }).Build())
            .BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistrationTrackingOptions>>().Value);

        Assert.Equal(3, refused.Failures.Count());
        Assert.Contains(refused.Failures, f => f.StartsWith("Sophia:Registration:ReconcileSeconds 90", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Sophia:Registration:HistoryDays", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Sophia:Registration:Resync:PerSecond", StringComparison.Ordinal));
    }
}
