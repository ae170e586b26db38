namespace Sophia.Registration.Tests.RealPeers;

/// <summary>Finds the real programs the end-to-end tests need, and fails loudly (never skips) when one is missing.</summary>
internal static class PeerBinaries
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["kamailio"] = "kamailio",
        ["baresip"] = "baresip-core",
        ["sipp"] = "sip-tester",
        ["kill"] = "procps",
    };

    private static readonly string[] SearchPath = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

    public static string Require(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : throw Missing(name);
        }
        foreach (var directory in SearchPath)
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw Missing(name);
    }

    private static InvalidOperationException Missing(string name) =>
        new($"'{name}' is not installed; this end-to-end test needs the real program " +
            $"(Debian: apt-get install {Packages.GetValueOrDefault(Path.GetFileName(name), Path.GetFileName(name))}).");
}
