namespace Sophia.Model.Provisioning;

/// <summary>One configuration request of a phone, over HTTP or TFTP, whatever its outcome.</summary>
public sealed class FetchEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public FetchProtocol Protocol { get; set; }
    public required string SourceIp { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>Canonical MAC (12 lower-case hex digits) the request was about, when one could be told.</summary>
    public string? Mac { get; set; }
    public required string File { get; set; }
    public int Status { get; set; }
    public long Bytes { get; set; }

    /// <summary>Content version (ETag) of what was served.</summary>
    public string? Version { get; set; }
    public double DurationMs { get; set; }

    /// <summary>How the request proved who it was, when it did: <c>digest</c>, <c>certificate</c> or <c>certificate+digest</c>.</summary>
    public string? Authentication { get; set; }

    /// <summary>Why a request was refused or what looked wrong (model mismatch, MAC mismatch); never a secret.</summary>
    public string? Note { get; set; }
}

public enum FetchProtocol
{
    Http,
    Tftp,
}
