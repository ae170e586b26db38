using System.Net;
using System.Net.Sockets;

namespace Sophia.Provisioning.Tftp;

public sealed partial class TftpServer
{
    private async Task ServeAsync(Socket listener, TftpRequestPacket request, IPEndPoint remote, IPAddress local, long started)
    {
        try
        {
            var result = await OpenAsync(listener, request, remote, started);
            if (result is not null)
            {
                await TransferAsync(listener, request, remote, local, started, result.Content);
            }
        }
        finally
        {
            _sessions.Release(remote);
            LeaveFlight();
        }
    }

    private async Task<TftpFileResult?> OpenAsync(Socket listener, TftpRequestPacket request, IPEndPoint remote, long started)
    {
        TftpFileResult result;
        try
        {
            // A provider that hangs must not pin a session slot for longer than an idle session could hold it.
            using var deadline = new CancellationTokenSource(_options.IdleTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _stopping);
            result = await files.OpenAsync(new TftpReadRequest(request.FileName, remote, request.Mode), linked.Token);
        }
        catch (Exception e)
        {
            logger.ProviderFailed(e, request.FileName, remote);
            SendError(listener, remote, TftpErrorCode.NotDefined, "internal server error");
            Finish(request, remote, started, TftpTransferOutcome.Failed, 0, null, "file provider failed");
            return null;
        }

        if (result.Status == TftpFileStatus.Found)
        {
            return result;
        }

        logger.NotServed(request.FileName, remote, result.Status);
        var notFound = result.Status == TftpFileStatus.NotFound;
        var message = result.Message ?? (notFound ? "file not found" : "access denied");
        SendError(listener, remote, notFound ? TftpErrorCode.FileNotFound : TftpErrorCode.AccessViolation, message);
        Finish(request, remote, started, notFound ? TftpTransferOutcome.NotFound : TftpTransferOutcome.AccessDenied, 0, null, message);
        return null;
    }

    private async Task TransferAsync(Socket listener, TftpRequestPacket request, IPEndPoint remote, IPAddress local, long started, ReadOnlyMemory<byte> stored)
    {
        var content = request.Mode == TftpTransferMode.NetAscii ? NetAscii.Encode(stored.Span) : stored;
        var negotiated = TftpOptionNegotiation.Negotiate(request.Options, content.Length, _options.Timeout);
        Socket socket;
        try
        {
            socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(local, 0));
        }
        catch (SocketException e)
        {
            logger.TransferSocketFailed(e, local, remote);
            SendError(listener, remote, TftpErrorCode.NotDefined, "internal server error");
            Finish(request, remote, started, TftpTransferOutcome.Failed, 0, negotiated, "no transfer socket");
            return;
        }

        var transfer = new TftpReadTransfer(content, negotiated, _options.MaxRetries, time);
        using var channel = new TftpTransferChannel(socket, remote, transfer);
        _channels.TryAdd(channel, 0);
        try
        {
            await channel.RunAsync(_stopping);
        }
        finally
        {
            _channels.TryRemove(channel, out _);
        }

        var duration = time.GetElapsedTime(started);
        if (transfer.State == TftpTransferState.Completed)
        {
            logger.Completed(request.FileName, remote, transfer.BytesAcknowledged, (long)duration.TotalMilliseconds,
                negotiated.BlockSize, negotiated.WindowSize, transfer.Retransmissions);
            Finish(request, remote, started, TftpTransferOutcome.Completed, transfer.BytesAcknowledged, negotiated, null);
        }
        else
        {
            logger.TransferFailed(request.FileName, remote, transfer.BytesAcknowledged, transfer.FailureReason);
            Finish(request, remote, started, TftpTransferOutcome.Failed, transfer.BytesAcknowledged, negotiated, transfer.FailureReason);
        }
    }

    private void Finish(TftpRequestPacket request, IPEndPoint remote, long started, TftpTransferOutcome outcome, long bytes, TftpTransferOptions? negotiated, string? message) =>
        Record(new(remote, request.FileName, request.Mode, outcome, bytes, time.GetElapsedTime(started), negotiated, message));

    private async Task TickAsync(CancellationToken ct)
    {
        // Fine enough for the shortest timeout (RFC 2349 counts in whole seconds; the server default may be less).
        var period = TimeSpan.FromTicks(Math.Clamp(_options.Timeout.Ticks / 5, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerMillisecond * 200));
        var idleTicks = (long)(_options.IdleTimeout.TotalSeconds * time.TimestampFrequency);
        var reapTicks = (long)(_options.ReapInterval.TotalSeconds * time.TimestampFrequency);
        var lastReap = time.GetTimestamp();
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = time.GetTimestamp();
                var reap = now - lastReap >= reapTicks;
                if (reap)
                {
                    lastReap = now;
                }

                foreach (var channel in _channels.Keys)
                {
                    channel.Tick(reap ? idleTicks : 0, now);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            logger.TickerFailed(e);
            throw;
        }
    }
}
