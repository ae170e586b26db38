namespace Sophia.Server.Hosting;

/// <summary>Command-line switches that are not key=value settings, and where the host reads its files from.</summary>
public static class SophiaArguments
{
    /// <summary><c>--demo</c> loads the demo parc into an empty database; it becomes <c>Sophia:Demo=true</c>.</summary>
    public static string[] Normalize(string[] args) =>
        args.Select(a => a == "--demo" ? "--Sophia:Demo=true" : a).ToArray();

    /// <summary>
    /// The host's options: the arguments normalized, and the application's own directory as the content root, so that
    /// the <c>appsettings.json</c> shipped beside the binaries (its log levels among others) is read whatever directory
    /// the host is started from; the default, the working directory, silently skipped it. <c>--contentRoot</c> still wins.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var normalized = Normalize(args);
        var given = new ConfigurationBuilder().AddCommandLine(normalized).Build()[WebHostDefaults.ContentRootKey];
        return new WebApplicationOptions { Args = normalized, ContentRootPath = given ?? AppContext.BaseDirectory };
    }
}
