using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Model.Registration;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Registration.Jobs;
using Sophia.Registration.States;

namespace Sophia.Registration.Diagnostics;

/// <summary>A phone in the helpdesk's lists.</summary>
public sealed record PhoneDto(
    string Mac, string Model, int? SiteId, int? UserId, string? UserLogin, string? UserName, string State, DateTimeOffset? Since,
    DateTimeOffset? CheckedAt, string? Contact, DateTimeOffset? LastFetchAt, bool PendingChanges);

/// <summary>The helpdesk's lists of a client's assigned phones: all of them, those not registered, those with pending changes.</summary>
public sealed class PhoneListOperations(SophiaDb db, IProvisioningDrift drift, IOptions<RegistrationTrackingOptions> options, TimeProvider time)
{
    public const string NotRegisteredFilter = "not-registered";
    public const string PendingChangesFilter = "pending-changes";

    /// <summary>How many phones' drift is read at once when the filter needs every phone of the scope.</summary>
    private const int DriftBatch = 500;

    /// <param name="filter"><see cref="NotRegisteredFilter"/>, <see cref="PendingChangesFilter"/> or null for every phone.</param>
    /// <param name="siteId">Only the phones of this site of the client.</param>
    /// <param name="requestBaseUrl">The URL the API was reached at, for rendering when <c>Sophia:Provisioning:ServerUrl</c> is unset.</param>
    public async Task<Paged<PhoneDto>> ListAsync(
        Caller caller, int clientId, string? filter, int? siteId, PageRequest page, Uri? requestBaseUrl, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        if (filter is not (null or NotRegisteredFilter or PendingChangesFilter))
        {
            throw new RuleViolationException(FieldError.Create("filter", "filter.unknown", "'{value}' is not a filter of phones; use {filters}.",
                ("value", filter), ("filters", new[] { NotRegisteredFilter, PendingChangesFilter })));
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

        Paged<PhoneRow> rows;
        if (filter == PendingChangesFilter)
        {
            // Pending changes are a render away, not a column: every phone of the scope is compared (renders cached by config stamp).
            var scope = await phones.Select(p => new { p.Equipment.Id, p.Equipment.Mac }).ToListAsync(ct);
            var pending = new List<int>();
            foreach (var chunk in scope.Chunk(DriftBatch))
            {
                var drifts = await drift.FilesAsync(db, [.. chunk.Select(p => p.Mac)], requestBaseUrl, ct);
                pending.AddRange(chunk.Where(p => Pending(drifts, p.Mac)).Select(p => p.Id));
            }
            var ids = pending.ToPage(page);
            var items = await phones.Where(p => ids.Items.Contains(p.Equipment.Id)).ToListAsync(ct);
            rows = new Paged<PhoneRow>([.. items.Select(p => new PhoneRow(p.Equipment, p.User, p.Status, true))], ids.Page, ids.PageSize, ids.Total);
        }
        else
        {
            var paged = await phones.ToPageAsync(page, ct);
            var drifts = await drift.FilesAsync(db, [.. paged.Items.Select(p => p.Equipment.Mac)], requestBaseUrl, ct);
            rows = paged.Select(p => new PhoneRow(p.Equipment, p.User, p.Status, Pending(drifts, p.Equipment.Mac)));
        }

        var macs = rows.Items.Select(r => r.Equipment.Mac.ToString()).ToList();
        var lastFetches = await db.FetchEvents.AsNoTracking().Where(f => f.Mac != null && macs.Contains(f.Mac))
            .GroupBy(f => f.Mac!).Select(g => new { Mac = g.Key, At = g.Max(f => f.At) }).ToDictionaryAsync(g => g.Mac, g => g.At, ct);
        return rows.Select(r =>
        {
            var state = RegistrationDto.From(r.Status, assigned: true, null, options.Value.StaleAfter, now);
            return new PhoneDto(r.Equipment.Mac.ToDisplayString(),
                DeviceCatalog.TryFind(r.Equipment.ModelId, out var model) ? model.DisplayName : r.Equipment.ModelId,
                r.Equipment.SiteId, r.User.Id, r.User.Login, r.User.DisplayName, state.State, state.Since, state.CheckedAt, state.Contact,
                lastFetches.TryGetValue(r.Equipment.Mac.ToString(), out var at) ? at : null, r.PendingChanges);
        });
    }

    private static bool Pending(IReadOnlyDictionary<MacAddress, IReadOnlyList<FileDrift>> drifts, MacAddress mac) =>
        drifts.TryGetValue(mac, out var files) && files.Any(f => f.Pending);

    private sealed record PhoneRow(Equipment Equipment, User User, RegistrationStatus? Status, bool PendingChanges);
}
