using System.Text.Json;
using Sophia.EndToEnd.Fixtures;

namespace Sophia.EndToEnd.Walkthrough;

/// <summary>
/// The README's first walk through the demo, against the published server and with curl, as issue 2's
/// "done when" tells it: token, search, Mandar's users, the T54W up and down, and a plain user refused.
/// </summary>
[Collection(PublishedSophiaCollection.Name)]
public sealed class ReadmeWalkthroughTests(PublishedSophia sophia)
{
    private const string Password = "sophia-demo";
    private readonly Curl curl = new(sophia.BaseAddress);

    [Fact]
    public async Task The_admin_of_15RP_walks_the_demo_with_curl()
    {
        var token = await Token("admin@15rp.sewan.eu");

        foreach (var query in new[] { "seldon", "00-15-65-98-8c-06" })
        {
            var found = await Ok(curl.GetAsync($"/api/v1/search?q={query}", token));
            var phone = Assert.Single(found.GetProperty("equipment").EnumerateArray());
            Assert.Equal(("00:15:65:98:8C:06", "Yealink T46S", "cseldon@15rp.sewan.eu"),
                (phone.GetProperty("mac").GetString(), phone.GetProperty("modelName").GetString(), phone.GetProperty("userLogin").GetString()));
            if (query == "seldon")
            {
                var user = Assert.Single(found.GetProperty("users").EnumerateArray());
                Assert.Equal("Cédric Seldon", user.GetProperty("displayName").GetString());
            }
        }

        var client = Assert.Single(Items(await Ok(curl.GetAsync("/api/v1/clients", token))));
        Assert.Equal("15RP", client.GetProperty("name").GetString());
        var sites = Items(await Ok(curl.GetAsync($"/api/v1/clients/{client.GetProperty("id")}/sites", token)));
        Assert.Equal(["Mandar", "Wagram"], sites.Select(s => s.GetProperty("name").GetString()));
        var mandar = sites[0].GetProperty("id").GetInt32();

        var users = Items(await Ok(curl.GetAsync($"/api/v1/sites/{mandar}/users", token)));
        var lines = users.Select(u =>
        {
            var number = Assert.Single(u.GetProperty("numbers").EnumerateArray());
            var shorts = string.Join(' ', number.GetProperty("shortNumbers").EnumerateArray().Select(s => s.GetString()));
            return $"{u.GetProperty("lastName").GetString()} {number.GetProperty("e164").GetString()} {shorts}";
        });
        Assert.Equal(["Lu +33185737638 438 4638", "Picard +33185737637 437 4637", "Seldon +33185737636 436 4636"], lines);
        Assert.DoesNotContain("sipPassword", (await curl.GetAsync($"/api/v1/sites/{mandar}/users", token)).Body, StringComparison.OrdinalIgnoreCase);

        var up = await Ok(curl.PostJsonAsync("/api/v1/equipment/00:15:65:AA:00:01/move", """{"to":"client"}""", token));
        Assert.Equal("clientStock", up.GetProperty("location").GetString());
        var stock = Items(await Ok(curl.GetAsync($"/api/v1/clients/{client.GetProperty("id")}/equipment", token)));
        Assert.Contains(stock, e => e.GetProperty("mac").GetString() == "00:15:65:AA:00:01");

        var down = await Ok(curl.PostJsonAsync("/api/v1/equipment/001565aa0001/move", $$"""{"to":"site","siteId":{{mandar}}}""", token));
        Assert.Equal(("siteStock", mandar), (down.GetProperty("location").GetString(), down.GetProperty("siteId").GetInt32()));
        var unassigned = Items(await Ok(curl.GetAsync($"/api/v1/sites/{mandar}/equipment?assigned=false", token)));
        Assert.Equal(["00:15:65:AA:00:01"], unassigned.Select(e => e.GetProperty("mac").GetString()));
    }

    [Fact]
    public async Task A_plain_users_token_cannot_list_Mandar_users()
    {
        var admin = await Token("admin@15rp.sewan.eu");
        var client = Assert.Single(Items(await Ok(curl.GetAsync("/api/v1/clients", admin))));
        var mandar = Items(await Ok(curl.GetAsync($"/api/v1/clients/{client.GetProperty("id")}/sites", admin)))
            .Single(s => s.GetProperty("name").GetString() == "Mandar").GetProperty("id").GetInt32();

        var user = await Token("rlu@15rp.sewan.eu");
        var refused = await curl.GetAsync($"/api/v1/sites/{mandar}/users", user);
        Assert.Equal(403, refused.Status);
        Assert.DoesNotContain("Seldon", refused.Body, StringComparison.Ordinal);
        var anonymous = await curl.GetAsync($"/api/v1/sites/{mandar}/users");
        Assert.Equal(401, anonymous.Status);
    }

    [Fact]
    public async Task The_published_server_answers_from_an_unrelated_working_directory_with_its_templates()
    {
        var health = await Ok(curl.GetAsync("/health"));
        Assert.Equal("ready", health.GetProperty("status").GetString());
        var openApi = await Ok(curl.GetAsync("/openapi/v1.json"));
        Assert.True(openApi.GetProperty("paths").EnumerateObject().Count() >= 20);

        var shipped = Path.Combine(Repository.Root, "templates");
        var expected = Directory.Exists(shipped)
            ? Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(shipped, f)).Order(StringComparer.Ordinal).ToList()
            : [];
        if (expected.Count == 0)
        {
            return;
        }
        var published = Path.Combine(sophia.PublishDirectory, "templates");
        Assert.True(Directory.Exists(published), $"templates/ is missing next to the binary in {sophia.PublishDirectory}.");
        var actual = Directory.EnumerateFiles(published, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(published, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);

        // The phone's own file is rendered from those templates: a real fetch, digest and all, as a T46S makes it.
        var config = await curl.RunAsync("/prov/001565988c06.cfg",
            "--digest", "--user", "15rp:prov-demo", "--user-agent", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06");
        Assert.True(config.Status == 200, $"GET /prov/001565988c06.cfg: {config.Status} {config.Body}\n{sophia.Log}");
        Assert.Contains("sip.15rp.sewan.eu", config.Body, StringComparison.Ordinal);
        Assert.Contains("cseldon", config.Body, StringComparison.Ordinal);
    }

    private async Task<string> Token(string login)
    {
        var answer = await Ok(curl.PostJsonAsync("/api/v1/auth/token", JsonSerializer.Serialize(new { login, password = Password })));
        return answer.GetProperty("token").GetString()!;
    }

    private async Task<JsonElement> Ok(Task<CurlAnswer> call)
    {
        var answer = await call;
        Assert.True(answer.Status == 200, $"Expected 200, got {answer.Status}: {answer.Body}\n--- server log ---\n{Tail(sophia.Log)}");
        return answer.Json;
    }

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;
}
