namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>Reads a Yealink <c>.cfg</c> as the phone does: <c>key = value</c> lines, comments skipped; a key set twice fails the test.</summary>
public static class YealinkCfg
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var lines = text.Split('\n');
        Assert.Equal("#!version:1.0.0.1", lines[0]);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var equals = line.IndexOf(" = ", StringComparison.Ordinal);
            Assert.True(equals > 0, $"not a key = value line: {line}");
            Assert.True(keys.TryAdd(line[..equals], line[(equals + 3)..]), $"{line[..equals]} is set twice");
        }
        return keys;
    }
}
