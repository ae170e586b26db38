namespace Sophia.Model.Jobs;

/// <summary>
/// A named lease on a job, shared by every node through the database: only its holder runs the job until it
/// expires, so jobs are safe when Hangfire (or a person) starts them on several nodes at once.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public string? Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastCompletedAt { get; set; }
}
