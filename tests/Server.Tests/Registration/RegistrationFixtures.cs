using System.Net;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Registration;

/// <summary>Sophia set up for the registration tests, and the few ids of the demo they use.</summary>
internal static class RegistrationFixtures
{
    public const string LuPhone = "0004f2a1b2c3";
    public const string SeldonPhone = "001565988c06";
    public const string T46sAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";

    /// <summary>
    /// A fresh Sophia on the demo with jobs in memory, no scheduled reconciliation, SIP on loopback with short timers,
    /// and extra settings.
    /// </summary>
    public static SophiaFactory NewSophia(params (string Key, string Value)[] settings)
    {
        var factory = new SophiaFactory();
        factory.JobsInMemory = true;
        factory.Settings["Sophia:Jobs:PollSeconds"] = "1";
        // No scheduled reconciliation unless a test asks for one: it would change states under the test's feet.
        factory.Settings["Sophia:Registration:ReconcileSeconds"] = "0";
        factory.Settings["Sophia:Registration:Sip:LocalAddress"] = "127.0.0.1";
        factory.Settings["Sophia:Registration:Sip:T1"] = "00:00:00.100";
        factory.Settings["Sophia:Registration:Sip:TransactionTimeout"] = "00:00:01.500";
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }
        return factory;
    }

    public static async Task<(int ClientId, int Mandar)> DemoIdsAsync(HttpClient helpdesk)
    {
        var client = (await helpdesk.GetJson("/api/v1/clients")).Items().Single(c => c.Str("name") == "15RP");
        var sites = (await helpdesk.GetJson($"/api/v1/clients/{client.Int("id")}/sites")).Items();
        return (client.Int("id"), sites.Single(s => s.Str("name") == "Mandar").Int("id"));
    }

    /// <summary>The admin of a second client, made through the API.</summary>
    public static async Task<HttpClient> OtherAdminAsync(SophiaFactory factory, HttpClient helpdesk)
    {
        var client = await helpdesk.PostJson("/api/v1/clients", new
        {
            name = "Autre",
            sipDomain = "autre.example.net",
            provisioningUser = "autre",
            provisioningPassword = "autre-prov-pass",
            registrarHost = "sip.autre.example.net",
        }, HttpStatusCode.Created);
        var site = await helpdesk.PostJson($"/api/v1/clients/{client.Int("id")}/sites", new { name = "Siège" }, HttpStatusCode.Created);
        await helpdesk.PostJson($"/api/v1/sites/{site.Int("id")}/users",
            new { lastName = "Martin", firstName = "Anne", accountType = "admin", password = "autre-admin-pass" }, HttpStatusCode.Created);
        return await factory.ClientFor("amartin@autre.example.net", "autre-admin-pass");
    }

    public static JsonElement Registration(this JsonElement status) => status.GetProperty("registration");

    public static string State(this JsonElement status) => status.Registration().Str("state");

    /// <summary>Reads <paramref name="url"/> until <paramref name="done"/> holds, within a deadline.</summary>
    /// <param name="poke">Run before each read, e.g. a reconciliation.</param>
    public static async Task<JsonElement> EventuallyAsync(
        HttpClient http, string url, Func<JsonElement, bool> done, Func<string> explain, int seconds = 20, Func<Task>? poke = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (poke is not null)
            {
                await poke();
            }
            var value = await http.GetJson(url);
            if (done(value))
            {
                return value;
            }
            if (waited.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                Assert.Fail($"{url} still answers {value} after {seconds} s. {explain()}");
            }
            await Task.Delay(100);
        }
    }
}
