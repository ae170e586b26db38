using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Server.Accounts;
using Sophia.Server.Api;
using Sophia.Stock.Import;
using Sophia.Stock.Moves;

namespace Sophia.Server.Stock;

public sealed record EquipmentDto(
    string Mac, string Model, string ModelName, string? SerialNumber, string? Label, int ClientId, int? SiteId,
    int? UserId, string? UserLogin, EquipmentLocation Location, long Version);

public sealed record EquipmentCsvRow(string Mac, string Model, string? Serial, string? Label, string Location, int? SiteId, string? User);

public sealed record EquipmentInput(string? Mac, string? Model, string? SerialNumber, string? Label);

public sealed record MoveRequest(string? To, int? SiteId);

public sealed record AssignRequest(int? UserId);

public static class EquipmentEndpoints
{
    /// <summary>Enough for <see cref="EquipmentCsvImport.MaxRows"/> rows of MAC, model, serial and a long label.</summary>
    public const int MaxImportBytes = 16 * 1024 * 1024;

    public static void MapEquipment(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Equipment").RequireAuthorization(Roles.ClientAdmin);
        admin.MapGet("/sites/{siteId:int}/equipment", ListSite);
        admin.MapGet("/clients/{clientId:int}/equipment", ListClientStock);
        admin.MapPost("/clients/{clientId:int}/equipment", Create);
        admin.MapPost("/clients/{clientId:int}/equipment/import", Import).Accepts<string>("text/csv");
        admin.MapGet("/equipment/{mac}", Get);
        admin.MapPut("/equipment/{mac}", Update);
        admin.MapDelete("/equipment/{mac}", Delete);
        admin.MapPost("/equipment/{mac}/move", Move);
        admin.MapPost("/equipment/{mac}/assign", Assign);
        admin.MapPost("/equipment/{mac}/unassign", Unassign);

        // Self-care: a user reads and sets the display settings of their own phone.
        var self = api.MapGroup("").WithTags("Equipment").RequireAuthorization();
        self.MapGet("/equipment/{mac}/settings", GetSettings);
        self.MapPut("/equipment/{mac}/settings", PutSettings);
    }

    private static async Task<IResult> ListSite(HttpContext http, SophiaDb db, int siteId, bool? assigned, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        await Visible.SiteAsync(db, Caller.From(http.User), siteId, ct);
        var query = db.Equipment.AsNoTracking().Include(e => e.User).Where(e => e.SiteId == siteId);
        if (assigned is { } wanted)
        {
            query = wanted ? query.Where(e => e.UserId != null) : query.Where(e => e.UserId == null);
        }
        return await Respond(http, query, format, page, pageSize, $"site-{siteId}-equipment.csv", ct);
    }

    /// <summary>The client's general stock: equipment in no site.</summary>
    private static async Task<IResult> ListClientStock(HttpContext http, SophiaDb db, int clientId, string? format, int? page, int? pageSize, CancellationToken ct)
    {
        await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        var query = db.Equipment.AsNoTracking().Include(e => e.User).Where(e => e.ClientId == clientId && e.SiteId == null);
        return await Respond(http, query, format, page, pageSize, $"client-{clientId}-stock.csv", ct);
    }

    private static async Task<IResult> Respond(HttpContext http, IQueryable<Equipment> query, string? format, int? page, int? pageSize, string fileName, CancellationToken ct)
    {
        // MACs are sorted in memory: the column holds canonical text, so this is also the database order.
        if (CsvDownload.Wanted(format))
        {
            var all = (await query.ToListAsync(ct)).OrderBy(e => e.Mac).ToList();
            return await CsvDownload.WriteAsync(http, all.Select(e => new EquipmentCsvRow(
                e.Mac.ToDisplayString(), ModelName(e.ModelId), e.SerialNumber, e.Label, e.Location.ToString(), e.SiteId, e.User?.Login)), fileName, ct);
        }
        var result = await query.OrderBy(e => e.Mac).ToPageAsync(new PageRequest(page, pageSize), ct);
        return TypedResults.Ok(new Paged<EquipmentDto>(result.Items.Select(ToDto).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Ok<EquipmentDto>> Get(HttpContext http, SophiaDb db, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        await db.Entry(equipment).Reference(e => e.User).LoadAsync(ct);
        http.SetETag(equipment.Version);
        return TypedResults.Ok(ToDto(equipment));
    }

    private static async Task<Created<EquipmentDto>> Create(HttpContext http, SophiaDb db, int clientId, EquipmentInput input, CancellationToken ct)
    {
        await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        var errors = new List<FieldError>();
        if (!MacAddress.TryParse(input.Mac, out var mac))
        {
            errors.Add(new FieldError("mac", $"'{input.Mac}' is not a MAC address (12 hex digits, optionally separated by ':', '-' or '.')."));
        }
        if (!DeviceCatalog.TryFind(input.Model ?? "", out var model))
        {
            errors.Add(new FieldError("model", $"'{input.Model}' is not a known model (for example 'Yealink T46S' or 'Polycom VVX 450')."));
        }
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
        if (await db.Equipment.AnyAsync(e => e.Mac == mac, ct))
        {
            throw new RuleViolationException("mac", $"{mac.ToDisplayString()} is already in the operator's equipment.", RuleViolationKind.Conflict);
        }
        var equipment = new Equipment { Mac = mac, ModelId = model!.Id, SerialNumber = input.SerialNumber, Label = input.Label, ClientId = clientId };
        db.Equipment.Add(equipment);
        await db.SaveChangesAsync(ct);
        http.SetETag(equipment.Version);
        return TypedResults.Created($"/api/v1/equipment/{mac}", ToDto(equipment));
    }

    private static async Task<Ok<EquipmentDto>> Update(HttpContext http, SophiaDb db, string mac, EquipmentInput input, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        db.Expect(equipment, http.IfMatch());
        if (input.Mac is not null && (!MacAddress.TryParse(input.Mac, out var newMac) || newMac != equipment.Mac))
        {
            throw new RuleViolationException("mac", "A MAC address cannot be changed; import the new equipment and delete this one.");
        }
        if (input.Model is not null)
        {
            equipment.ModelId = DeviceCatalog.TryFind(input.Model, out var model)
                ? model.Id
                : throw new RuleViolationException("model", $"'{input.Model}' is not a known model (for example 'Yealink T46S' or 'Polycom VVX 450').");
        }
        equipment.SerialNumber = input.SerialNumber ?? equipment.SerialNumber;
        equipment.Label = input.Label ?? equipment.Label;
        await db.SaveChangesAsync(ct);
        await db.Entry(equipment).Reference(e => e.User).LoadAsync(ct);
        http.SetETag(equipment.Version);
        return TypedResults.Ok(ToDto(equipment));
    }

    private static async Task<NoContent> Delete(HttpContext http, SophiaDb db, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        db.Expect(equipment, http.IfMatch());
        if (equipment.UserId is not null)
        {
            throw new RuleViolationException("mac", $"Equipment {equipment.Mac.ToDisplayString()} is assigned to a user; unassign it first.", RuleViolationKind.Conflict);
        }
        db.Equipment.Remove(equipment);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<EquipmentDto>> Move(HttpContext http, SophiaDb db, string mac, MoveRequest request, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        db.Expect(equipment, http.IfMatch());
        switch (request.To)
        {
            case "client":
                StockMoves.MoveToClientStock(equipment);
                break;
            case "site" when request.SiteId is { } siteId:
                await StockMoves.MoveToSiteAsync(db, equipment, siteId, ct);
                break;
            case "site":
                throw new RuleViolationException("siteId", "siteId is required to move equipment to a site.");
            default:
                throw new RuleViolationException("to", $"'{request.To}' is not a destination: use \"client\" or \"site\".");
        }
        await db.SaveChangesAsync(ct);
        await db.Entry(equipment).Reference(e => e.User).LoadAsync(ct);
        http.SetETag(equipment.Version);
        return TypedResults.Ok(ToDto(equipment));
    }

    private static async Task<Ok<EquipmentDto>> Assign(HttpContext http, SophiaDb db, string mac, AssignRequest request, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        db.Expect(equipment, http.IfMatch());
        if (request.UserId is not { } userId)
        {
            throw new RuleViolationException("userId", "userId is required.");
        }
        var user = await Visible.UserAsync(db, caller, userId, self: false, ct);
        StockMoves.Assign(equipment, user);
        await db.SaveChangesAsync(ct);
        equipment.User = user;
        http.SetETag(equipment.Version);
        return TypedResults.Ok(ToDto(equipment));
    }

    private static async Task<Ok<EquipmentDto>> Unassign(HttpContext http, SophiaDb db, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: false, ct);
        db.Expect(equipment, http.IfMatch());
        StockMoves.Unassign(equipment);
        await db.SaveChangesAsync(ct);
        http.SetETag(equipment.Version);
        return TypedResults.Ok(ToDto(equipment));
    }

    private static async Task<Ok<ImportResult>> Import(HttpContext http, SophiaDb db, int clientId, bool? dryRun, CancellationToken ct)
    {
        await Visible.ClientAsync(db, Caller.From(http.User), clientId, ct);
        // CsvHelper reads synchronously, which the server refuses on a request stream: the file is read into memory first, bounded.
        using var file = await ReadBodyAsync(http.Request, ct);
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var result = await EquipmentCsvImport.ImportAsync(db, clientId, reader, dryRun ?? false, ct);
        return TypedResults.Ok(result);
    }

    private static async Task<MemoryStream> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = new RuleViolationException("body", $"The file is larger than {MaxImportBytes / (1024 * 1024)} MB; split it.");
        if (request.ContentLength > MaxImportBytes)
        {
            throw tooLarge;
        }
        var file = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (file.Length + read > MaxImportBytes)
            {
                await file.DisposeAsync();
                throw tooLarge;
            }
            file.Write(chunk, 0, read);
        }
        file.Position = 0;
        return file;
    }

    private static async Task<Ok<DeviceSettings>> GetSettings(HttpContext http, SophiaDb db, string mac, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: true, ct);
        http.SetETag(equipment.Version);
        return TypedResults.Ok(equipment.Settings);
    }

    private static async Task<Ok<DeviceSettings>> PutSettings(HttpContext http, SophiaDb db, string mac, DeviceSettings settings, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, Caller.From(http.User), mac, self: true, ct);
        db.Expect(equipment, http.IfMatch());
        var model = DeviceCatalog.Get(equipment.ModelId);
        var errors = model.Validate(settings);
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors.Select(e => new FieldError(e.Field, e.Message)).ToList());
        }
        equipment.Settings = settings;
        await db.SaveChangesAsync(ct);
        http.SetETag(equipment.Version);
        return TypedResults.Ok(equipment.Settings);
    }

    private static string ModelName(string modelId) =>
        DeviceCatalog.TryFind(modelId, out var model) ? model.DisplayName : modelId;

    public static EquipmentDto ToDto(Equipment e) => new(
        e.Mac.ToDisplayString(), e.ModelId, ModelName(e.ModelId), e.SerialNumber, e.Label, e.ClientId, e.SiteId,
        e.UserId, e.User?.Login, e.Location, e.Version);
}
