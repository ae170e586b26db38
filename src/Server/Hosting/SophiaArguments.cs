namespace Sophia.Server.Hosting;

/// <summary>Command-line switches that are not key=value settings.</summary>
public static class SophiaArguments
{
    /// <summary><c>--demo</c> loads the demo parc into an empty database; it becomes <c>Sophia:Demo=true</c>.</summary>
    public static string[] Normalize(string[] args) =>
        args.Select(a => a == "--demo" ? "--Sophia:Demo=true" : a).ToArray();
}
