using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sophia.DeviceModels.Catalog;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Registration;
using Sophia.Model.Rules;
using Sophia.Registration.Jobs;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.States;
using Sophia.Registration.Store;
using Sophia.Server.Accounts;

namespace Sophia.Server.Registration;

/// <summary>
/// What a reconciliation did, in all and per source (<see cref="Registrars"/>); <c>unreachable</c> is only counted by the
/// OPTIONS sweep (clients served by no registrar).
/// </summary>
public sealed record ReconcileDto(
    Guid RunId, string Source, string? Failure, int Bindings, int Devices, int Registered, int NotRegistered, int Unreachable, int Unknown,
    int Transitions, double ElapsedMs, int Added, int Removed, int Renamed, IReadOnlyList<RegistrarRunDto> Registrars);

/// <summary>One source's part of a reconciliation.</summary>
/// <param name="Registrar"><c>kamailio http://host:port/RPC</c> or <c>options</c>.</param>
/// <param name="Domains">The configured SIP domains it served.</param>
/// <param name="Default">Whether it also served every client without an entry of its own.</param>
public sealed record RegistrarRunDto(
    string Registrar, IReadOnlyList<string> Domains, bool Default, string? Failure, int Bindings, int Devices, int Registered, int NotRegistered,
    int Unreachable, int Unknown, int Transitions, double ElapsedMs);

/// <summary>A phone in the helpdesk's lists.</summary>
public sealed record PhoneDto(
    string Mac, string Model, int? SiteId, int? UserId, string? UserLogin, string? UserName, string State, DateTimeOffset? Since,
    DateTimeOffset? CheckedAt, string? Contact, DateTimeOffset? LastFetchAt, bool PendingChanges);

/// <summary>Registration state, diagnosis and the helpdesk's phone lists.</summary>
public static class RegistrationEndpoints
{
    public const string NotRegisteredFilter = "not-registered";
    public const string PendingChangesFilter = "pending-changes";
    private static readonly TimeSpan WaitForRunning = TimeSpan.FromSeconds(30);

    public static void MapRegistrationApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Registration").RequireAuthorization(Roles.ClientAdmin);
        admin.MapGet("/equipment/{mac}/status", Status)
            .WithSummary("Registration state and since when, last fetch, pending changes, recent transitions and fetch errors, BLF keys.");
        admin.MapPost("/equipment/{mac}/check", Check)
            .WithSummary("Asks the registrar (and the phone, with OPTIONS) about this phone now, and records what they say.");
        admin.MapGet("/clients/{clientId:int}/phones", Phones)
            .WithSummary("The client's assigned phones with their state; filter=not-registered or pending-changes, siteId to narrow.");

        var helpdesk = api.MapGroup("").WithTags("Registration").RequireAuthorization(Roles.Helpdesk);
        helpdesk.MapPost("/registration/reconcile", Reconcile)
            .WithSummary("Runs a reconciliation now (unless one is running) and returns what it did.");
    }

    private static async Task<Ok<EquipmentStatusDto>> Status(
        HttpContext http, SophiaDb db, ProvisioningDrift drift, IOptions<RegistrationTrackingOptions> options, TimeProvider time, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        return TypedResults.Ok(await EquipmentStatus.ReadAsync(db, equipment, drift, BaseUrl(http), options.Value.StaleAfter, time.GetUtcNow(), ct));
    }

    private static async Task<Ok<RegistrationDto>> Check(
        HttpContext http, SophiaDb db, RegistrationChecker checker, RegistrarDirectory registrars, IOptions<RegistrationTrackingOptions> options,
        TimeProvider time, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        var registrar = await registrars.ForClientAsync(db, equipment.ClientId, ct);
        var store = new EfRegistrationStore(db, time, withFetchContacts: registrar is null);
        var device = await store.TrackOneAsync(equipment.Id, ct)
            ?? throw new RuleViolationException("mac", $"Equipment {equipment.Mac.ToDisplayString()} is not assigned to a user: it has no line to register.", RuleViolationKind.Conflict);
        // The helpdesk waits on this answer: a silent phone is unreachable after ProbeTimeout, as in the sweep.
        var step = await checker.CheckAsync(device, registrar, probeContact: true, options.Value.ProbeTimeout, ct);
        await store.SaveAsync(Guid.NewGuid(), [new RegistrationChange(device.EquipmentId, step.Record, step.Transition)], ct);
        var status = await db.RegistrationStatuses.AsNoTracking().FirstAsync(s => s.EquipmentId == equipment.Id, ct);
        return TypedResults.Ok(EquipmentStatus.Registration(status, assigned: true, null, options.Value.StaleAfter, time.GetUtcNow()));
    }

    private static async Task<Ok<Paged<PhoneDto>>> Phones(
        HttpContext http, SophiaDb db, ProvisioningDrift drift, IOptions<RegistrationTrackingOptions> options, TimeProvider time,
        int clientId, string? filter, int? siteId, int? page, int? pageSize, CancellationToken ct)
    {
        await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        if (filter is not (null or NotRegisteredFilter or PendingChangesFilter))
        {
            throw new RuleViolationException("filter", $"filter must be {NotRegisteredFilter} or {PendingChangesFilter}.");
        }
        var now = time.GetUtcNow();
        var staleBefore = now - options.Value.StaleAfter;
        var registered = RegistrationState.Registered.ToApiName();
        var phones =
            from e in db.Equipment.AsNoTracking()
            where e.ClientId == clientId && e.UserId != null && (siteId == null || e.SiteId == siteId)
            join u in db.Users on e.UserId equals u.Id
            join s in db.RegistrationStatuses on e.Id equals s.EquipmentId into statuses
            from s in statuses.DefaultIfEmpty()
            select new { Equipment = e, User = u, Status = s };
        if (filter == NotRegisteredFilter)
        {
            phones = phones.Where(p => p.Status == null || p.Status.State != registered || p.Status.CheckedAt == null || p.Status.CheckedAt < staleBefore);
        }
        phones = phones.OrderBy(p => p.Equipment.Id);
        var uri = BaseUrl(http);

        Paged<PhoneRow> rows;
        if (filter == PendingChangesFilter)
        {
            // Pending changes are a render away, not a column: every phone of the scope is rendered (cached by config stamp).
            var all = new List<PhoneRow>();
            foreach (var p in await phones.ToListAsync(ct))
            {
                if ((await drift.FilesAsync(db, p.Equipment.Mac, uri, ct)).Any(f => f.Pending))
                {
                    all.Add(new PhoneRow(p.Equipment, p.User, p.Status, true));
                }
            }
            rows = all.ToPage(new PageRequest(page, pageSize));
        }
        else
        {
            var paged = await phones.ToPageAsync(new PageRequest(page, pageSize), ct);
            var items = new List<PhoneRow>(paged.Items.Count);
            foreach (var p in paged.Items)
            {
                items.Add(new PhoneRow(p.Equipment, p.User, p.Status, (await drift.FilesAsync(db, p.Equipment.Mac, uri, ct)).Any(f => f.Pending)));
            }
            rows = new Paged<PhoneRow>(items, paged.Page, paged.PageSize, paged.Total);
        }

        var macs = rows.Items.Select(r => r.Equipment.Mac.ToString()).ToList();
        var lastFetches = await db.FetchEvents.AsNoTracking().Where(f => f.Mac != null && macs.Contains(f.Mac))
            .GroupBy(f => f.Mac!).Select(g => new { Mac = g.Key, At = g.Max(f => f.At) }).ToDictionaryAsync(g => g.Mac, g => g.At, ct);
        var dtos = rows.Items.Select(r =>
        {
            var state = EquipmentStatus.Registration(r.Status, assigned: true, null, options.Value.StaleAfter, now);
            return new PhoneDto(r.Equipment.Mac.ToDisplayString(),
                DeviceCatalog.TryFind(r.Equipment.ModelId, out var model) ? model.DisplayName : r.Equipment.ModelId,
                r.Equipment.SiteId, r.User.Id, r.User.Login, r.User.DisplayName, state.State, state.Since, state.CheckedAt, state.Contact,
                lastFetches.TryGetValue(r.Equipment.Mac.ToString(), out var at) ? at : null, r.PendingChanges);
        }).ToList();
        return TypedResults.Ok(new Paged<PhoneDto>(dtos, rows.Page, rows.PageSize, rows.Total));
    }

    private static async Task<Ok<ReconcileDto>> Reconcile(ReconcileJob job, TimeProvider time, CancellationToken ct)
    {
        // A scheduled run (here or on another node) may hold the lease: wait for it rather than refuse, then run a fresh one.
        var deadline = time.GetUtcNow() + WaitForRunning;
        var outcome = await job.RunAsync(ct);
        while (!outcome.Ran && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
            outcome = await job.RunAsync(ct);
        }
        if (outcome.Summary is not { } s)
        {
            throw new RuleViolationException("registration", $"A reconciliation is running ({outcome.BusyHolder}); try again when it ends.", RuleViolationKind.Conflict);
        }
        var t = outcome.Tracking!;
        var parts = outcome.Registrars.Select(p => new RegistrarRunDto(p.Registrar, p.Domains, p.ServesUnlisted, p.Summary.Failure, p.Summary.Bindings,
            p.Summary.Devices, p.Summary.Registered, p.Summary.NotRegistered, p.Unreachable, p.Summary.Unknown, p.Summary.Transitions,
            p.Summary.Elapsed.TotalMilliseconds)).ToList();
        return TypedResults.Ok(new ReconcileDto(s.RunId, s.Source, s.Failure, s.Bindings, s.Devices, s.Registered, s.NotRegistered, outcome.Unreachable,
            s.Unknown, s.Transitions, s.Elapsed.TotalMilliseconds, t.Added, t.Removed, t.Renamed, parts));
    }

    public static Uri BaseUrl(HttpContext http) => new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/prov/");

    private sealed record PhoneRow(Sophia.Model.Stock.Equipment Equipment, Sophia.Model.Parc.User User, RegistrationStatus? Status, bool PendingChanges);
}
