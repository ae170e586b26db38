using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Rules;
using Sophia.Model.Stock;

namespace Sophia.Stock.Import;

/// <summary>
/// Imports equipment (MAC, model, serial, label) into a client's general stock from CSV.
/// Every row is checked before anything is written; one bad row rejects the whole file,
/// and the error report names each bad row (1-based, header = row 1) and field.
/// </summary>
public static class EquipmentCsvImport
{
    public const int MaxRows = 50_000;

    private static readonly string[] RequiredColumns = ["mac", "model"];

    public static async Task<ImportResult> ImportAsync(SophiaDb db, int clientId, TextReader csv, bool dryRun, CancellationToken ct = default)
    {
        var (rows, errors) = Parse(csv);
        if (rows.Count > 0)
        {
            var macs = rows.Select(r => r.Mac).ToList();
            var known = await db.Equipment.AsNoTracking()
                .Where(e => macs.Contains(e.Mac))
                .Select(e => e.Mac)
                .ToListAsync(ct);
            var knownSet = known.ToHashSet();
            foreach (var row in rows.Where(r => knownSet.Contains(r.Mac)))
            {
                errors.Add(new FieldError($"row {row.Row}: mac", $"{row.Mac.ToDisplayString()} is already in the operator's equipment."));
            }
        }
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors.OrderBy(e => RowOf(e.Field)).ToList());
        }
        if (!dryRun)
        {
            foreach (var row in rows)
            {
                db.Equipment.Add(new Equipment
                {
                    Mac = row.Mac,
                    ModelId = row.ModelId,
                    SerialNumber = row.Serial,
                    Label = row.Label,
                    ClientId = clientId,
                });
            }
            await db.SaveChangesAsync(ct);
        }
        return new ImportResult(rows.Count, dryRun, rows.Select(r => new ImportedRow(r.Row, r.Mac.ToDisplayString(), r.ModelId, r.Serial, r.Label)).ToList());
    }

    private static (List<ParsedRow> Rows, List<FieldError> Errors) Parse(TextReader csv)
    {
        var rows = new List<ParsedRow>();
        var errors = new List<FieldError>();
        var firstSeen = new Dictionary<MacAddress, int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            BadDataFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new CsvReader(csv, config);
        if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is null)
        {
            throw new RuleViolationException("row 1", "The file is empty: expected a header row with mac, model, serial, label.");
        }
        var header = reader.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = RequiredColumns.Where(h => !header.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            throw new RuleViolationException("row 1", $"The header lacks column(s) {string.Join(", ", missing)}; expected mac, model, serial, label.");
        }
        while (reader.Read())
        {
            var row = reader.Parser.Row;
            if (rows.Count + errors.Count > MaxRows)
            {
                throw new RuleViolationException($"row {row}", $"The file has more than {MaxRows} rows; split it.");
            }
            var macText = reader.GetField("mac");
            var modelText = reader.GetField("model");
            var serial = Blank(header.Contains("serial") ? reader.GetField("serial") : null);
            var label = Blank(header.Contains("label") ? reader.GetField("label") : null);
            var rowOk = true;
            if (!MacAddress.TryParse(macText, out var mac))
            {
                errors.Add(new FieldError($"row {row}: mac", string.IsNullOrWhiteSpace(macText)
                    ? "The MAC address is missing."
                    : $"'{macText}' is not a MAC address (12 hex digits, optionally separated by ':', '-' or '.')."));
                rowOk = false;
            }
            else if (firstSeen.TryGetValue(mac, out var earlier))
            {
                errors.Add(new FieldError($"row {row}: mac", $"{mac.ToDisplayString()} is already on row {earlier} of this file."));
                rowOk = false;
            }
            else
            {
                firstSeen[mac] = row;
            }
            if (!DeviceCatalog.TryFind(modelText ?? "", out var model))
            {
                errors.Add(new FieldError($"row {row}: model", string.IsNullOrWhiteSpace(modelText)
                    ? "The model is missing."
                    : $"'{modelText}' is not a known model (for example 'Yealink T46S' or 'Polycom VVX 450')."));
                rowOk = false;
            }
            if (rowOk)
            {
                rows.Add(new ParsedRow(row, mac, model!.Id, serial, label));
            }
        }
        return (rows, errors);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static int RowOf(string field) =>
        field.StartsWith("row ", StringComparison.Ordinal) && int.TryParse(field[4..].Split(':')[0], out var n) ? n : 0;

    private sealed record ParsedRow(int Row, MacAddress Mac, string ModelId, string? Serial, string? Label);
}

public sealed record ImportResult(int Count, bool DryRun, IReadOnlyList<ImportedRow> Rows);

public sealed record ImportedRow(int Row, string Mac, string Model, string? Serial, string? Label);
