using System.Runtime.CompilerServices;
using System.Text;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>
/// Compares a rendered file with its reviewed copy under Rendering/Golden. On a difference the test fails with a
/// diff and the output is written next to the golden file as <c>*.actual</c> for a person to review; with
/// <c>SOPHIA_UPDATE_GOLDEN=1</c> the golden file is rewritten instead.
/// </summary>
public static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Golden", name);
        var actualPath = path + ".actual";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (Environment.GetEnvironmentVariable("SOPHIA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            File.Delete(actualPath);
            return;
        }
        if (!File.Exists(path))
        {
            File.WriteAllText(actualPath, actual, new UTF8Encoding(false));
            Assert.Fail($"No golden file {path}. The output is in {actualPath}: review it, then rename it or run with SOPHIA_UPDATE_GOLDEN=1.");
        }
        var expected = File.ReadAllText(path);
        if (expected == actual)
        {
            File.Delete(actualPath);
            return;
        }
        File.WriteAllText(actualPath, actual, new UTF8Encoding(false));
        Assert.Fail($"{name} differs from its golden file; the output is in {actualPath} (SOPHIA_UPDATE_GOLDEN=1 accepts it).\n{Diff(expected, actual)}");
    }

    // A line diff from the longest common subsequence; files are a few hundred lines.
    internal static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var diff = new StringBuilder();
        int x = 0, y = 0, shown = 0;
        while ((x < a.Length || y < b.Length) && shown < 60)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                diff.Append("+ ").Append(y + 1).Append(": ").AppendLine(b[y++]);
                shown++;
            }
            else
            {
                diff.Append("- ").Append(x + 1).Append(": ").AppendLine(a[x++]);
                shown++;
            }
        }
        return diff.ToString();
    }
}
