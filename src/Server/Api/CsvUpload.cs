using System.Text;
using Sophia.Model.Csv;
using Sophia.Model.Rules;

namespace Sophia.Server.Api;

/// <summary>A CSV file sent as a request body (<c>text/csv</c>), for the imports.</summary>
public static class CsvUpload
{
    /// <summary>Enough for <see cref="CsvTable.MaxRows"/> rows of a dozen columns.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The refusal of an upload past <see cref="MaxBytes"/>, on <paramref name="field"/> (the API's body, a form's file).</summary>
    public static FieldError TooLarge(string field) =>
        FieldError.Create(field, "file.tooLarge", "The file is larger than {max} MB; split it.", ("max", MaxBytes / (1024 * 1024)));

    /// <summary>
    /// The body, read into memory up to <see cref="MaxBytes"/> (a larger one is refused naming <c>body</c>): CsvHelper
    /// reads synchronously, which the server refuses on a request stream.
    /// </summary>
    public static async Task<TextReader> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = new RuleViolationException(TooLarge("body"));
        if (request.ContentLength > MaxBytes)
        {
            throw tooLarge;
        }
        var file = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (file.Length + read > MaxBytes)
            {
                await file.DisposeAsync();
                throw tooLarge;
            }
            file.Write(chunk, 0, read);
        }
        file.Position = 0;
        return new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }
}
