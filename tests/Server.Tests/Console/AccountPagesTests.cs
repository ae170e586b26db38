using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Sophia.Parc.Accounts;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Console;

/// <summary>The console's staff accounts pages, the login's TOTP step, TOTP enrolment, and a user's own password page.</summary>
public sealed partial class AccountPagesTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string Strong = "Tramway-Bleu-Vingt-Sept";

    [Fact]
    public async Task A_helpdesk_with_TOTP_signs_in_on_the_console_in_two_steps_and_a_wrong_code_keeps_it_out()
    {
        var secret = await EnrolledHelpdeskAsync("console-totp@nlgs.admin");
        var forms = Browser();

        var first = await forms.PostFormAsync("/login", "/login", new() { ["Login"] = "console-totp@nlgs.admin", ["Password"] = Strong });
        var step = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Code de l'application d'authentification", WebUtility.HtmlDecode(step), StringComparison.Ordinal);
        Assert.DoesNotContain(Strong, step, StringComparison.Ordinal);
        Assert.False(first.Headers.Contains("Set-Cookie") && first.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("sophia_session=", StringComparison.Ordinal)));
        var pending = Pending().Match(step).Groups["pending"].Value;

        var wrong = await forms.PostFormAsync("/login", "/login", new() { ["Pending"] = pending, ["Totp"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Code erroné ou déjà utilisé.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await forms.Http.GetAsync("/clients")).StatusCode);

        var signedIn = await forms.PostFormAsync("/login", "/login", new() { ["Pending"] = pending, ["Totp"] = TotpCodes.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30)) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forms.Http.GetAsync("/clients")).StatusCode);
    }

    [Fact]
    public async Task A_helpdesk_enrols_TOTP_on_the_console_seeing_the_secret_once()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        await helpdesk.PostJson("/api/v1/accounts", new { login = "enrol@nlgs.admin", role = "Helpdesk", password = Strong }, HttpStatusCode.Created);
        var forms = Browser();
        await forms.PostFormAsync("/login", "/login", new() { ["Login"] = "enrol@nlgs.admin", ["Password"] = Strong });

        var begun = WebUtility.HtmlDecode(await (await forms.PostFormAsync("/account/totp", "/account/totp?handler=Begin", [])).Content.ReadAsStringAsync());
        var secret = Regex.Match(begun, """<code class="secret base32">(?<s>[A-Z2-7]+)</code>""").Groups["s"].Value;
        Assert.Contains("otpauth://totp/Sophia:enrol%40nlgs.admin?secret=" + secret, begun, StringComparison.Ordinal);
        var confirmed = await forms.PostFormAsync("/account/totp", "/account/totp?handler=Confirm", new() { ["Code"] = TotpCodes.Code(secret, DateTimeOffset.UtcNow) });

        Assert.Contains("La double authentification est activée", WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await forms.Http.GetStringAsync("/account/totp"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_admin_creates_and_disables_their_clients_accounts_on_the_console_and_sees_no_other()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Pages");
        await helpdesk.PostJson("/api/v1/accounts", new { login = "admin@pages.example.net", role = "ClientAdmin", clientId = other.ClientId, password = Strong }, HttpStatusCode.Created);
        var forms = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Admin15Rp);

        var created = WebUtility.HtmlDecode(await (await forms.PostFormAsync("/accounts/new", "/accounts/new", new() { ["Input.Login"] = "troisieme@15rp.sewan.eu" })).Content.ReadAsStringAsync());
        var generated = Regex.Match(created, """<code class="secret">(?<p>[A-Za-z0-9]{20})</code>""").Groups["p"].Value;
        Assert.Equal(20, generated.Length);
        var list = await forms.Http.GetStringAsync("/accounts");
        Assert.Contains("data-login=\"troisieme@15rp.sewan.eu\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@pages.example.net", list, StringComparison.Ordinal);
        Assert.DoesNotContain(SophiaFactory.Helpdesk, list, StringComparison.Ordinal);
        Assert.Contains("href=\"/accounts\"", await forms.Http.GetStringAsync("/accounts/new"), StringComparison.Ordinal);

        var id = (await (await factory.ClientFor(SophiaFactory.Admin15Rp)).GetJson("/api/v1/accounts")).EnumerateArray().Single(a => a.Str("login") == "troisieme@15rp.sewan.eu").Int("id");
        var session = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = "troisieme@15rp.sewan.eu", password = generated });
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var disabled = await forms.PostFormAsync("/accounts", "/accounts?handler=Disable", new() { ["accountId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Contains("Désactivé", WebUtility.HtmlDecode(await forms.Http.GetStringAsync("/accounts")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = "troisieme@15rp.sewan.eu", password = generated })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await forms.Http.GetAsync("/accounts/" + (await helpdesk.GetJson("/api/v1/accounts")).EnumerateArray().Single(a => a.Str("login") == "admin@pages.example.net").Int("id") + "/password")).StatusCode);
    }

    [Fact]
    public async Task A_user_changes_their_own_password_on_the_console_giving_the_current_one_under_the_policy()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var user = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Secret", firstName = "Paul", password = "Premier-Mot-De-Passe" }, HttpStatusCode.Created);
        var forms = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await forms.PostFormAsync("/login", "/login", new() { ["Login"] = user.Str("login"), ["Password"] = "Premier-Mot-De-Passe" })).StatusCode);
        var page = $"/users/{user.Int("id")}/password";
        Assert.Contains($"href=\"{page}\"", await forms.Http.GetStringAsync($"/users/{user.Int("id")}/phones"), StringComparison.Ordinal);

        var wrongCurrent = WebUtility.HtmlDecode(await (await forms.PostFormAsync(page, page, new() { ["CurrentPassword"] = "devine", ["NewPassword"] = "Second-Mot-De-Passe" })).Content.ReadAsStringAsync());
        var common = WebUtility.HtmlDecode(await (await forms.PostFormAsync(page, page, new() { ["CurrentPassword"] = "Premier-Mot-De-Passe", ["NewPassword"] = "motdepasse123456" })).Content.ReadAsStringAsync());
        var saved = WebUtility.HtmlDecode(await (await forms.PostFormAsync(page, page, new() { ["CurrentPassword"] = "Premier-Mot-De-Passe", ["NewPassword"] = "Second-Mot-De-Passe" })).Content.ReadAsStringAsync());

        Assert.Contains("Le mot de passe actuel n'est pas le bon.", wrongCurrent, StringComparison.Ordinal);
        Assert.Contains("Ce mot de passe fait partie des plus utilisés", common, StringComparison.Ordinal);
        Assert.Contains("Votre mot de passe est changé.", saved, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = user.Str("login"), password = "Second-Mot-De-Passe" })).StatusCode);
    }

    private async Task<string> EnrolledHelpdeskAsync(string login)
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        await helpdesk.PostJson("/api/v1/accounts", new { login, role = "Helpdesk", password = Strong }, HttpStatusCode.Created);
        using var session = factory.CreateClient();
        session.DefaultRequestHeaders.Authorization = new("Bearer", (await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login, password = Strong })).Json()).Str("token"));
        var secret = (await session.PostJson("/api/v1/accounts/me/totp", new { })).Str("secret");
        await session.PostJson("/api/v1/accounts/me/totp/confirm", new { code = TotpCodes.Code(secret, DateTimeOffset.UtcNow) });
        return secret;
    }

    private ConsoleForms Browser()
    {
        var forms = new ConsoleForms(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        forms.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        return forms;
    }

    [GeneratedRegex("""name="Pending" value="(?<pending>[^"]+)""")]
    private static partial Regex Pending();
}
