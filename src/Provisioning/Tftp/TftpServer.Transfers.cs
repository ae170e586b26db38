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
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            Finish(request, remote, started, TftpTransferOutcome.Failed, 0, null, "server stopping");
            return null;
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
        var socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            logger.TransferSocketFailed(e, local, remote);
            SendError(listener, remote, TftpErrorCode.NotDefined, "internal server error");
            Finish(request, remote, started, TftpTransferOutcome.Failed, 0, negotiated, "no transfer socket");
            return;
        }

        var transfer = new TftpReadTransfer(content, negotiated, _options.MaxRetries, time, _options.FirstAnswerRetries);
        using var channel = new TftpTransferChannel(socket, remote, transfer);
        channel.Start();
        _pumps.MinBy(pump => pump.Count)!.Add(channel);
        await channel.Completion;

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
}
