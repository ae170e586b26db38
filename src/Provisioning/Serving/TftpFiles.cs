using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sophia.DeviceModels.Catalog;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.FetchLog;
using Sophia.Provisioning.Rendering;
using Sophia.Provisioning.Tftp;
using Sophia.Provisioning.Uploads;

namespace Sophia.Provisioning.Serving;

/// <summary>
/// The same files as <c>/prov/</c>, over TFTP. TFTP has no authentication, so an assigned phone's own files
/// (SIP password, lock code, contacts) go only to the source networks its site allows; from elsewhere they are
/// "not found", exactly like a MAC that is not in stock. Shared files and staging configs carry no secret.
/// </summary>
public sealed class TftpFiles(IServiceScopeFactory scopes, ProvisioningFiles files, ProvisioningContextFactory contexts, IServer server, FetchLogWriter fetchLog, TimeProvider time)
    : ITftpFileProvider, ITftpTransferObserver
{
    private readonly ConcurrentDictionary<(IPEndPoint, string), (string? Version, string? Mac, bool Unknown)> served = new();

    public async ValueTask<TftpFileResult> OpenAsync(TftpReadRequest request, CancellationToken ct)
    {
        if (!FileRequest.TryParse(request.FileName, out var file))
        {
            return UploadRequest.TryParse(request.FileName, out var upload) && UploadRequest.IsServedBack(upload.Kind)
                ? await OpenUploadAsync(request, upload, ct)
                : TftpFileResult.NotFound();
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var device = file.Mac is { } mac ? await ProvisioningFiles.FindDeviceAsync(db, mac, ct) : null;
        var key = (request.RemoteEndPoint, request.FileName);
        if (file.Mac is not null && device is null)
        {
            served[key] = (null, file.Mac.ToString(), true);
            return TftpFileResult.NotFound();
        }
        // TFTP carries no certificate: a client that requires its phones' device certificates has nothing served over it.
        if (device is { CertificatePolicy: DeviceCertificatePolicy.Required }
            || (device is { Assigned: true } && !Allowed(device.TftpNetworks, request.RemoteEndPoint.Address)))
        {
            served[key] = (null, device.Mac.ToString(), false);
            return TftpFileResult.NotFound();
        }
        var rendered = await files.GetAsync(db, file, device?.Stamp ?? Guid.Empty, contexts.Create(BaseUrl()), ct);
        if (rendered is null)
        {
            return TftpFileResult.NotFound();
        }
        served[key] = (rendered.Version, device?.Mac.ToString(), false);
        return TftpFileResult.Found(rendered.Content);
    }

    /// <summary>
    /// What the phone uploaded (over HTTP), served back. It may hold anything the user typed on the phone, a password
    /// included, so it goes only to the networks the phone's site allows, assigned or not; from elsewhere, for the other
    /// vendor's name, or before any upload, it is "not found" like a MAC in no stock.
    /// </summary>
    private async ValueTask<TftpFileResult> OpenUploadAsync(TftpReadRequest request, UploadRequest upload, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var device = await ProvisioningFiles.FindDeviceAsync(db, upload.Mac, ct);
        var key = (request.RemoteEndPoint, request.FileName);
        served[key] = (null, upload.Mac.ToString(), device is null);
        if (device is null || device.CertificatePolicy == DeviceCertificatePolicy.Required
            || !Allowed(device.TftpNetworks, request.RemoteEndPoint.Address)
            || !upload.IsFor(DeviceCatalog.TryFind(device.ModelId, out var model) ? model.Vendor : null))
        {
            return TftpFileResult.NotFound();
        }
        var latest = await scope.ServiceProvider.GetRequiredService<PhoneUploadOperations>().LatestAsync(upload.Mac, upload.Kind, ct);
        if (latest is null)
        {
            return TftpFileResult.NotFound();
        }
        served[key] = ($"upload-{latest.Id}", upload.Mac.ToString(), false);
        return TftpFileResult.Found(latest.Content);
    }

    public void OnTransferFinished(TftpTransferRecord record)
    {
        served.TryRemove((record.RemoteEndPoint, record.FileName), out var info);
        fetchLog.Record(new FetchEvent
        {
            At = time.GetUtcNow() - record.Duration,
            Protocol = FetchProtocol.Tftp,
            SourceIp = record.RemoteEndPoint.Address.ToString(),
            Mac = info.Mac,
            File = record.FileName.Length <= 200 ? record.FileName : record.FileName[..200],
            Status = record.Outcome switch
            {
                TftpTransferOutcome.Completed => 200,
                TftpTransferOutcome.NotFound => 404,
                TftpTransferOutcome.AccessDenied => 403,
                TftpTransferOutcome.Rejected => 400,
                _ => 500,
            },
            Bytes = record.BytesSent,
            Version = info.Version,
            DurationMs = record.Duration.TotalMilliseconds,
            Note = record.Message,
        }, info.Unknown);
    }

    public static bool Allowed(IReadOnlyList<string> networks, IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var text in networks)
        {
            if (IPNetwork.TryParse(text, out var network) && network.Contains(plain))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The server's own HTTP address, for URLs inside configs when <c>Sophia:Provisioning:ServerUrl</c> is not set.</summary>
    private Uri? BaseUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return null;
        }
        return new Uri(uri, "/prov/");
    }
}
