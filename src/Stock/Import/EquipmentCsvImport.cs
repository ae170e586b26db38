using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Csv;
using Sophia.Model.Data;
using Sophia.Model.Rules;
using Sophia.Model.Stock;
using Sophia.Stock.History;

namespace Sophia.Stock.Import;

/// <summary>
/// Imports equipment (MAC, model, serial, label) into a client's general stock from CSV.
/// Every row is checked before anything is written; one bad row rejects the whole file,
/// and the error report names each bad row (1-based, header = row 1) and field.
/// </summary>
public static class EquipmentCsvImport
{
    public const string Layout = "mac, model, serial, label";

    private static readonly string[] RequiredColumns = ["mac", "model"];

    /// <summary>How many rows may name equipment of another client before the whole file is refused without naming them.</summary>
    /// <remarks>
    /// A bound per file rather than a count of refusals per caller and minute: it needs no state shared between nodes, and it
    /// takes away what made the oracle cheap (one request answering for 50,000 MACs) while a real import, whose few taken
    /// rows are typos or phones moved between clients, still gets each one named. The client's own MACs do not count.
    /// </remarks>
    public const int MaxUnavailableRows = 10;

    /// <param name="foreignRefused">
    /// Told how many rows name equipment another client holds, before the file is refused, so that the caller records it;
    /// null for the helpdesk, who sees every client's equipment anyway and so gets no bound.
    /// </param>
    public static async Task<ImportResult> ImportAsync(SophiaDb db, int clientId, TextReader csv, bool dryRun, Action<int>? foreignRefused, CancellationToken ct = default)
    {
        var (rows, errors) = Parse(csv);
        if (rows.Count > 0)
        {
            var macs = rows.Select(r => r.Mac).ToList();
            var held = await db.Equipment.AsNoTracking().Where(e => macs.Contains(e.Mac)).Select(e => new { e.Mac, e.ClientId }).ToListAsync(ct);
            var foreign = held.Count(e => e.ClientId != clientId);
            if (foreign > 0 && foreignRefused is not null)
            {
                foreignRefused(foreign);
                if (foreign > MaxUnavailableRows)
                {
                    throw new RuleViolationException(EquipmentErrors.TooManyUnavailable(MaxUnavailableRows), RuleViolationKind.Conflict);
                }
            }
            var known = held.Select(e => e.Mac).ToHashSet();
            errors.AddRange(rows.Where(r => known.Contains(r.Mac)).Select(r => EquipmentErrors.MacTaken(r.MacField, r.Mac)));
        }
        RuleViolationException.ThrowIfAny(errors.OrderBy(e => CsvTable.RowOf(e.Field)).ToList());
        if (!dryRun)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await EquipmentHistory.ForgetAsync(db, [.. rows.Select(r => r.Mac)], ct);
            db.Equipment.AddRange(rows.Select(row => new Equipment
            {
                Mac = row.Mac,
                ModelId = row.ModelId,
                SerialNumber = row.Serial,
                Label = row.Label,
                ClientId = clientId,
            }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return new ImportResult(rows.Count, dryRun, rows.Select(r => new ImportedRow(r.Row, r.Mac.ToDisplayString(), r.ModelId, r.Serial, r.Label)).ToList());
    }

    private static (List<ParsedRow> Rows, List<FieldError> Errors) Parse(TextReader csv)
    {
        var rows = new List<ParsedRow>();
        var errors = new List<FieldError>();
        var firstSeen = new Dictionary<MacAddress, int>();
        using var table = CsvTable.Open(csv, RequiredColumns, Layout);
        while (table.Read())
        {
            var macText = table.Get("mac");
            var modelText = table.Get("model");
            var rowOk = true;
            if (!MacAddress.TryParse(macText, out var mac))
            {
                errors.Add(MacErrors.NotAMac(table.Field("mac"), macText));
                rowOk = false;
            }
            else if (firstSeen.TryGetValue(mac, out var earlier))
            {
                errors.Add(FieldError.Create(table.Field("mac"), "mac.duplicate", "{mac} is already on row {row} of this file.",
                    ("mac", mac.ToDisplayString()), ("row", earlier)));
                rowOk = false;
            }
            else
            {
                firstSeen[mac] = table.Row;
            }
            if (!DeviceCatalog.TryFind(modelText, out var model))
            {
                errors.Add(EquipmentErrors.UnknownModel(table.Field("model"), modelText));
                rowOk = false;
            }
            rowOk &= TextLimits.Check(table.Get("serial"), TextLimits.Serial, table.Field("serial"), errors)
                & TextLimits.Check(table.Get("label"), TextLimits.Label, table.Field("label"), errors);
            if (rowOk)
            {
                rows.Add(new ParsedRow(table.Row, table.Field("mac"), mac, model!.Id, table.Get("serial"), table.Get("label")));
            }
        }
        return (rows, errors);
    }

    private sealed record ParsedRow(int Row, string MacField, MacAddress Mac, string ModelId, string? Serial, string? Label);
}

public sealed record ImportResult(int Count, bool DryRun, IReadOnlyList<ImportedRow> Rows);

public sealed record ImportedRow(int Row, string Mac, string Model, string? Serial, string? Label);
