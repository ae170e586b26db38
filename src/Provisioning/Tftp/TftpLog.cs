using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Sophia.Provisioning.Tftp;

/// <summary>TFTP log events, ids 4100-4199. File names are logged; file contents never are.</summary>
internal static partial class TftpLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "TFTP listening on {EndPoint}")]
    public static partial void Listening(this ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "TFTP server disabled by configuration")]
    public static partial void Disabled(this ILogger logger);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Dropped TFTP datagram from {Remote}: {Reason}")]
    public static partial void DatagramDropped(this ILogger logger, EndPoint remote, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "TFTP receive error on {EndPoint}: {Error}")]
    public static partial void ReceiveError(this ILogger logger, EndPoint? endPoint, SocketError error);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "TFTP write request for {FileName} from {Remote} refused")]
    public static partial void WriteRefused(this ILogger logger, string fileName, IPEndPoint remote);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "TFTP request for {FileName} from {Remote} refused: {Reason}")]
    public static partial void Busy(this ILogger logger, string fileName, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "TFTP sent {FileName} to {Remote}: {Bytes} bytes in {DurationMs} ms (blksize {BlockSize}, windowsize {WindowSize}, {Retransmissions} retransmissions)")]
    public static partial void Completed(this ILogger logger, string fileName, IPEndPoint remote, long bytes, long durationMs, int blockSize, int windowSize, int retransmissions);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "TFTP transfer of {FileName} to {Remote} failed after {Bytes} bytes: {Reason}")]
    public static partial void TransferFailed(this ILogger logger, string fileName, IPEndPoint remote, long bytes, string? reason);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information, Message = "TFTP request for {FileName} from {Remote}: {Status}")]
    public static partial void NotServed(this ILogger logger, string fileName, IPEndPoint remote, TftpFileStatus status);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Error, Message = "TFTP file provider failed for {FileName} from {Remote}")]
    public static partial void ProviderFailed(this ILogger logger, Exception exception, string fileName, IPEndPoint remote);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Error, Message = "TFTP transfer observer failed")]
    public static partial void ObserverFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Error, Message = "TFTP could not open a transfer socket on {Address} for {Remote}")]
    public static partial void TransferSocketFailed(this ILogger logger, Exception exception, IPAddress address, IPEndPoint remote);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error, Message = "TFTP transfer failed unexpectedly")]
    public static partial void TransferCrashed(this ILogger logger, Exception exception);
}
