using System.Net;
using System.Text.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Parc;

/// <summary>
/// Optimistic concurrency: a GET gives an ETag; an update carrying it succeeds and moves the ETag; an update
/// carrying an old one gets 412 and changes nothing.
/// </summary>
public sealed class ConcurrencyTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_stale_site_update_gets_412_and_changes_nothing()
    {
        var (admin, ids) = await Admin();
        var site = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/sites", new { name = "Opéra" }, HttpStatusCode.Created);
        await StaleUpdateIsRefused(admin, $"/api/v1/sites/{site.Int("id")}",
            new { name = "Opéra 2" }, new { name = "Opéra 3" }, s => s.Str("name"), "Opéra 2");
    }

    [Fact]
    public async Task A_stale_user_update_gets_412_and_changes_nothing()
    {
        var (admin, ids) = await Admin();
        await StaleUpdateIsRefused(admin, $"/api/v1/users/{ids.Picard}",
            new { function = "Support" }, new { function = "Direction" }, u => u.Str("function"), "Support");
    }

    [Fact]
    public async Task A_stale_equipment_update_gets_412_and_changes_nothing()
    {
        var (admin, _) = await Admin();
        await StaleUpdateIsRefused(admin, $"/api/v1/equipment/{DemoIds.WagramVvx250}",
            new { label = "Accueil" }, new { label = "Salle B" }, e => e.Str("label"), "Accueil");
    }

    [Fact]
    public async Task A_stale_number_update_gets_412_and_changes_nothing()
    {
        var (admin, ids) = await Admin();
        var first = new DateTimeOffset(2024, 1, 2, 10, 0, 0, TimeSpan.Zero);
        await StaleUpdateIsRefused(admin, $"/api/v1/numbers/{ids.Numbers["+33185737643"]}",
            new { orderedAt = first }, new { orderedAt = first.AddDays(1) },
            n => n.GetProperty("orderedAt").GetDateTimeOffset().ToString("O"), first.ToString("O"));
    }

    [Fact]
    public async Task A_stale_external_contact_update_gets_412_and_changes_nothing()
    {
        var (admin, ids) = await Admin();
        var contact = await admin.PostJson($"/api/v1/clients/{ids.ClientId}/contacts/external",
            new { lastName = "Durand", firstName = "Paul", phone = "0145454545" }, HttpStatusCode.Created);
        var url = $"/api/v1/clients/{ids.ClientId}/contacts/external/{contact.Int("id")}";
        await StaleUpdateIsRefused(admin, url, new { company = "Soucht" }, new { company = "Bdfg" }, c => c.Str("company"), "Soucht");
    }

    [Fact]
    public async Task A_stale_personal_contact_update_gets_412_and_changes_nothing()
    {
        var (admin, ids) = await Admin();
        var contact = await admin.PostJson($"/api/v1/users/{ids.Lu}/contacts",
            new { lastName = "Lu", firstName = "Maman", phone = "0612345678" }, HttpStatusCode.Created);
        var url = $"/api/v1/users/{ids.Lu}/contacts/{contact.Int("id")}";
        await StaleUpdateIsRefused(admin, url, new { firstName = "Mère" }, new { firstName = "Papa" }, c => c.Str("firstName"), "Mère");
    }

    [Fact]
    public async Task A_stale_function_key_list_gets_412_and_leaves_the_keys()
    {
        var (admin, ids) = await Admin();
        var url = $"/api/v1/users/{ids.Lu}/function-keys";
        var (_, etag) = await admin.GetWithETag(url);
        var keys = new[] { new { index = 1, kind = "speedDial", number = "0600000001", label = "Accueil" } };
        using var ok = await admin.SendJson(HttpMethod.Put, url, keys, etag);
        await ok.Json();
        Assert.NotEqual(etag, ok.Headers.ETag?.ToString());
        using var stale = await admin.SendJson(HttpMethod.Put, url, Array.Empty<object>(), etag);
        await stale.Json(HttpStatusCode.PreconditionFailed);
        var after = Assert.Single((await admin.GetJson(url)).EnumerateArray());
        Assert.Equal("Accueil", after.Str("label"));
    }

    [Fact]
    public async Task Stale_settings_moves_and_deletes_get_412_and_change_nothing()
    {
        var (admin, ids) = await Admin();
        var (_, etag) = await admin.GetWithETag($"/api/v1/equipment/{DemoIds.MandarT54W}");
        using var changed = await admin.SendJson(HttpMethod.Put, $"/api/v1/equipment/{DemoIds.MandarT54W}/settings", new { ringtone = "Ring2" }, etag);
        await changed.Json();

        using var settings = await admin.SendJson(HttpMethod.Put, $"/api/v1/equipment/{DemoIds.MandarT54W}/settings", new { ringtone = "Ring5" }, etag);
        await settings.Json(HttpStatusCode.PreconditionFailed);
        using var move = await admin.SendJson(HttpMethod.Post, $"/api/v1/equipment/{DemoIds.MandarT54W}/move", new { to = "client" }, etag);
        await move.Json(HttpStatusCode.PreconditionFailed);
        using var delete = await admin.SendJson(HttpMethod.Delete, $"/api/v1/equipment/{DemoIds.MandarT54W}", null, etag);
        await delete.Json(HttpStatusCode.PreconditionFailed);

        var after = await admin.GetJson($"/api/v1/equipment/{DemoIds.MandarT54W}");
        Assert.Equal(("siteStock", ids.Mandar), (after.Str("location"), after.Int("siteId")));
        Assert.Equal("Ring2", (await admin.GetJson($"/api/v1/equipment/{DemoIds.MandarT54W}/settings")).Str("ringtone"));
    }

    [Fact]
    public async Task A_stale_user_delete_gets_412_and_the_user_keeps_numbers_and_phone()
    {
        var (admin, ids) = await Admin();
        var (_, etag) = await admin.GetWithETag($"/api/v1/users/{ids.Picard}");
        using var touched = await admin.SendJson(HttpMethod.Put, $"/api/v1/users/{ids.Picard}", new { description = "touched" }, etag);
        await touched.Json();
        using var delete = await admin.SendJson(HttpMethod.Delete, $"/api/v1/users/{ids.Picard}", null, etag);
        await delete.Json(HttpStatusCode.PreconditionFailed);
        var picard = await admin.GetJson($"/api/v1/users/{ids.Picard}");
        var number = Assert.Single(picard.GetProperty("numbers").EnumerateArray());
        Assert.Equal(["437", "4637"], number.GetProperty("shortNumbers").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task An_if_match_that_is_not_an_etag_is_refused_naming_the_header()
    {
        var (admin, ids) = await Admin();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/sites/{ids.Wagram}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "Nope" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"yesterday\"");
        using var response = await admin.SendAsync(request);
        await response.Problem(HttpStatusCode.BadRequest, "If-Match");
        Assert.Equal("Wagram", (await admin.GetJson($"/api/v1/sites/{ids.Wagram}")).Str("name"));
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }

    /// <summary>
    /// GET (ETag) -> PUT <paramref name="first"/> with it (200, the ETag moves) -> PUT <paramref name="second"/> with the
    /// old ETag (412) -> the resource still shows <paramref name="expected"/>, and the new ETag still works.
    /// </summary>
    private static async Task StaleUpdateIsRefused(
        HttpClient http, string url, object first, object second, Func<JsonElement, string> value, string expected)
    {
        var (_, etag) = await http.GetWithETag(url);
        using var ok = await http.SendJson(HttpMethod.Put, url, first, etag);
        var updated = await ok.Json();
        var moved = ok.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(moved), $"PUT {url} gave no ETag.");
        Assert.NotEqual(etag, moved);
        Assert.Equal(moved, $"\"{updated.GetProperty("version").GetInt64()}\"");
        Assert.Equal(expected, value(updated));

        using var stale = await http.SendJson(HttpMethod.Put, url, second, etag);
        var problem = await stale.Json(HttpStatusCode.PreconditionFailed);
        Assert.Contains("stale", problem.Str("type"), StringComparison.Ordinal);

        var now = await http.GetJson(url);
        Assert.Equal(expected, value(now));
        Assert.Equal(moved, $"\"{now.GetProperty("version").GetInt64()}\"");

        using var again = await http.SendJson(HttpMethod.Put, url, first, moved);
        await again.Json();
    }
}
