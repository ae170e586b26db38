using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Sophia.Model.Data;
using Sophia.Model.Secrets;

namespace Sophia.Server.Jobs;

/// <summary>Where Hangfire keeps its jobs, section <c>Sophia:Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Sophia:Jobs";

    /// <summary>
    /// Unset: the database's own kind (<c>hangfire.db</c> in the data directory for SQLite, the same PostgreSQL
    /// database for Postgres). Tests that want jobs to die with the process replace the <see cref="JobStorage"/> service.
    /// </summary>
    public JobStorageKind? Storage { get; set; }

    /// <summary>Jobs this node runs at once.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How often this node looks for queued and scheduled jobs.</summary>
    public int PollSeconds { get; set; } = 5;
}

public enum JobStorageKind
{
    Sqlite,
    Postgres,
}

public static class JobsHosting
{
    /// <summary>
    /// Hangfire with the configured storage and a server on this node, for every module's jobs (their recurring
    /// schedules are the modules' own; leases that keep a job to one node at a time are <c>Sophia.Model.Jobs.JobLeases</c>). The storage is a service of this host, not
    /// Hangfire's process-wide default, so that two hosts in one process (tests) never share a job store.
    /// </summary>
    public static IServiceCollection AddSophiaJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var jobs = new JobsOptions();
        configuration.GetSection(JobsOptions.Section).Bind(jobs);
        if (jobs.Workers < 1 || jobs.PollSeconds < 1)
        {
            throw new InvalidOperationException($"{JobsOptions.Section}:Workers and PollSeconds must be at least 1.");
        }
        var poll = TimeSpan.FromSeconds(jobs.PollSeconds);
        // Hangfire would otherwise take both from its process-wide defaults, which the last host started overwrites.
        services.AddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return CreateStorage(jobs.Storage, sp.GetRequiredService<DatabaseOptions>(), poll);
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((_, server) =>
        {
            server.WorkerCount = jobs.Workers;
            server.SchedulePollingInterval = poll;
            server.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });
        return services;
    }

    public static JobStorage CreateStorage(JobStorageKind? kind, DatabaseOptions database, TimeSpan poll)
    {
        switch (kind ?? (database.Provider == DatabaseProvider.Postgres ? JobStorageKind.Postgres : JobStorageKind.Sqlite))
        {
            case JobStorageKind.Postgres:
                if (string.IsNullOrWhiteSpace(database.ConnectionString))
                {
                    throw new InvalidOperationException($"{JobsOptions.Section}:Storage Postgres needs Sophia:Database:ConnectionString.");
                }
                var postgres = new PostgreSqlStorageOptions { QueuePollInterval = poll, PrepareSchemaIfNecessary = true, SchemaName = "hangfire" };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, postgres), postgres);
            default:
                var file = Path.Combine(DataDirectory.Create(database.DataDirectory), "hangfire.db");
                // Private like the parc's database (job arguments name users and phones); SQLite keeps an existing file's mode.
                if (!File.Exists(file))
                {
                    DataDirectory.WritePrivateFile(file, "");
                }
                DataDirectory.RestrictFiles(file, file + "-wal", file + "-shm");
                return new SQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = poll });
        }
    }
}
