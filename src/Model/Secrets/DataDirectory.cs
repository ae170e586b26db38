namespace Sophia.Model.Secrets;

/// <summary>The data directory readable by the server's account only (0700), and its files too (0600), on Unix.</summary>
public static class DataDirectory
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the directory 0700 if missing (an existing one keeps the mode its owner gave it); returns its full path.</summary>
    public static string Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(full);
            }
            else
            {
                Directory.CreateDirectory(full, DirectoryMode);
            }
        }
        return full;
    }

    /// <summary>A new file, 0600 from its creation: never readable by others, not even for a moment.</summary>
    public static void WritePrivateFile(string path, string content)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }

    /// <summary>Sets 0600 on the files that exist among <paramref name="paths"/> (the database, its -wal and -shm).</summary>
    public static void RestrictFiles(params IEnumerable<string> paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (var path in paths.Where(File.Exists))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }
}
