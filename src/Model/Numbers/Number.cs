using Sophia.Model.Parc;

namespace Sophia.Model.Numbers;

/// <summary>A public number (SDA) in a site's stock: free, or assigned to one user, IVR or hunt group.</summary>
public sealed class Number : IVersioned
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public int SiteId { get; set; }

    /// <summary>E.164, e.g. <c>+33185737636</c>; unique across the operator.</summary>
    public required string E164 { get; set; }

    public DateTimeOffset? OrderedAt { get; set; }

    public int? UserId { get; set; }
    public User? User { get; set; }
    public int? IvrId { get; set; }
    public int? HuntGroupId { get; set; }

    public long Version { get; set; }

    public NumberAssignee Assignee =>
        UserId is not null ? NumberAssignee.User
        : IvrId is not null ? NumberAssignee.Ivr
        : HuntGroupId is not null ? NumberAssignee.HuntGroup
        : NumberAssignee.None;
}

public enum NumberAssignee
{
    None,
    User,
    Ivr,
    HuntGroup,
}
