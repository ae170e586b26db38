using System.Net;

namespace Sophia.Provisioning.Tftp;

/// <summary>
/// Gives the TFTP server the bytes of a requested file. TFTP carries no credentials, so the provider decides
/// from <see cref="TftpReadRequest.RemoteEndPoint"/> whether a file that holds secrets may be served at all.
/// </summary>
public interface ITftpFileProvider
{
    ValueTask<TftpFileResult> OpenAsync(TftpReadRequest request, CancellationToken ct);
}

/// <summary>
/// A read request as the provider sees it: the file name exactly as the client sent it and the client's address
/// (an IPv4 client reaching a dual-stack socket is given as plain IPv4, never as an IPv4-mapped IPv6 address).
/// </summary>
public sealed record TftpReadRequest(string FileName, IPEndPoint RemoteEndPoint, TftpTransferMode Mode);

public enum TftpFileStatus
{
    Found,
    NotFound,
    AccessDenied,
}

/// <summary>
/// The provider's answer. <see cref="Content"/> is the file in its stored form (the server does the netascii
/// conversion). <see cref="Message"/> goes to the client in the ERROR packet, so it must not reveal anything secret.
/// </summary>
public sealed record TftpFileResult(TftpFileStatus Status, ReadOnlyMemory<byte> Content, string? Message)
{
    public static TftpFileResult Found(ReadOnlyMemory<byte> content) => new(TftpFileStatus.Found, content, null);

    public static TftpFileResult NotFound(string message = "file not found") => new(TftpFileStatus.NotFound, default, message);

    public static TftpFileResult AccessDenied(string message = "access denied") => new(TftpFileStatus.AccessDenied, default, message);
}
