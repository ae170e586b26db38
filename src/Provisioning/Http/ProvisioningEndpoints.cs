using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.FetchLog;
using Sophia.Provisioning.Rendering;
using Sophia.Provisioning.Serving;
using Sophia.Provisioning.Uploads;

namespace Sophia.Provisioning.Http;

/// <summary>
/// <c>GET /prov/{file}</c>: what a phone fetches at boot. Every file needs HTTP digest with the client's (or the
/// device's) provisioning credentials. An unknown MAC and a known MAC asked without the right credentials get the
/// same 401 challenge, so MACs cannot be enumerated; only an authenticated request learns that a MAC is unknown, and
/// another client's credentials find a MAC in stock exactly as they find an unknown one. Over HTTPS, a device
/// certificate of the file's MAC (see <see cref="DeviceCertificateValidator"/>) stands in for digest when the client
/// accepts or requires it; a client that requires it has its phones' digest alone refused as for an unknown MAC.
/// <c>PUT /prov/{file}</c>: what a phone sends back (<see cref="UploadRequest"/>), on the same credentials and the same
/// answers, stored for its equipment; a file over <see cref="UploadOptions.MaxBytes"/> is refused with 413. A GET of an
/// uploaded settings or contacts file serves the latest version back, on the same credentials and answers again.
/// </summary>
public static partial class ProvisioningEndpoints
{
    public static IEndpointRouteBuilder MapProvisioning(this IEndpointRouteBuilder app)
    {
        app.MapGet("/prov/{**file}", Serve).AllowAnonymous().ExcludeFromDescription();
        app.MapPut("/prov/{**file}", Serve).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task Serve(HttpContext http, string? file, SophiaDb db, ProvisioningFiles files, ProvisioningContextFactory contexts,
        DigestAuthProvider digestProvider, DeviceCertificateValidator certificates, ProvisioningLimits limits, FetchLogWriter fetchLog, TimeProvider time, ILoggerFactory loggers,
        IOptions<UploadOptions> uploadOptions)
    {
        var started = Stopwatch.GetTimestamp();
        // Phones get bare status codes: no error page whose trace id would tell two refusals apart.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        var ct = http.RequestAborted;
        var client = http.Connection.RemoteIpAddress;
        var clientKey = client?.ToString() ?? "unknown";
        var userAgent = http.Request.Headers.UserAgent.ToString();
        var fetch = new FetchEvent { At = time.GetUtcNow(), Protocol = FetchProtocol.Http, SourceIp = clientKey, UserAgent = Clip(userAgent, 300), File = Clip(file ?? "", 200) };
        // Whether the MAC is in no stock: null when the request did not look (the fetch log's writer will).
        bool? unknownDevice = false;
        try
        {
            var put = HttpMethods.IsPut(http.Request.Method);
            // A GET is for a file Sophia renders, or for one the phone uploaded and fetches again at boot (its settings, its contacts).
            var request = put ? null : FileRequest.TryParse(file, out var rendered) ? rendered : null;
            var upload = request is null && UploadRequest.TryParse(file, out var uploaded) && (put || UploadRequest.IsServedBack(uploaded.Kind)) ? uploaded : null;
            if (request is null && upload is null)
            {
                // Not a failure: phones also ask for firmware, language and log files Sophia does not serve, and a
                // site's phones often share one address behind NAT. Such a name tells nothing about any MAC.
                await Finish(http, fetch, StatusCodes.Status404NotFound, put ? "not a file phones may upload" : "not a provisioning file");
                return;
            }
            var askedMac = upload?.Mac ?? request!.Mac;
            fetch.File = upload?.Name ?? request!.Name;
            fetch.Mac = askedMac?.ToString();
            var maxUpload = uploadOptions.Value.MaxBytes;
            if (put && http.Request.ContentLength > maxUpload)
            {
                // Said at once, before the body is read or anything looked up: the same for every MAC.
                await Finish(http, fetch, StatusCodes.Status413PayloadTooLarge, $"upload over {maxUpload} bytes");
                return;
            }
            if (limits.Blocked(clientKey, askedMac) is { } retry)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Finish(http, fetch, StatusCodes.Status429TooManyRequests, "rate limited after repeated failures");
                return;
            }
            var identity = UserAgentParser.TryParse(userAgent, out var parsed) ? parsed : null;
            if (askedMac is { } asked && identity?.Mac is { } sent && sent != asked)
            {
                limits.RecordFailure(clientKey, askedMac);
                await Finish(http, fetch, StatusCodes.Status403Forbidden, $"User-Agent MAC {sent} asks for the file of {asked}");
                return;
            }

            // A device certificate counts only when it chains to a trusted device CA and names the requested file's MAC;
            // one naming another MAC is refused outright (like a User-Agent naming another MAC): it never serves this MAC.
            var certificate = await DeviceCertificate(http, certificates, time, ct);
            if (certificate?.Mac is { } certified && askedMac is { } wanted && certified != wanted)
            {
                limits.RecordFailure(clientKey, askedMac);
                await Finish(http, fetch, StatusCodes.Status403Forbidden, $"device certificate of {certified} asks for the file of {wanted}");
                return;
            }
            var digest = await digestProvider.GetAsync(ct);
            var hasDigest = http.Request.Headers.Authorization.Count > 0;
            if (!hasDigest && certificate?.Mac is null)
            {
                // A phone's first request. The challenge needs nothing from the database, so a known and an unknown
                // MAC cost exactly the same; the fetch log's writer tells them apart later, off the request.
                http.Response.Headers.WWWAuthenticate = digest.Challenge(client, stale: false);
                await Finish(http, fetch, StatusCodes.Status401Unauthorized, certificate?.Refusal);
                unknownDevice = null;
                return;
            }
            var device = askedMac is { } mac ? await ProvisioningFiles.FindDeviceAsync(db, mac, ct) : null;
            unknownDevice = askedMac is not null && device is null;
            // The phone whose certificate it is, when its client lets certificates in: for a MAC file the file's own
            // phone; for a shared file (no MAC, no client data) any phone of such a client.
            var certifiedDevice = certificate?.Mac is not { } certifiedMac ? null
                : askedMac is null ? await ProvisioningFiles.FindDeviceAsync(db, certifiedMac, ct)
                : device;
            var byCertificate = certifiedDevice is { CertificatePolicy: not DeviceCertificatePolicy.Ignored };
            var (outcome, foreign, sharedPolicy) = hasDigest
                ? await Authenticate(http, db, digest, request?.Kind == ProvisioningFileKind.YealinkPhonebook, device, client, ct)
                : (DigestResult.Failed, false, (DeviceCertificatePolicy?)null);
            if (byCertificate)
            {
                fetch.Authentication = outcome is DigestResult.Ok && !foreign ? "certificate+digest" : "certificate";
            }
            else if (outcome is not DigestResult.Ok)
            {
                if (outcome is not DigestResult.Stale && hasDigest)
                {
                    limits.RecordFailure(clientKey, askedMac);
                }
                http.Response.Headers.WWWAuthenticate = digest.Challenge(client, stale: outcome == DigestResult.Stale);
                await Finish(http, fetch, StatusCodes.Status401Unauthorized, hasDigest ? $"digest {outcome.ToString().ToLowerInvariant()}" : certificate?.Refusal ?? "device certificate not accepted by the client");
                return;
            }
            else if (unknownDevice is true || foreign || device is { CertificatePolicy: DeviceCertificatePolicy.Required })
            {
                // The note is for the fetch log the MAC's owner reads; the answer is the unknown MAC's, to the byte: a
                // client that requires device certificates has its phones refused on digest alone exactly so.
                limits.RecordFailure(clientKey, askedMac);
                await Finish(http, fetch, StatusCodes.Status404NotFound,
                    foreign ? "asked with another client's credentials" : device is null ? null : "device certificate required, digest alone refused");
                return;
            }
            else if (askedMac is null && sharedPolicy is DeviceCertificatePolicy.Required)
            {
                // A shared file holds nothing of any client, but a client that requires certificates opens nothing on
                // its digest credentials alone.
                await Finish(http, fetch, StatusCodes.Status403Forbidden, "device certificate required, digest alone refused");
                return;
            }
            else
            {
                fetch.Authentication = "digest";
            }
            if (upload is not null && !upload.IsFor(DeviceCatalog.TryFind(device!.ModelId, out var deviceModel) ? deviceModel.Vendor : null))
            {
                // The other vendor's name, answered as a name that is no upload at all. Decided only now that the
                // credentials are the MAC's own: before, a MAC's vendor must tell nothing, and every MAC was challenged alike.
                await Finish(http, fetch, StatusCodes.Status404NotFound, "a file name of another vendor's phones");
                return;
            }
            if (put)
            {
                await ReceiveAsync(http, fetch, upload!, maxUpload, clientKey, ct);
                return;
            }
            if (upload is not null)
            {
                await ServeBackAsync(http, fetch, upload, ct);
                return;
            }
            if (device is not null && identity?.Model is { } uaModel && uaModel.Id != device.ModelId)
            {
                fetch.Note = $"model mismatch: User-Agent says {uaModel.DisplayName}, stock says {ModelName(device.ModelId)}";
            }

            var renderedFile = await files.GetAsync(db, request!, device?.Stamp ?? Guid.Empty, contexts.Create(BaseUrl(http)), ct);
            if (renderedFile is null)
            {
                await Finish(http, fetch, StatusCodes.Status404NotFound, "no such file for this device");
                return;
            }
            await WriteAsync(http, fetch, renderedFile.Content, renderedFile.ContentType, renderedFile.Version, ct);
        }
        catch (TemplateRenderException e)
        {
            LogRenderFailed(loggers.CreateLogger(typeof(ProvisioningEndpoints)), e, fetch.File);
            await Finish(http, fetch, StatusCodes.Status500InternalServerError, "template failed on this device's data");
        }
        finally
        {
            fetch.DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            fetchLog.Record(fetch, unknownDevice);
        }
    }

    /// <summary>
    /// The digest outcome, and whether the MAC is in the stock of a client other than the credentials' (<c>Foreign</c>):
    /// such a MAC goes the unknown MAC's way (same lookups, same checks, then 404), so another client's credentials cannot
    /// tell a MAC in stock from one in none.
    /// </summary>
    private static async Task<(DigestResult Result, bool Foreign, DeviceCertificatePolicy? SharedPolicy)> Authenticate(
        HttpContext http, SophiaDb db, DigestAuth digest, bool phonebookFile, DeviceEntry? device, IPAddress? client, CancellationToken ct)
    {
        if (!DigestCredentials.TryParse(http.Request.Headers.Authorization.ToString(), out var credentials))
        {
            return (DigestResult.Failed, false, null);
        }
        var uri = http.Request.Path + http.Request.QueryString;
        // A Yealink's remote phonebook comes with the phonebook's own credentials, which open that file and no other.
        if (phonebookFile && device?.Phonebook is { } phonebook
            && string.Equals(credentials!.Username, phonebook.User, StringComparison.Ordinal))
        {
            var result = digest.Verify(credentials, http.Request.Method, uri, client, phonebook.User, phonebook.Password);
            if (result != DigestResult.Ok)
            {
                // The same lookup an unknown MAC costs.
                _ = await ProvisioningFiles.FindClientCredentialsAsync(db, credentials.Username, ct);
            }
            return (result, false, null);
        }
        if (device is not null && device.IsOfClient(credentials!.Username))
        {
            var result = digest.Verify(credentials!, http.Request.Method, uri, client, device.DigestUser, device.DigestPassword);
            if (result != DigestResult.Ok)
            {
                // The same lookup an unknown MAC costs, so that a failure takes as long whether the MAC is known or not.
                _ = await ProvisioningFiles.FindClientCredentialsAsync(db, credentials.Username, ct);
            }
            return (result, false, null);
        }
        // No device (a shared file, or an unknown MAC), or another client's device. Any client's own credentials
        // authenticate; an unknown user is checked against a throw-away password so that the work, and so the timing, is the same.
        var known = await ProvisioningFiles.FindClientCredentialsAsync(db, credentials!.Username, ct);
        var (user, password, policy) = known ?? (credentials.Username, "\u0000no-such-client\u0000", DeviceCertificatePolicy.Ignored);
        var shared = digest.Verify(credentials, http.Request.Method, uri, client, user, password);
        return (known is null && shared == DigestResult.Ok ? DigestResult.Failed : shared, device is not null, known is null ? null : policy);
    }

    /// <summary>The client certificate the phone presented over HTTPS, checked; null when it presented none.</summary>
    private static async Task<DeviceCertificateCheck?> DeviceCertificate(HttpContext http, DeviceCertificateValidator validator, TimeProvider time, CancellationToken ct)
    {
        if (!http.Request.IsHttps || !validator.Enabled)
        {
            return null;
        }
        var certificate = await http.Connection.GetClientCertificateAsync(ct);
        return certificate is null ? null : validator.Check(certificate, time.GetUtcNow());
    }

    /// <summary>Reads the body, at most <paramref name="max"/> bytes (a chunked body has no Content-Length to refuse first), and stores it.</summary>
    private static async Task ReceiveAsync(HttpContext http, FetchEvent fetch, UploadRequest upload, int max, string source, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                await Finish(http, fetch, StatusCodes.Status413PayloadTooLarge, $"upload over {max} bytes");
                return;
            }
            buffer.Write(chunk, 0, read);
        }
        var uploads = http.RequestServices.GetRequiredService<PhoneUploadOperations>();
        if (!await uploads.StoreAsync(upload, buffer.ToArray(), source, ct))
        {
            // Deleted between the lookup and now: as for any MAC in no stock.
            await Finish(http, fetch, StatusCodes.Status404NotFound, null);
            return;
        }
        fetch.Bytes = buffer.Length;
        await Finish(http, fetch, StatusCodes.Status204NoContent, null);
    }

    /// <summary>
    /// The latest version of the file the phone uploaded, as it sent it; 404 when it sent none yet, which a phone takes as
    /// "no such file" at boot (it keeps what it holds and goes on).
    /// </summary>
    private static async Task ServeBackAsync(HttpContext http, FetchEvent fetch, UploadRequest upload, CancellationToken ct)
    {
        var uploads = http.RequestServices.GetRequiredService<PhoneUploadOperations>();
        if (await uploads.LatestAsync(upload.Mac, upload.Kind, ct) is not { } latest)
        {
            await Finish(http, fetch, StatusCodes.Status404NotFound, "nothing uploaded yet");
            return;
        }
        await WriteAsync(http, fetch, latest.Content, upload.ContentType, $"upload-{latest.Id}", ct);
    }

    /// <summary>The file with its version as ETag, or 304 when the phone holds that version already.</summary>
    private static async Task WriteAsync(HttpContext http, FetchEvent fetch, byte[] content, string contentType, string version, CancellationToken ct)
    {
        var etag = $"\"{version}\"";
        fetch.Version = version;
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v == etag || v == "*"))
        {
            await Finish(http, fetch, StatusCodes.Status304NotModified, fetch.Note);
            return;
        }
        http.Response.ContentType = contentType;
        http.Response.ContentLength = content.Length;
        fetch.Bytes = content.Length;
        http.Response.StatusCode = StatusCodes.Status200OK;
        await http.Response.Body.WriteAsync(content, ct);
        fetch.Status = StatusCodes.Status200OK;
    }

    private static Task Finish(HttpContext http, FetchEvent fetch, int status, string? note)
    {
        fetch.Status = status;
        fetch.Note = note ?? fetch.Note;
        http.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The server's <c>/prov/</c> base as this request reached it: the URL written into configs when
    /// <c>Sophia:Provisioning:ServerUrl</c> is not set, for a phone's request and for the API's renders alike.
    /// </summary>
    public static Uri BaseUrl(HttpContext http) =>
        new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/prov/");

    private static string ModelName(string id) => DeviceCatalog.TryFind(id, out var model) ? model.DisplayName : id;

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(EventId = 3000, Level = LogLevel.Error, Message = "Rendering {File} failed")]
    private static partial void LogRenderFailed(ILogger logger, Exception exception, string file);
}

/// <summary>
/// The failure limits of <c>/prov/</c>: per source address across every MAC (what stops a brute force), and per MAC
/// from one source address. The MAC's budget is kept per source so that a stranger's failures, whoever they claim to
/// be, never spend the budget of the phone itself at its own address: MACs and client usernames are not secrets
/// (printed on the box, sent in clear in every request), so no failure proves it came from the phone or its owner.
/// </summary>
public sealed class ProvisioningLimits(TimeProvider time, IOptions<ProvisioningHttpOptions> options)
{
    public FailureLimiter ByAddress { get; } = new(time, options.Value.FailuresPerAddress, options.Value.FailureWindow);
    public FailureLimiter ByMac { get; } = new(time, options.Value.FailuresPerMac, options.Value.FailureWindow);

    public TimeSpan? Blocked(string address, MacAddress? mac) =>
        ByAddress.BlockedFor(address) ?? (mac is { } m ? ByMac.BlockedFor(MacKey(m, address)) : null);

    public void RecordFailure(string address, MacAddress? mac)
    {
        ByAddress.RecordFailure(address);
        if (mac is { } m)
        {
            ByMac.RecordFailure(MacKey(m, address));
        }
    }

    private static string MacKey(MacAddress mac, string address) => $"{mac}@{address}";
}
