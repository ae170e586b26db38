namespace Sophia.Model.Telephony;

/// <summary>A hunt group ("groupe d'appels"): one address ringing its members.</summary>
public sealed class HuntGroup
{
    public int Id { get; set; }
    public int ClientId { get; set; }
    public int SiteId { get; set; }
    public required string Name { get; set; }

    /// <summary>SIP address of the group, e.g. <c>grp_test@15rp.sewan.eu</c>.</summary>
    public required string Address { get; set; }

    public List<HuntGroupMember> Members { get; } = [];
}

public sealed class HuntGroupMember
{
    public int Id { get; set; }
    public int HuntGroupId { get; set; }
    public int UserId { get; set; }
    public int Priority { get; set; }
}
