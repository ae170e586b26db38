namespace Sophia.Model;

/// <summary>An entity updated under optimistic concurrency: its version is the ETag; a stale update changes nothing.</summary>
public interface IVersioned
{
    long Version { get; set; }
}
