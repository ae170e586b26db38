using System.ComponentModel;
using Hangfire;
using Sophia.Parc.Accounts;

namespace Sophia.Server.Accounts;

/// <summary>Forgets expired bearer tokens, console sessions and single-use codes, hourly.</summary>
public sealed partial class ExpiredTokensJob(AccountOperations accounts, TimeProvider time, ILogger<ExpiredTokensJob> logger)
{
    public const string RecurringId = "expired-tokens";

    [AutomaticRetry(Attempts = 1)]
    [DisplayName("Forget expired tokens")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await accounts.PurgeExpiredAsync(time.GetUtcNow(), cancellationToken);
        if (deleted > 0)
        {
            LogPurged(deleted);
        }
        return deleted;
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Forgot {Tokens} expired tokens and codes")]
    private partial void LogPurged(int tokens);
}

/// <summary>Puts the purge in Hangfire's schedule at start; every node registers the same id, one runs it.</summary>
internal sealed class ExpiredTokensSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ExpiredTokensJob>(ExpiredTokensJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly(23),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
