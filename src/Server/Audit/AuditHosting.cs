using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.Extensions.Options;
using Sophia.Model.Accounts;
using Sophia.Model.Audit;
using Sophia.Parc.Audit;

namespace Sophia.Server.Audit;

/// <summary>
/// The host's side of the audit trail: who a change is recorded for (the request's authenticated caller and remote
/// address), and the retention job (section <c>Sophia:Audit</c>).
/// </summary>
public static class AuditHosting
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditActors, RequestAuditActors>();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AuditRetentionJob>();
        services.AddHostedService<AuditSchedule>();
        return services;
    }
}

public sealed class AuditOptions
{
    public const string SectionName = "Sophia:Audit";

    /// <summary>Days an entry of the change log is kept.</summary>
    [Range(1, 36500)]
    public int RetentionDays { get; set; } = 365;
}

/// <summary>
/// The actor of the current request; outside one (jobs, start-up, the demo's load) the system. Read by the save
/// interceptor at each save, so a change is recorded for the request it is made in.
/// </summary>
internal sealed class RequestAuditActors(IHttpContextAccessor accessor) : IAuditActors
{
    public AuditActor Current => accessor.HttpContext is { } http
        ? http.User.Identity?.IsAuthenticated == true
            ? AuditActor.Of(Caller.From(http.User), http.Connection.RemoteIpAddress?.ToString())
            : new AuditActor("anonymous", null, null, http.Connection.RemoteIpAddress?.ToString())
        : AuditActor.System;
}

/// <summary>Forgets the change log's entries older than <see cref="AuditOptions.RetentionDays"/>.</summary>
public sealed partial class AuditRetentionJob(AuditOperations audit, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetentionJob> logger)
{
    public const string RecurringId = "audit-retention";

    /// <summary>Idempotent: a second run on another node finds nothing older than the cut-off.</summary>
    [AutomaticRetry(Attempts = 1)]
    [DisplayName("Prune the change log")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var deleted = await audit.PurgeAsync(cutoff, cancellationToken);
        if (deleted > 0)
        {
            LogPruned(deleted, cutoff);
        }
        return deleted;
    }

    [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "Pruned {Entries} change log entries older than {Cutoff:u}")]
    private partial void LogPruned(int entries, DateTimeOffset cutoff);
}

/// <summary>Puts the retention in Hangfire's schedule at start; every node registers the same id, one runs it.</summary>
internal sealed class AuditSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<AuditRetentionJob>(AuditRetentionJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Daily(3, 17),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
