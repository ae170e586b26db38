namespace Sophia.Model.Registration;

/// <summary>
/// A batch of check-sync NOTIFYs (a site, a client, or the phones a config change reached), sent a few at a time
/// by the resync pump so that no registrar, site link or provisioning server sees thousands of phones at once.
/// </summary>
public sealed class ResyncCampaign
{
    public int Id { get; set; }
    public int ClientId { get; set; }

    /// <summary>Null for a whole client.</summary>
    public int? SiteId { get; set; }
    public ResyncTrigger Trigger { get; set; }

    /// <summary>The login that asked, or <c>auto</c> for a config change.</summary>
    public required string RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public ResyncCampaignState State { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public List<ResyncTarget> Targets { get; } = [];
}

/// <summary>One phone of a campaign.</summary>
public sealed class ResyncTarget
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int EquipmentId { get; set; }

    /// <summary>For the per-site cap.</summary>
    public int? SiteId { get; set; }

    /// <summary>Where to send, taken when the campaign was made; null for a phone without a registered contact (skipped).</summary>
    public string? Contact { get; set; }
    public string? Received { get; set; }
    public string? Aor { get; set; }

    public ResyncTargetState State { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public int? StatusCode { get; set; }
    public string? Detail { get; set; }
}

public enum ResyncTrigger
{
    Site,
    Client,
    ConfigChange,
}

public enum ResyncCampaignState
{
    Running,
    Completed,
    Cancelled,
}

public enum ResyncTargetState
{
    Pending,
    Sending,
    Answered,
    Refused,
    NoAnswer,
    NotSent,
    Skipped,
    Cancelled,
}
