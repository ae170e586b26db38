namespace Sophia.EndToEnd.Fixtures;

/// <summary>The checkout these tests run from: the folder holding Sophia.sln, found by walking up from the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sophia.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Sophia.sln above {AppContext.BaseDirectory}; run the tests from a checkout.");
    }
}
