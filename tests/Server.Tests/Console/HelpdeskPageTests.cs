using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Provisioning.FetchLog;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>The helpdesk's pages without a browser: who opens a phone's page, revealing secrets, adopting, the lists' filters.</summary>
public sealed class HelpdeskPageTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string T46sPage = "/devices/001565988c06";

    [Fact]
    public async Task A_phone_is_404_to_another_clients_admin_and_refused_to_a_plain_user()
    {
        var other = await OtherClient.CreateAsync(await factory.ClientFor(SophiaFactory.Helpdesk), "Ailleurs");
        var stranger = new ConsoleForms(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var login = await stranger.PostFormAsync("/login", "/login", new() { ["Login"] = other.AdminLogin, ["Password"] = other.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(T46sPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync("/clients/1/phones")).StatusCode);

        var user = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Seldon);
        var refused = await user.Http.GetAsync(T46sPage);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);

        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var own = await admin.Http.GetAsync(T46sPage);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Poste Yealink T46S 00:15:65:98:8C:06", WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_helpdesk_reveals_a_files_secrets_with_its_button_and_a_client_admin_may_not()
    {
        var helpdesk = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk);
        var masked = WebUtility.HtmlDecode(await helpdesk.Http.GetStringAsync(T46sPage));
        Assert.Contains("account.1.password = ********", masked, StringComparison.Ordinal);
        Assert.Contains("Afficher les secrets", masked, StringComparison.Ordinal);

        var revealed = await helpdesk.PostFormAsync(T46sPage, T46sPage + "?handler=Reveal", new() { ["file"] = "001565988c06.cfg" });
        var html = WebUtility.HtmlDecode(await revealed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Contains("secrets affichés", html, StringComparison.Ordinal);
        Assert.DoesNotContain("account.1.password = ********", html, StringComparison.Ordinal);
        Assert.Matches(@"account\.1\.password = [^*\s]+", html);

        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var page = WebUtility.HtmlDecode(await admin.Http.GetStringAsync(T46sPage));
        Assert.DoesNotContain("Afficher les secrets", page, StringComparison.Ordinal);
        var tried = await admin.PostFormAsync(T46sPage, T46sPage + "?handler=Reveal", new() { ["file"] = "001565988c06.cfg" });
        var refusal = WebUtility.HtmlDecode(await tried.Content.ReadAsStringAsync());
        Assert.Contains("Seul le support voit les secrets d'un poste.", refusal, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"account\.1\.password = [^*\s]+", refusal);
    }

    [Fact]
    public async Task A_post_without_its_antiforgery_token_checks_nothing()
    {
        var helpdesk = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk);
        var response = await helpdesk.Http.PostAsync(T46sPage + "?handler=Check", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Adopting_without_a_client_says_so_next_to_the_field_in_the_users_language()
    {
        await SeenAsync("curl/8.5.0", "805ec0114455");
        foreach (var (language, client, model) in new[]
        {
            ("fr", "Ce champ est obligatoire.", "Le modèle manque"),
            ("en", "This field is required.", "The model is missing"),
        })
        {
            var helpdesk = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk, language);
            var response = await helpdesk.PostFormAsync("/helpdesk/unknown-devices", "/helpdesk/unknown-devices?handler=Adopt",
                new() { ["mac"] = "80:5E:C0:11:44:55", ["clientId"] = "", ["model"] = "" });
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"<span class=\"field-error\" data-error-for=\"clientId\">{client}</span>", html, StringComparison.Ordinal);
            Assert.Contains($"data-error-for=\"model\">{model}", html, StringComparison.Ordinal);
        }
        var api = await factory.ClientFor(SophiaFactory.Helpdesk);
        Assert.Contains((await api.GetJson("/api/v1/unknown-devices")).Items(), d => d.Str("mac") == "80:5E:C0:11:44:55");
    }

    [Fact]
    public async Task The_unknown_devices_page_shows_the_model_and_firmware_the_agent_gave_and_flags_a_vendor_the_MAC_denies()
    {
        await SeenAsync("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application", "001565770451");
        var helpdesk = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk);
        var html = WebUtility.HtmlDecode(await helpdesk.Http.GetStringAsync("/helpdesk/unknown-devices?q=00:15:65:77:04:51"));
        var row = html[html.IndexOf("<tr data-mac=\"00:15:65:77:04:51\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<td>VVX 450</td>", row, StringComparison.Ordinal);
        Assert.Contains("6.4.3.5018", row, StringComparison.Ordinal);
        Assert.Contains("data-flag=\"vendorMismatch\"", row, StringComparison.Ordinal);
        Assert.Contains("Polycom VVX 450 (selon le User-Agent)", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_phone_lists_refuse_an_unknown_filter_in_French_and_the_lists_across_clients_are_the_helpdesks()
    {
        var admin = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);
        var html = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/clients/1/phones?filter=bogus"));
        Assert.Contains("« bogus » n'est pas un filtre des postes.", html, StringComparison.Ordinal);
        var all = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/clients/1/phones"));
        Assert.Contains("00:15:65:98:8C:06", all, StringComparison.Ordinal);
        Assert.Contains("00:04:F2:A1:B2:C3", all, StringComparison.Ordinal);

        foreach (var path in new[] { "/helpdesk/not-registered", "/helpdesk/pending-changes", "/helpdesk/unknown-devices" })
        {
            var refused = await admin.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        var helpdesk = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk);
        var notRegistered = WebUtility.HtmlDecode(await helpdesk.Http.GetStringAsync("/helpdesk/not-registered"));
        Assert.Contains("Postes non enregistrés", notRegistered, StringComparison.Ordinal);
        Assert.Contains("00:15:65:98:8C:06", notRegistered, StringComparison.Ordinal);
    }

    /// <summary>A phone out of the box asks for its file without credentials: it is recorded as an unknown device.</summary>
    private async Task SeenAsync(string userAgent, string mac)
    {
        using var response = await new DigestClient(factory.CreateClient(), "x", "y", userAgent).Send($"/prov/{mac}.cfg", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
    }
}
