using System.Text;
using System.Text.Json;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Api;

/// <summary>
/// The API's JSON bodies are bounded by Kestrel itself (the test host has no such limit, hence curl against the published
/// server): an anonymous login of 2 MB is refused as 413 with a coded error, while a CSV import past that size is read.
/// </summary>
[Collection(PublishedSophiaCollection.Name)]
public sealed class BodyLimitTests(PublishedSophia sophia) : IDisposable
{
    private const int JsonLimit = 1024 * 1024;
    private readonly Curl curl = new(sophia.BaseAddress);
    private readonly string scratch = Directory.CreateTempSubdirectory("sophia-body-").FullName;

    [Fact]
    public async Task A_two_megabyte_login_is_refused_as_too_large_naming_the_limit()
    {
        var body = Path.Combine(scratch, "login.json");
        await File.WriteAllTextAsync(body, JsonSerializer.Serialize(new { login = new string('a', 2 * 1024 * 1024), password = "x" }));

        var answer = await curl.RunAsync("/api/v1/auth/token", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@" + body);

        Assert.Equal(413, answer.Status);
        var error = answer.Json.GetProperty("errors")[0];
        Assert.Equal(("body", "body.tooLarge"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal("The request body is larger than 1024 KB.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_CSV_import_past_the_JSON_limit_is_read_to_its_end()
    {
        var login = await curl.PostJsonAsync("/api/v1/auth/token", JsonSerializer.Serialize(new { login = "admin@15rp.sewan.eu", password = "sophia-demo" }));
        var token = login.Json.GetProperty("token").GetString()!;
        var csv = new StringBuilder("mac,model,serialNumber,label\n");
        for (var i = 0; csv.Length < JsonLimit + 64 * 1024; i++)
        {
            // The first row's label is past its 100 characters: the one error the file should get, named by its row.
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"00:15:65:F0:{i / 256 % 256:X2}:{i % 256:X2},yealink-t46s,SN{i:D8},{new string('x', i == 0 ? 120 : 60)}\n");
        }
        var file = Path.Combine(scratch, "equipment.csv");
        await File.WriteAllTextAsync(file, csv.ToString());

        var answer = await curl.RunAsync("/api/v1/clients/1/equipment/import?dryRun=true", "-X", "POST", "-H", $"Authorization: Bearer {token}",
            "-H", "Content-Type: text/csv", "--data-binary", "@" + file);

        Assert.Equal(400, answer.Status);
        var error = Assert.Single(answer.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(("row 2: label", "tooLong"), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);
}
