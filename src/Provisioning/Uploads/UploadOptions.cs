using System.ComponentModel.DataAnnotations;

namespace Sophia.Provisioning.Uploads;

/// <summary>What phones may send back on <c>/prov/</c> and how long it is kept: <c>Sophia:Provisioning:Uploads</c>.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Sophia:Provisioning:Uploads";

    /// <summary>Largest file accepted; a larger one is refused with 413 (from its Content-Length, before it is read).</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 1024 * 1024;

    /// <summary>Versions kept of each kind of file per phone: the latest, and a few before it to compare.</summary>
    [Range(1, 100)]
    public int VersionsKept { get; set; } = 5;

    /// <summary>Days an upload is kept at most, whatever the number of versions.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>How much of a log the helpdesk sees at once: its end, where the latest lines are.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int LogViewBytes { get; set; } = 64 * 1024;
}
