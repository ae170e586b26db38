using System.Text;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Provisioning;
using Sophia.Model.Rules;
using Sophia.Provisioning.Drift;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Diagnostics;

/// <param name="Authentication">How the phone proved who it was when it was served: <c>digest</c>, <c>certificate</c> or <c>certificate+digest</c>.</param>
public sealed record FetchDto(DateTimeOffset At, FetchProtocol Protocol, string SourceIp, string? UserAgent, string File, int Status, long Bytes, string? Version, double DurationMs, string? Note, string? Authentication);

/// <summary>A file of a phone: what it would get now, and what it last fetched.</summary>
public sealed record DeviceFileDto(string File, string? CurrentVersion, string? FetchedVersion, DateTimeOffset? FetchedAt, bool PendingChanges, IReadOnlyList<string> Warnings);

public sealed record PreviewDto(string File, string ContentType, string Version, bool SecretsMasked, string Template, IReadOnlyList<string> Warnings, string Content);

/// <summary>One phone's provisioning as its client admin or the helpdesk diagnoses it: its files, a file as it would get it, its fetch log.</summary>
public sealed class PhoneConfigOperations(SophiaDb db, ProvisioningDrift drift, IConfigRenderer renderer, ProvisioningContextFactory contexts)
{
    /// <summary>The files the phone fetches, in boot order, each with the version it would get now and the one it last fetched.</summary>
    /// <param name="requestBaseUrl">The URL the API was reached at, for rendering when <c>Sophia:Provisioning:ServerUrl</c> is unset.</param>
    public async Task<IReadOnlyList<DeviceFileDto>> FilesAsync(Caller caller, string mac, Uri? requestBaseUrl, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        var files = await drift.FilesAsync(db, equipment.Mac, requestBaseUrl, ct);
        return [.. files.Select(f => new DeviceFileDto(f.Drift.File, f.Drift.CurrentVersion, f.Drift.FetchedVersion, f.Drift.FetchedAt, f.Drift.Pending, f.Warnings))];
    }

    /// <summary>
    /// <paramref name="file"/> as the phone would get it now, its secrets masked unless a helpdesk account asks to
    /// <paramref name="reveal"/> them.
    /// </summary>
    /// <inheritdoc cref="FilesAsync" path="/param[@name='requestBaseUrl']"/>
    public async Task<PreviewDto> PreviewAsync(Caller caller, string mac, string file, bool reveal, Uri? requestBaseUrl, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        var phone = equipment.Mac.ToDisplayString();
        if (reveal && !caller.IsHelpdesk)
        {
            throw new RuleViolationException(FieldError.Create("reveal", "reveal.helpdeskOnly", "Only a helpdesk account may see a phone's secrets."));
        }
        if (!FileRequest.TryParse(file, out var request))
        {
            throw new RuleViolationException(FieldError.Create("file", "file.invalid", "'{file}' is not a file Sophia renders.", ("file", file)));
        }
        if (request.Mac is { } other && other != equipment.Mac)
        {
            throw new RuleViolationException(FieldError.Create("file", "file.otherPhone", "'{file}' is the file of {other}, not of {mac}.",
                ("file", file), ("other", other.ToDisplayString()), ("mac", phone)));
        }
        var preview = await renderer.RenderPreviewAsync(db, equipment.Mac, file, reveal, contexts.Create(requestBaseUrl), ct)
            ?? throw new RuleViolationException(FieldError.Create("file", "file.notServed", "Equipment {mac} does not fetch '{file}'.",
                ("mac", phone), ("file", file)), RuleViolationKind.NotFound);
        var f = preview.File;
        return new PreviewDto(f.Name, f.ContentType, f.Version, preview.SecretsMasked, preview.Template.ToString() ?? "", f.Warnings, Encoding.UTF8.GetString(f.Content));
    }

    /// <summary>Every request the phone made, over HTTP or TFTP and whatever its outcome, the most recent first.</summary>
    public async Task<Paged<FetchDto>> FetchesAsync(Caller caller, string mac, PageRequest page, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        var key = equipment.Mac.ToString();
        return await db.FetchEvents.AsNoTracking().Where(f => f.Mac == key).OrderByDescending(f => f.Id)
            .Select(f => new FetchDto(f.At, f.Protocol, f.SourceIp, f.UserAgent, f.File, f.Status, f.Bytes, f.Version, f.DurationMs, f.Note, f.Authentication))
            .ToPageAsync(page, ct);
    }
}
