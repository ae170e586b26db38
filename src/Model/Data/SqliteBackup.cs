using Microsoft.Data.Sqlite;
using Sophia.Model.Secrets;

namespace Sophia.Model.Data;

/// <summary>
/// Online backup and restore of the SQLite database, through SQLite's backup API: a consistent copy taken in one read
/// transaction, which phones' reads and the console's writes do not wait for (write-ahead log), never a file copy that
/// could catch a page half written or miss what is still in the -wal file.
/// </summary>
public static class SqliteBackup
{
    /// <summary>
    /// Copies the database at <paramref name="connectionString"/> to <paramref name="file"/>, a new file made 0600 before
    /// a byte is written; checked whole (<c>PRAGMA integrity_check</c>) before it is declared good. Secrets stay
    /// encrypted in the copy, which is useless without the master key.
    /// </summary>
    public static void Backup(string connectionString, string file)
    {
        var source = ExistingDatabase(connectionString);
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            throw new InvalidOperationException($"{target} already exists: a backup never overwrites a file.");
        }
        DataDirectory.WritePrivateFile(target, "");
        try
        {
            using (var from = Open(source, SqliteOpenMode.ReadWrite))
            using (var to = Open(target, SqliteOpenMode.ReadWrite))
            {
                from.BackupDatabase(to);
                // One self-contained file, openable read-only; the host puts it back in write-ahead-log mode at start.
                Execute(to, "PRAGMA journal_mode=DELETE;");
                CheckIntegrity(to, target);
            }
            DataDirectory.RestrictFiles(target, target + "-wal", target + "-shm");
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }

    /// <summary>
    /// Replaces the database at <paramref name="connectionString"/> with the backup <paramref name="file"/>, under an
    /// exclusive lock taken first: a database that a running host holds open (its pooled connections keep a lock in
    /// write-ahead-log mode) is refused rather than changed under it.
    /// </summary>
    public static void Restore(string file, string connectionString)
    {
        var backup = Path.GetFullPath(file);
        if (!File.Exists(backup))
        {
            throw new InvalidOperationException($"{backup} does not exist.");
        }
        var target = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (!File.Exists(target))
        {
            DataDirectory.WritePrivateFile(target, "");
        }
        using var from = Open(backup, SqliteOpenMode.ReadOnly);
        CheckIntegrity(from, backup);
        using (var command = from.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory';";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                throw new InvalidOperationException($"{backup} is not a Sophia database (no migration history).");
            }
        }
        // A running host holds this file open exclusively (HoldWhileRunning): refused at once, whether the host is
        // another process or this one, and whatever its pooled connections happen to hold at this instant.
        using var hostLock = TryHold(target) ?? throw new InvalidOperationException(
            $"{target} is in use (a Sophia host is running on it?): stop it before restoring.");
        using var to = Open(target, SqliteOpenMode.ReadWrite);
        try
        {
            // Kept until the connection closes: no host can open the database between the check and the copy. The
            // backup itself needs every lock of the file too: a host's connection in this process makes it fail busy.
            Execute(to, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
            from.BackupDatabase(to);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            throw new InvalidOperationException($"{target} is in use (a Sophia host is running on it?): stop it before restoring.", e);
        }
        to.Close();
        DataDirectory.RestrictFiles(target, target + "-wal", target + "-shm");
    }

    /// <summary>
    /// Held by a host for as long as it runs on <paramref name="databaseFile"/>: a restore cannot take it and is refused.
    /// Null when another holder has it.
    /// </summary>
    public static IDisposable? TryHold(string databaseFile)
    {
        try
        {
            return new FileStream(databaseFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string ExistingDatabase(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (file.Length == 0 || file == ":memory:" || !File.Exists(file))
        {
            throw new InvalidOperationException($"No SQLite database at '{file}' to back up.");
        }
        return Path.GetFullPath(file);
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        // Unpooled, and a short busy timeout: a lock held by a host is reported at once instead of waited for 30 s.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 2,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void CheckIntegrity(SqliteConnection connection, string file)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var result = command.ExecuteScalar() as string;
        if (result != "ok")
        {
            throw new InvalidOperationException($"{file} fails SQLite's integrity check: {result}");
        }
    }
}
