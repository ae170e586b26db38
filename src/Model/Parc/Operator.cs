namespace Sophia.Model.Parc;

/// <summary>The hosted-telephony operator running this Sophia; its helpdesk sees every client.</summary>
public sealed class Operator
{
    public int Id { get; set; }
    public required string Name { get; set; }
}
