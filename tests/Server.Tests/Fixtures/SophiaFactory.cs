using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Sophia.Server.Tests.Fixtures;

/// <summary>
/// Sophia on a fresh SQLite file in a temporary data directory, with the demo parc loaded,
/// as <c>--demo</c> would start it. One per test class; tests that change the parc use their own.
/// </summary>
public sealed class SophiaFactory : WebApplicationFactory<Program>
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("sophia-test-").FullName;
    private readonly Dictionary<string, string> tokens = [];
    private readonly SemaphoreSlim tokenLock = new(1, 1);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public const string Helpdesk = "support@nlgs.admin";
    public const string Admin15Rp = "admin@15rp.sewan.eu";
    public const string Seldon = "cseldon@15rp.sewan.eu";
    public const string Lu = "rlu@15rp.sewan.eu";
    public const string Password = "sophia-demo";

    public string DataDirectory => dataDirectory;

    /// <summary>The master key of hosts on PostgreSQL, which refuse to start without one: the same for every node of a test.</summary>
    public const string PostgresMasterKey = "oAwV608UXMyfooaXSG+w5+xCAgzVZ+wop/YBMszEcSM=";

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Sophia:Demo"] = "true",
        // Tests log in often from one address; the limit itself is tested with its own factory.
        ["Sophia:Auth:LoginAttemptsPerMinute"] = "1000",
        // Any free port: several factories run side by side, and 69 needs root.
        ["Sophia:Tftp:Port"] = "0",
    };

    /// <summary>Jobs in Hangfire's in-memory storage, which dies with the test, instead of the data directory's.</summary>
    public bool JobsInMemory { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (JobsInMemory)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<JobStorage>(new InMemoryStorage()));
        }
        builder.UseSetting("Sophia:DataDirectory", dataDirectory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client authenticated as <paramref name="login"/> (the demo password unless given).</summary>
    public async Task<HttpClient> ClientFor(string login, string password = Password)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(login, password));
        return http;
    }

    public async Task<string> TokenFor(string login, string password = Password)
    {
        await tokenLock.WaitAsync();
        try
        {
            if (!tokens.TryGetValue(login, out var token))
            {
                using var http = CreateClient();
                var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { login, password });
                response.EnsureSuccessStatusCode();
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                token = body.GetProperty("token").GetString()!;
                tokens[login] = token;
            }
            return token;
        }
        finally
        {
            tokenLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            tokenLock.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a background thread; the OS temp cleaner will take it.
            }
        }
    }
}
