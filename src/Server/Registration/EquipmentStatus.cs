using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Model.Registration;
using Sophia.Model.Stock;
using Sophia.Registration.States;
using Sophia.Registration.Store;

namespace Sophia.Server.Registration;

/// <param name="State">The API word: <c>registered</c>, <c>not-registered</c>, <c>unreachable</c> or <c>unknown</c>.</param>
/// <param name="Firmware">Read from the User-Agent the phone registered with, else from its last provisioning fetch.</param>
public sealed record RegistrationDto(
    string State, DateTimeOffset? Since, DateTimeOffset? CheckedAt, string? Contact, DateTimeOffset? Expires, string? UserAgent,
    string? Firmware, string? Received, string? Source, string? Reason, DateTimeOffset? LastResyncAt, string? LastResyncOutcome);

public sealed record LastFetchDto(DateTimeOffset At, string Ip, string File, int Status, FetchProtocol Protocol, string? UserAgent);

public sealed record TransitionDto(string From, string To, DateTimeOffset At, string Reason);

public sealed record FetchErrorDto(DateTimeOffset At, string Ip, string File, int Status, string? Note);

public sealed record ModelMismatchDto(DateTimeOffset At, string Note);

/// <summary>A BLF key: who holds it (or whom it watches), at which index, with which label.</summary>
public sealed record SupervisionDto(int KeyIndex, string Label, int UserId, string Name, string Login);

/// <summary>The helpdesk's diagnosis of one phone (the guide's "Statut" tab).</summary>
public sealed record EquipmentStatusDto(
    string Mac, string Model, int ClientId, int? SiteId, int? UserId, string? UserLogin, string? Aor,
    RegistrationDto Registration, LastFetchDto? LastFetch, bool PendingChanges, IReadOnlyList<FileDrift> Files,
    ModelMismatchDto? ModelMismatch, IReadOnlyList<TransitionDto> Transitions, IReadOnlyList<FetchErrorDto> FetchErrors,
    IReadOnlyList<SupervisionDto> Supervises, IReadOnlyList<SupervisionDto> SupervisedBy);

/// <summary>Builds <see cref="EquipmentStatusDto"/> from the status, the history, the fetch log, the renderer and the keys.</summary>
public static class EquipmentStatus
{
    public const int RecentTransitions = 20;
    public const int RecentFetchErrors = 10;
    private const string MismatchNote = "model mismatch";

    public static async Task<EquipmentStatusDto> ReadAsync(
        SophiaDb db, Equipment equipment, ProvisioningDrift drift, Uri requestBaseUrl, TimeSpan staleAfter, DateTimeOffset now, CancellationToken ct)
    {
        var status = await db.RegistrationStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.EquipmentId == equipment.Id, ct);
        var user = equipment.UserId is { } userId ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) : null;
        var aor = status?.Aor;
        if (aor is null && user is not null)
        {
            var domain = await db.Clients.AsNoTracking().Where(c => c.Id == user.ClientId).Select(c => c.SipDomain).FirstAsync(ct);
            aor = $"{user.SipUsername}@{domain}".ToLowerInvariant();
        }

        var key = equipment.Mac.ToString();
        // A 401 without a note is the digest challenge every fetch starts with, not an error.
        var fetches = db.FetchEvents.AsNoTracking().Where(f => f.Mac == key && !(f.Status == 401 && f.Note == null));
        var lastFetch = await fetches.OrderByDescending(f => f.Id).FirstOrDefaultAsync(ct);
        var lastIdentified = await db.FetchEvents.AsNoTracking().Where(f => f.Mac == key && f.UserAgent != null)
            .OrderByDescending(f => f.Id).FirstOrDefaultAsync(ct);
        var errors = await fetches.Where(f => f.Status >= 400).OrderByDescending(f => f.Id)
            .Take(RecentFetchErrors).Select(f => new FetchErrorDto(f.At, f.SourceIp, f.File, f.Status, f.Note)).ToListAsync(ct);
        var transitions = await db.RegistrationHistory.AsNoTracking().Where(h => h.EquipmentId == equipment.Id).OrderByDescending(h => h.Id)
            .Take(RecentTransitions).Select(h => new TransitionDto(h.From, h.To, h.At, h.Reason)).ToListAsync(ct);
        var files = await drift.FilesAsync(db, equipment.Mac, requestBaseUrl, ct);

        return new EquipmentStatusDto(
            equipment.Mac.ToDisplayString(),
            DeviceCatalog.TryFind(equipment.ModelId, out var model) ? model.DisplayName : equipment.ModelId,
            equipment.ClientId, equipment.SiteId, equipment.UserId, user?.Login, aor,
            Registration(status, user is not null, lastIdentified?.UserAgent, staleAfter, now),
            lastFetch is null ? null : new LastFetchDto(lastFetch.At, lastFetch.SourceIp, lastFetch.File, lastFetch.Status, lastFetch.Protocol, lastFetch.UserAgent),
            files.Any(f => f.Pending), files,
            lastIdentified?.Note is { } note && note.Contains(MismatchNote, StringComparison.OrdinalIgnoreCase) ? new ModelMismatchDto(lastIdentified.At, note) : null,
            transitions, errors,
            user is null ? [] : await SupervisesAsync(db, user.Id, ct),
            user is null ? [] : await SupervisedByAsync(db, user.Id, ct));
    }

    /// <summary>The state as it may be shown now: a record no reconciliation refreshed for too long reads as unknown.</summary>
    public static RegistrationDto Registration(RegistrationStatus? status, bool assigned, string? fetchUserAgent, TimeSpan staleAfter, DateTimeOffset now)
    {
        var unknown = RegistrationState.Unknown.ToApiName();
        if (status is null)
        {
            var reason = assigned ? "not checked yet" : "not assigned to a user: not tracked";
            return new RegistrationDto(unknown, null, null, null, null, null, Firmware(null, fetchUserAgent), null, null, reason, null, null);
        }
        var record = EfRegistrationStore.ToRecord(status);
        var stale = record is not null && record.StateAt(now, staleAfter) != record.State;
        return new RegistrationDto(
            stale ? unknown : status.State,
            stale ? status.CheckedAt : status.Since,
            status.CheckedAt, status.Contact, status.Expires, status.UserAgent, Firmware(status.UserAgent, fetchUserAgent),
            status.Received, status.Source,
            stale ? $"not checked since {status.CheckedAt:u}; last known: {status.State} ({status.Reason})" : status.Reason ?? "not checked yet",
            status.LastResyncAt, status.LastResyncOutcome);
    }

    public static string? Firmware(string? registerUserAgent, string? fetchUserAgent) =>
        UserAgentParser.TryParse(registerUserAgent, out var registered) && registered.Firmware is { } firmware ? firmware
        : UserAgentParser.TryParse(fetchUserAgent, out var fetched) ? fetched.Firmware
        : null;

    private static async Task<IReadOnlyList<SupervisionDto>> SupervisesAsync(SophiaDb db, int userId, CancellationToken ct) =>
        await (from k in db.FunctionKeys.AsNoTracking()
               where k.UserId == userId && k.Kind == FunctionKeyKind.Supervision && k.SupervisedUserId != null
               join u in db.Users on k.SupervisedUserId equals u.Id
               orderby k.Index
               select new SupervisionDto(k.Index, k.Label, u.Id, (u.FirstName == null ? "" : u.FirstName + " ") + u.LastName, u.Login))
            .ToListAsync(ct);

    private static async Task<IReadOnlyList<SupervisionDto>> SupervisedByAsync(SophiaDb db, int userId, CancellationToken ct) =>
        await (from k in db.FunctionKeys.AsNoTracking()
               where k.SupervisedUserId == userId && k.Kind == FunctionKeyKind.Supervision
               join u in db.Users on k.UserId equals u.Id
               orderby u.LastName, k.Index
               select new SupervisionDto(k.Index, k.Label, u.Id, (u.FirstName == null ? "" : u.FirstName + " ") + u.LastName, u.Login))
            .ToListAsync(ct);
}
