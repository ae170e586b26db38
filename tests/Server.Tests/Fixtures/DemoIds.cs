namespace Sophia.Server.Tests.Fixtures;

/// <summary>The ids the database gave to the demo parc's things, read through the API.</summary>
public sealed record DemoIds(
    int ClientId, int Mandar, int Wagram, int Seldon, int Picard, int Lu, IReadOnlyDictionary<string, int> Numbers)
{
    public const string SeldonPhone = "00:15:65:98:8C:06";
    public const string LuPhone = "00:04:F2:A1:B2:C3";
    public const string MandarT54W = "00:15:65:AA:00:01";
    public const string WagramVvx250 = "00:04:F2:A1:B2:C4";
    public const string ClientStockT46U = "00:15:65:AA:00:02";

    /// <summary>Reads them as <paramref name="http"/> (the helpdesk or 15RP's admin).</summary>
    public static async Task<DemoIds> Read(HttpClient http)
    {
        var client = (await http.GetJson("/api/v1/clients")).Items().Single(c => c.Str("name") == "15RP");
        var clientId = client.Int("id");
        var sites = (await http.GetJson($"/api/v1/clients/{clientId}/sites")).Items().ToDictionary(s => s.Str("name"), s => s.Int("id"));
        var users = (await http.GetJson($"/api/v1/sites/{sites["Mandar"]}/users")).Items().ToDictionary(u => u.Str("login"), u => u.Int("id"));
        var numbers = (await http.GetJson($"/api/v1/sites/{sites["Mandar"]}/numbers")).Items().ToDictionary(n => n.Str("e164"), n => n.Int("id"));
        return new DemoIds(clientId, sites["Mandar"], sites["Wagram"],
            users[SophiaFactory.Seldon], users["njoly@15rp.sewan.eu"], users[SophiaFactory.Lu], numbers);
    }
}
