namespace Sophia.Model.Provisioning;

/// <summary>
/// A random key shared by every node through the database (e.g. the key digest nonces are signed with),
/// so that a nonce issued by one node is checked by another.
/// </summary>
public sealed class ServerSecret
{
    public required string Name { get; set; }
    public required byte[] Value { get; set; }
}
