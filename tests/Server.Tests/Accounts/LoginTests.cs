using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Accounts;

/// <summary>Generated logins, secrets kept out of responses, and what a failed or repeated login sees.</summary>
public sealed class LoginTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_login_is_generated_from_the_names_without_accents_at_the_client_domain()
    {
        var (admin, ids) = await Admin();
        var elodie = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users",
            new { lastName = "Dupré", firstName = "Élodie", password = "elodie-pass-2026" }, HttpStatusCode.Created);
        Assert.Equal("edupre@15rp.sewan.eu", elodie.Str("login"));
        Assert.Equal("edupre", elodie.Str("sipUsername"));
        var spaced = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users",
            new { lastName = "De La Tour-Œillet", firstName = "Ægir" }, HttpStatusCode.Created);
        Assert.Equal("adelatouroeillet@15rp.sewan.eu", spaced.Str("login"));
        var token = await factory.CreateClient().PostJson("/api/v1/auth/token", new { login = "EDupre@15rp.sewan.eu", password = "elodie-pass-2026" });
        Assert.Equal("User", token.Str("role"));
    }

    [Fact]
    public async Task A_login_collision_gets_a_digit_and_never_overwrites_the_holder()
    {
        var (admin, ids) = await Admin();
        var first = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users",
            new { lastName = "Moreau", firstName = "Jeanne", password = "jeanne-pass-2026" }, HttpStatusCode.Created);
        var second = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users",
            new { lastName = "Moreau", firstName = "Jérôme", password = "jerome-pass-2026" }, HttpStatusCode.Created);
        var third = await admin.PostJson($"/api/v1/sites/{ids.Mandar}/users",
            new { lastName = "MOREAU", firstName = "julie" }, HttpStatusCode.Created);
        Assert.Equal(
            ["jmoreau@15rp.sewan.eu", "jmoreau2@15rp.sewan.eu", "jmoreau3@15rp.sewan.eu"],
            [first.Str("login"), second.Str("login"), third.Str("login")]);
        Assert.Equal(3, new[] { first, second, third }.Select(u => u.Str("sipUsername")).Distinct().Count());

        var jeanne = await admin.GetJson($"/api/v1/users/{first.Int("id")}");
        Assert.Equal(("jmoreau@15rp.sewan.eu", "Jeanne"), (jeanne.Str("login"), jeanne.Str("firstName")));
        Assert.Equal("User", (await factory.CreateClient().PostJson("/api/v1/auth/token", new { login = "jmoreau@15rp.sewan.eu", password = "jeanne-pass-2026" })).Str("role"));
        Assert.Equal("User", (await factory.CreateClient().PostJson("/api/v1/auth/token", new { login = "jmoreau2@15rp.sewan.eu", password = "jerome-pass-2026" })).Str("role"));
    }

    [Fact]
    public async Task A_generated_login_never_takes_a_staff_accounts_login()
    {
        var (admin, ids) = await Admin();
        var user = await admin.PostJson($"/api/v1/sites/{ids.Wagram}/users", new { lastName = "Admin" }, HttpStatusCode.Created);
        Assert.Equal("admin2@15rp.sewan.eu", user.Str("login"));
        Assert.Equal("ClientAdmin", (await factory.CreateClient().PostJson("/api/v1/auth/token",
            new { login = SophiaFactory.Admin15Rp, password = SophiaFactory.Password })).Str("role"));
    }

    [Fact]
    public async Task The_SIP_password_is_in_no_user_response_list_search_or_export()
    {
        var (admin, ids) = await Admin();
        var created = await admin.PostJson($"/api/v1/sites/{ids.Mandar}/users", new { lastName = "Secret", firstName = "Sam" }, HttpStatusCode.Created);
        string[] secrets;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            secrets = await db.Users.Where(u => u.Id == created.Int("id") || u.Id == ids.Seldon).Select(u => u.SipPassword).ToArrayAsync();
        }
        Assert.Equal(2, secrets.Length);
        Assert.All(secrets, s => Assert.True(s.Length >= 16, "A SIP password is long."));
        Assert.DoesNotContain(created.EnumerateObject(), p => p.Name.Contains("password", StringComparison.OrdinalIgnoreCase));

        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var seldon = await factory.ClientFor(SophiaFactory.Seldon);
        var reads = new (HttpClient Http, string Url)[]
        {
            (admin, $"/api/v1/users/{ids.Seldon}"),
            (admin, $"/api/v1/users/{created.Int("id")}"),
            (admin, $"/api/v1/sites/{ids.Mandar}/users"),
            (admin, $"/api/v1/sites/{ids.Mandar}/users?format=csv"),
            (helpdesk, $"/api/v1/sites/{ids.Mandar}/users?format=csv"),
            (admin, $"/api/v1/sites/{ids.Mandar}/equipment?format=csv"),
            (admin, "/api/v1/search?q=seldon"),
            (admin, "/api/v1/search?q=secret"),
            (admin, $"/api/v1/clients/{ids.ClientId}/contacts/internal"),
            (admin, $"/api/v1/users/{ids.Seldon}/function-keys"),
            (seldon, $"/api/v1/users/{ids.Seldon}"),
            (helpdesk, $"/api/v1/users/{ids.Seldon}"),
        };
        foreach (var (http, url) in reads)
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
            Assert.True(body.Length > 2, $"GET {url} answered nothing.");
            Assert.DoesNotContain("sipPassword", body, StringComparison.OrdinalIgnoreCase);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_users_csv_export_lists_the_site_users_with_numbers_and_short_numbers()
    {
        var (admin, ids) = await Admin();
        using var response = await admin.GetAsync($"/api/v1/sites/{ids.Mandar}/users?format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("Login,", lines[0], StringComparison.Ordinal);
        var lu = Assert.Single(lines, l => l.StartsWith("rlu@15rp.sewan.eu,", StringComparison.Ordinal));
        Assert.Contains("+33185737638", lu, StringComparison.Ordinal);
        Assert.Contains("438 4638", lu, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_401()
    {
        var http = factory.CreateClient();
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (login, password) in new[]
        {
            (SophiaFactory.Admin15Rp, "wrong-password"),
            (SophiaFactory.Seldon, "wrong-password"),
            ("nobody@15rp.sewan.eu", "wrong-password"),
            ("nobody@15rp.sewan.eu", SophiaFactory.Password),
        })
        {
            using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { login, password });
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var shape = string.Join('|', body.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
            Assert.DoesNotContain("token", shape, StringComparison.Ordinal);
            answers.Add((response.StatusCode, shape));
        }
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Item1));
        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task A_missing_login_is_refused_naming_the_field()
    {
        using var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { password = "x" });
        await response.Problem(HttpStatusCode.BadRequest, "login");
        using var noPassword = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = SophiaFactory.Seldon });
        await noPassword.Problem(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task An_unknown_token_gets_401()
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var response = await http.GetAsync("/api/v1/clients");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_attempts_beyond_the_limit_get_429_with_Retry_After()
    {
        using var limited = new SophiaFactory();
        limited.Settings["Sophia:Auth:LoginAttemptsPerMinute"] = "3";
        var http = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var password in new[] { "wrong-1", SophiaFactory.Password, "wrong-2" })
        {
            using var attempt = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = SophiaFactory.Admin15Rp, password });
            statuses.Add(attempt.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized], statuses);

        using var fourth = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = SophiaFactory.Admin15Rp, password = SophiaFactory.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        var retryAfter = fourth.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("token\"", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The limit is on login attempts only: the rest of the API still answers.
        Assert.Equal("ready", (await http.GetJson("/health")).Str("status"));
    }

    private async Task<(HttpClient Admin, DemoIds Ids)> Admin()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        return (admin, await DemoIds.Read(admin));
    }
}
