using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Stock.Adoption;
using Sophia.Stock.History;
using Sophia.Stock.Import;
using Sophia.Stock.Moves;

namespace Sophia.Stock.Inventory;

/// <summary>
/// A client's phones through their life: created or imported (or adopted by the helpdesk) into the client's general stock,
/// brought down to a site, assigned to a user of that site, and back. For client admins and the helpdesk; where a phone
/// may go is <see cref="StockMoves"/>' to say.
/// </summary>
public sealed partial class EquipmentOperations(SophiaDb db, ILogger<EquipmentOperations> log)
{
    /// <summary>A site's stock and its assigned phones; <paramref name="assigned"/> keeps only the one or the other.</summary>
    public async Task<Paged<EquipmentDto>> ListSiteAsync(Caller caller, int siteId, bool? assigned, PageRequest page, CancellationToken ct)
    {
        await Visible.SiteAsync(db, caller, siteId, ct);
        var result = await OfSite(siteId, assigned).OrderBy(e => e.Mac).ToPageAsync(page, ct);
        return result.Select(EquipmentDto.From);
    }

    /// <summary>The client's general stock: its equipment in no site.</summary>
    public async Task<Paged<EquipmentDto>> ListClientStockAsync(Caller caller, int clientId, PageRequest page, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var result = await OfClientStock(clientId).OrderBy(e => e.Mac).ToPageAsync(page, ct);
        return result.Select(EquipmentDto.From);
    }

    /// <summary>The whole of <see cref="ListSiteAsync"/>, as CSV rows.</summary>
    public async Task<IReadOnlyList<EquipmentCsvRow>> ExportSiteAsync(Caller caller, int siteId, bool? assigned, CancellationToken ct)
    {
        await Visible.SiteAsync(db, caller, siteId, ct);
        return await ExportAsync(OfSite(siteId, assigned), ct);
    }

    /// <summary>The whole client stock as CSV rows, which <see cref="ImportAsync"/> takes back.</summary>
    public async Task<IReadOnlyList<EquipmentCsvRow>> ExportClientStockAsync(Caller caller, int clientId, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        return await ExportAsync(OfClientStock(clientId), ct);
    }

    /// <summary>How many phones the client has in its general stock and, per site (every site, even an empty one), in stock and assigned.</summary>
    public async Task<StockCountsDto> CountAsync(Caller caller, int clientId, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var counts = await db.Equipment.AsNoTracking().Where(e => e.ClientId == clientId)
            .GroupBy(e => new { e.SiteId, Assigned = e.UserId != null })
            .Select(g => new { g.Key.SiteId, g.Key.Assigned, Count = g.Count() })
            .ToListAsync(ct);
        var sites = await db.Sites.AsNoTracking().Where(s => s.ClientId == clientId).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        int Count(int? siteId, bool assigned) => counts.Where(c => c.SiteId == siteId && c.Assigned == assigned).Sum(c => c.Count);
        return new StockCountsDto(clientId, Count(null, false),
            sites.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
                .Select(s => new SiteStockCountDto(s.Id, s.Name, Count(s.Id, false), Count(s.Id, true))).ToList());
    }

    public async Task<EquipmentDto> GetAsync(Caller caller, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        return await DtoAsync(equipment, ct);
    }

    /// <summary>New equipment lands in the client's general stock.</summary>
    public async Task<EquipmentDto> CreateAsync(Caller caller, int clientId, EquipmentInput input, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var errors = new List<FieldError>();
        if (!MacAddress.TryParse(input.Mac, out var mac))
        {
            errors.Add(MacErrors.NotAMac("mac", input.Mac));
        }
        if (!DeviceCatalog.TryFind(input.Model, out var model))
        {
            errors.Add(EquipmentErrors.UnknownModel("model", input.Model));
        }
        CheckTexts(input.SerialNumber, input.Label, errors);
        RuleViolationException.ThrowIfAny(errors);
        if (await db.Equipment.AsNoTracking().Where(e => e.Mac == mac).Select(e => (int?)e.ClientId).FirstOrDefaultAsync(ct) is { } holder)
        {
            if (holder != clientId && !caller.IsHelpdesk)
            {
                LogForeignRefused(log, 1, caller.ClientId, caller.Login);
            }
            throw new RuleViolationException(EquipmentErrors.MacTaken("mac", mac), RuleViolationKind.Conflict);
        }
        var equipment = new Equipment { Mac = mac, ModelId = model!.Id, SerialNumber = input.SerialNumber, Label = input.Label, ClientId = clientId };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EquipmentHistory.ForgetAsync(db, [mac], ct);
        db.Equipment.Add(equipment);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return EquipmentDto.From(equipment);
    }

    /// <summary>Changes the model, serial or label; a MAC identifies the phone and never changes.</summary>
    public async Task<EquipmentDto> UpdateAsync(Caller caller, string mac, EquipmentInput input, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        db.Expect(equipment, expectedVersion);
        var errors = new List<FieldError>();
        if (input.Mac is not null && (!MacAddress.TryParse(input.Mac, out var newMac) || newMac != equipment.Mac))
        {
            errors.Add(FieldError.Create("mac", "mac.immutable",
                "The MAC address of {mac} cannot be changed; import the new equipment and delete this one.", ("mac", equipment.Mac.ToDisplayString())));
        }
        DeviceModel? model = null;
        if (input.Model is not null && !DeviceCatalog.TryFind(input.Model, out model))
        {
            errors.Add(EquipmentErrors.UnknownModel("model", input.Model));
        }
        CheckTexts(input.SerialNumber, input.Label, errors);
        RuleViolationException.ThrowIfAny(errors);
        equipment.ModelId = model?.Id ?? equipment.ModelId;
        equipment.SerialNumber = input.SerialNumber ?? equipment.SerialNumber;
        equipment.Label = input.Label ?? equipment.Label;
        await db.SaveChangesAsync(ct);
        return await DtoAsync(equipment, ct);
    }

    private static void CheckTexts(string? serial, string? label, List<FieldError> errors)
    {
        TextLimits.Check(serial, TextLimits.Serial, "serialNumber", errors);
        TextLimits.Check(label, TextLimits.Label, "label", errors);
    }

    /// <summary>Only a phone nobody uses goes: an assigned one is unassigned first.</summary>
    public async Task DeleteAsync(Caller caller, string mac, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        db.Expect(equipment, expectedVersion);
        if (equipment.UserId is not null || await db.DectHandsets.AnyAsync(h => h.EquipmentId == equipment.Id, ct))
        {
            throw new RuleViolationException(FieldError.Create("mac", "equipment.assigned",
                "Equipment {mac} is assigned to a user; unassign it first.", ("mac", equipment.Mac.ToDisplayString())), RuleViolationKind.Conflict);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EquipmentHistory.ForgetAsync(db, [equipment.Mac], ct);
        db.Equipment.Remove(equipment);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<EquipmentDto> MoveAsync(Caller caller, string mac, MoveRequest request, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        db.Expect(equipment, expectedVersion);
        await StockMoves.MoveAsync(db, equipment, request, ct);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(equipment, ct);
    }

    /// <summary>
    /// Moves several phones as <paramref name="request"/> says, all or none: one the caller may not see, one changed since
    /// it was read, or a destination that is not one, and nothing moves.
    /// </summary>
    public async Task<IReadOnlyList<EquipmentDto>> MoveAllAsync(Caller caller, IReadOnlyList<EquipmentVersion> items, MoveRequest request, CancellationToken ct)
    {
        var moved = new List<Equipment>();
        foreach (var item in items)
        {
            var equipment = await Visible.EquipmentAsync(db, caller, item.Mac, self: false, ct);
            db.Expect(equipment, item.Version);
            await StockMoves.MoveAsync(db, equipment, request, ct);
            moved.Add(equipment);
        }
        await db.SaveChangesAsync(ct);
        var result = new List<EquipmentDto>();
        foreach (var equipment in moved)
        {
            result.Add(await DtoAsync(equipment, ct));
        }
        return result;
    }

    /// <summary>Assigns to a user the caller manages, of the site whose stock holds the phone.</summary>
    public async Task<EquipmentDto> AssignAsync(Caller caller, string mac, AssignRequest request, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        db.Expect(equipment, expectedVersion);
        if (request.UserId is not { } userId)
        {
            throw new RuleViolationException(CommonErrors.Required("userId"));
        }
        var user = await Visible.UserAsync(db, caller, userId, self: false, ct);
        StockMoves.Assign(equipment, user);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(equipment, ct);
    }

    public async Task<EquipmentDto> UnassignAsync(Caller caller, string mac, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        db.Expect(equipment, expectedVersion);
        StockMoves.Unassign(equipment);
        await HandsetMoves.FreeAllAsync(db, equipment, ct);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(equipment, ct);
    }

    /// <summary>
    /// Gives handset <paramref name="number"/> of a DECT base to a user the caller manages, of the base's site
    /// (<see cref="HandsetMoves"/>); handset 1 is the base's own user, as <see cref="AssignAsync"/> sets it.
    /// </summary>
    public async Task<EquipmentDto> AssignHandsetAsync(Caller caller, string mac, int number, AssignRequest request, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        db.Expect(equipment, expectedVersion);
        if (request.UserId is not { } userId)
        {
            throw new RuleViolationException(CommonErrors.Required("userId"));
        }
        var user = await Visible.UserAsync(db, caller, userId, self: false, ct);
        await HandsetMoves.AssignAsync(db, equipment, number, user, ct);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(equipment, ct);
    }

    /// <summary>Frees handset <paramref name="number"/> of a DECT base; the other handsets keep their users.</summary>
    public async Task<EquipmentDto> FreeHandsetAsync(Caller caller, string mac, int number, long? expectedVersion, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        db.Expect(equipment, expectedVersion);
        await HandsetMoves.FreeAsync(db, equipment, number, ct);
        await db.SaveChangesAsync(ct);
        return await DtoAsync(equipment, ct);
    }

    /// <summary>A CSV file into the client's general stock, all or nothing; <paramref name="dryRun"/> checks it and saves nothing.</summary>
    public async Task<ImportResult> ImportAsync(Caller caller, int clientId, TextReader csv, bool dryRun, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, ct);
        var result = await EquipmentCsvImport.ImportAsync(db, clientId, csv, dryRun,
            caller.IsHelpdesk ? null : count => LogForeignRefused(log, count, caller.ClientId, caller.Login), ct);
        if (!dryRun)
        {
            LogImported(log, result.Count, clientId, caller.Login);
        }
        return result;
    }

    /// <summary>Takes an unknown device seen by <c>/prov</c> into a client's general stock. Only the helpdesk sees every client's phones, so only it adopts.</summary>
    public async Task<EquipmentDto> AdoptAsync(Caller caller, string mac, AdoptRequest request, CancellationToken ct)
    {
        if (!caller.IsHelpdesk)
        {
            throw new RuleViolationException(FieldError.Create("mac", "adoption.helpdeskOnly", "Only the helpdesk adopts unknown devices."), RuleViolationKind.Forbidden);
        }
        var equipment = await UnknownDeviceAdoption.AdoptAsync(db, Visible.ParseMac(mac, "mac"), request, ct);
        LogAdopted(log, equipment.Mac, equipment.ModelId, equipment.ClientId, caller.Login);
        return EquipmentDto.From(equipment);
    }

    private IQueryable<Equipment> OfSite(int siteId, bool? assigned)
    {
        var query = db.Equipment.AsNoTracking().Include(e => e.User).Where(e => e.SiteId == siteId);
        return assigned switch
        {
            true => query.Where(e => e.UserId != null),
            false => query.Where(e => e.UserId == null),
            null => query,
        };
    }

    private IQueryable<Equipment> OfClientStock(int clientId) =>
        db.Equipment.AsNoTracking().Include(e => e.User).Where(e => e.ClientId == clientId && e.SiteId == null);

    // The MAC column holds canonical text (12 lower-case hex digits), so its order is the MACs' numeric order.
    private static async Task<IReadOnlyList<EquipmentCsvRow>> ExportAsync(IQueryable<Equipment> query, CancellationToken ct) =>
        (await query.OrderBy(e => e.Mac).ToListAsync(ct)).Select(EquipmentCsvRow.From).ToList();

    /// <summary>The DTO with the equipment's user and, for a DECT base, every handset and whose it is.</summary>
    private async Task<EquipmentDto> DtoAsync(Equipment equipment, CancellationToken ct)
    {
        await db.Entry(equipment).Reference(e => e.User).LoadAsync(ct);
        var dto = EquipmentDto.From(equipment);
        if (!DeviceCatalog.TryFind(equipment.ModelId, out var model) || !model.IsDectBase)
        {
            return dto;
        }
        var others = await db.DectHandsets.AsNoTracking().Where(h => h.EquipmentId == equipment.Id)
            .Select(h => new { h.Number, h.UserId, h.User!.Login })
            .ToDictionaryAsync(h => h.Number, ct);
        return dto with
        {
            Handsets = [.. Enumerable.Range(1, model.Handsets).Select(n => n == 1
                ? new HandsetDto(1, equipment.UserId, equipment.User?.Login)
                : others.TryGetValue(n, out var h) ? new HandsetDto(n, h.UserId, h.Login) : new HandsetDto(n, null, null))],
        };
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Imported {Count} equipment into the stock of client {ClientId} for {Caller}")]
    private static partial void LogImported(ILogger logger, int count, int clientId, string caller);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Adopted unknown device {Mac} ({Model}) into the stock of client {ClientId} for {Caller}")]
    private static partial void LogAdopted(ILogger logger, MacAddress mac, string model, int clientId, string caller);

    // Names the caller and counts; never the MACs nor the client that holds them.
    [LoggerMessage(EventId = 6190, Level = LogLevel.Warning,
        Message = "Refused {Count} MAC(s) held by another client as not available to {Caller} of client {ClientId}")]
    private static partial void LogForeignRefused(ILogger logger, int count, int? clientId, string caller);
}
