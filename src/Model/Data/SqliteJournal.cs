using Microsoft.EntityFrameworkCore;

namespace Sophia.Model.Data;

public static class SqliteJournal
{
    /// <summary>
    /// Puts a SQLite database in write-ahead-log mode (kept in the file, so once is enough): phones reading their
    /// configuration then never wait for the fetch log or an admin's change being written, nor block them.
    /// Does nothing on another provider.
    /// </summary>
    public static async Task UseWriteAheadLogAsync(this SophiaDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// Rewrites a SQLite database whole and empties its write-ahead log, after values were replaced that must not
    /// survive in the file (secrets stored in clear): SQLite leaves a replaced value in free space until the space is
    /// reused. Does nothing on another provider.
    /// </summary>
    public static async Task ScrubAsync(this SophiaDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
