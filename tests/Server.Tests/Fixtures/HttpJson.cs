using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sophia.Server.Tests.Fixtures;

public static class HttpJson
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJson(this HttpClient http, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await http.GetAsync(url)).Json(expected);

    public static async Task<JsonElement> PostJson(this HttpClient http, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await http.PostAsJsonAsync(url, body, SophiaFactory.Json)).Json(expected);

    public static async Task<JsonElement> PutJson(this HttpClient http, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await http.PutAsJsonAsync(url, body, SophiaFactory.Json)).Json(expected);

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static int Int(this JsonElement element, string property) => element.GetProperty(property).GetInt32();
}
