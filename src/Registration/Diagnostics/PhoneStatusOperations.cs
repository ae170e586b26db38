using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sophia.DeviceModels.Catalog;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Model.Rules;
using Sophia.Registration.Jobs;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.Store;

namespace Sophia.Registration.Diagnostics;

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

/// <summary>One phone as the helpdesk diagnoses it: its status with history, fetches and keys, and a check of it now.</summary>
public sealed class PhoneStatusOperations(
    SophiaDb db, IProvisioningDrift drift, RegistrationChecker checker, RegistrarDirectory registrars,
    IOptions<RegistrationTrackingOptions> options, TimeProvider time)
{
    private const int RecentTransitions = 20;
    private const int RecentFetchErrors = 10;
    private const string MismatchNote = "model mismatch";

    /// <summary>The registration state and since when, the last fetch, pending changes, recent transitions and fetch errors, BLF keys.</summary>
    /// <param name="requestBaseUrl">The URL the API was reached at, for rendering when <c>Sophia:Provisioning:ServerUrl</c> is unset.</param>
    public async Task<EquipmentStatusDto> StatusAsync(Caller caller, string mac, Uri? requestBaseUrl, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
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
        var files = (await drift.FilesAsync(db, [equipment.Mac], requestBaseUrl, ct)).GetValueOrDefault(equipment.Mac) ?? [];

        return new EquipmentStatusDto(
            equipment.Mac.ToDisplayString(),
            DeviceCatalog.TryFind(equipment.ModelId, out var model) ? model.DisplayName : equipment.ModelId,
            equipment.ClientId, equipment.SiteId, equipment.UserId, user?.Login, aor,
            RegistrationDto.From(status, user is not null, lastIdentified?.UserAgent, options.Value.StaleAfter, time.GetUtcNow()),
            lastFetch is null ? null : new LastFetchDto(lastFetch.At, lastFetch.SourceIp, lastFetch.File, lastFetch.Status, lastFetch.Protocol, lastFetch.UserAgent),
            files.Any(f => f.Pending), files,
            lastIdentified?.Note is { } note && note.Contains(MismatchNote, StringComparison.OrdinalIgnoreCase) ? new ModelMismatchDto(lastIdentified.At, note) : null,
            transitions, errors,
            user is null ? [] : await SupervisesAsync(user.Id, ct),
            user is null ? [] : await SupervisedByAsync(user.Id, ct));
    }

    /// <summary>Asks the registrar (and the phone, with OPTIONS) about this phone now, and records what they say.</summary>
    public async Task<RegistrationDto> CheckAsync(Caller caller, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        var registrar = await registrars.ForClientAsync(db, equipment.ClientId, ct);
        var store = new EfRegistrationStore(db, time, withFetchContacts: registrar is null);
        var device = await store.TrackOneAsync(equipment.Id, ct)
            ?? throw new RuleViolationException(FieldError.Create("mac", "equipment.notAssigned",
                "Equipment {mac} is not assigned to a user: it has no line to register.", ("mac", equipment.Mac.ToDisplayString())), RuleViolationKind.Conflict);
        // The helpdesk waits on this answer: a silent phone is unreachable after ProbeTimeout, as in the sweep.
        var step = await checker.CheckAsync(device, registrar, probeContact: true, options.Value.ProbeTimeout, ct);
        await store.SaveAsync(Guid.NewGuid(), [new RegistrationChange(device.EquipmentId, step.Record, step.Transition)], ct);
        var status = await db.RegistrationStatuses.AsNoTracking().FirstAsync(s => s.EquipmentId == equipment.Id, ct);
        return RegistrationDto.From(status, assigned: true, null, options.Value.StaleAfter, time.GetUtcNow());
    }

    private async Task<IReadOnlyList<SupervisionDto>> SupervisesAsync(int userId, CancellationToken ct) =>
        await (from k in db.FunctionKeys.AsNoTracking()
               where k.UserId == userId && k.Kind == FunctionKeyKind.Supervision && k.SupervisedUserId != null
               join u in db.Users on k.SupervisedUserId equals u.Id
               orderby k.Index
               select new SupervisionDto(k.Index, k.Label, u.Id, (u.FirstName == null ? "" : u.FirstName + " ") + u.LastName, u.Login))
            .ToListAsync(ct);

    private async Task<IReadOnlyList<SupervisionDto>> SupervisedByAsync(int userId, CancellationToken ct) =>
        await (from k in db.FunctionKeys.AsNoTracking()
               where k.SupervisedUserId == userId && k.Kind == FunctionKeyKind.Supervision
               join u in db.Users on k.UserId equals u.Id
               orderby u.LastName, k.Index
               select new SupervisionDto(k.Index, k.Label, u.Id, (u.FirstName == null ? "" : u.FirstName + " ") + u.LastName, u.Login))
            .ToListAsync(ct);
}
