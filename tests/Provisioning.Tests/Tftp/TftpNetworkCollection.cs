namespace Sophia.Provisioning.Tests.Tftp;

/// <summary>
/// The tests that run real servers and clients on loopback share this collection, so they run one class at a time:
/// their timeouts are short on purpose, and a flood test next to a lossy-link test would only measure each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TftpNetworkCollection
{
    public const string Name = "TFTP over loopback";
}
