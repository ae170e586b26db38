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

    [Theory]
    [InlineData("00:00:00.1", null)]
    [InlineData("00:01:00", null)]
    [InlineData("00:00:04", "0")]
    [InlineData("00:00:04", "1001")]
    public async Task A_probe_timeout_beyond_timer_f_or_below_t1_and_a_concurrency_out_of_bounds_are_refused_by_name(string timeout, string? concurrency)
    {
        var settings = new Dictionary<string, string?> { ["Sophia:Registration:ProbeTimeout"] = timeout };
        if (concurrency is not null)
        {
            settings["Sophia:Registration:ProbeConcurrency"] = concurrency;
        }
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddRegistrationTracking(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistrationTrackingOptions>>().Value);

        var key = concurrency is null ? "Sophia:Registration:ProbeTimeout" : "Sophia:Registration:ProbeConcurrency";
        Assert.StartsWith(key, Assert.Single(refused.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sweep_defaults_bound_ten_thousand_silent_phones_to_under_two_minutes_and_bind_from_configuration()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddRegistrationTracking(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sophia:Registration:ProbeTimeout"] = "00:00:06",
            }).Build())
            .BuildServiceProvider();
        var defaults = new RegistrationTrackingOptions();

        Assert.Equal(TimeSpan.FromSeconds(6), services.GetRequiredService<IOptions<RegistrationTrackingOptions>>().Value.ProbeTimeout);
        Assert.True(Math.Ceiling(10_000.0 / defaults.ProbeConcurrency) * defaults.ProbeTimeout < TimeSpan.FromMinutes(2));
    }
}
