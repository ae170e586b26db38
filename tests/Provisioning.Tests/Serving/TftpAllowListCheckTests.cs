using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sophia.Provisioning.Serving;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Serving;

public sealed class TftpAllowListCheckTests
{
    [Fact]
    public async Task A_site_open_to_every_address_over_TFTP_is_warned_about_at_start()
    {
        await using var parc = await TestParc.CreateAsync();
        var mandar = await parc.Db.Sites.FindAsync(parc.Mandar);
        mandar!.TftpAllowedNetworks = ["192.0.2.0/24", "0.0.0.0/0"];
        var wagram = await parc.Db.Sites.FindAsync(parc.Wagram);
        wagram!.TftpAllowedNetworks = ["2001:db8::/32"];
        await parc.Db.SaveChangesAsync();
        var logger = new ListLogger();

        var open = await new TftpAllowListCheck(parc.Services.GetRequiredService<IServiceScopeFactory>(), logger).WarnAsync(parc.Db, default);

        Assert.Equal(1, open);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal((LogLevel.Warning, 4300), (warning.Level, warning.EventId));
        Assert.Contains("Mandar", warning.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0/0", warning.Message, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<TftpAllowListCheck>
    {
        public List<(LogLevel Level, int EventId, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
    }
}
