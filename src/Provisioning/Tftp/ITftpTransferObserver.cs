using System.Net;

namespace Sophia.Provisioning.Tftp;

/// <summary>
/// Told once about every read or write request that reached the server, with how it ended; the fetch log
/// records it as protocol "tftp". Called on the server's I/O path: it must be quick (queue, do not write a
/// database row inline) and should not throw (an exception is logged and swallowed).
/// </summary>
public interface ITftpTransferObserver
{
    void OnTransferFinished(TftpTransferRecord record);
}

public enum TftpTransferOutcome
{
    Completed,

    /// <summary>Started but did not finish: timeout, client error, idle reaping, shutdown, provider failure.</summary>
    Failed,
    NotFound,
    AccessDenied,

    /// <summary>Refused before any file lookup: a write request or too many sessions.</summary>
    Rejected,
}

/// <param name="Options">What the transfer ran with; null when no transfer started.</param>
/// <param name="BytesSent">File bytes the client acknowledged (in netascii form for a netascii transfer).</param>
/// <param name="Message">Why it failed or was refused; null when completed.</param>
public sealed record TftpTransferRecord(
    IPEndPoint RemoteEndPoint,
    string FileName,
    TftpTransferMode Mode,
    TftpTransferOutcome Outcome,
    long BytesSent,
    TimeSpan Duration,
    TftpTransferOptions? Options,
    string? Message);

/// <summary>The default observer: records nothing.</summary>
public sealed class NullTftpTransferObserver : ITftpTransferObserver
{
    public static NullTftpTransferObserver Instance { get; } = new();

    public void OnTransferFinished(TftpTransferRecord record)
    {
    }
}
