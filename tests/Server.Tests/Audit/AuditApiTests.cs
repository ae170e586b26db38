using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Audit;
using Sophia.Model.Data;
using Sophia.Server.Audit;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Audit;

/// <summary>
/// The change log through the API: a change made through it is recorded with who, before and after (a secret only as
/// changed), a refused one not at all; each client admin reads only their client's entries; CSV; retention.
/// </summary>
public sealed class AuditApiTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Fact]
    public async Task A_user_renamed_and_given_a_new_SIP_password_through_the_API_is_in_the_change_log_without_the_password()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);

        await admin.PutJson($"/api/v1/users/{ids.Seldon}", new { firstName = "Hari" });
        var secret = (await admin.PostJson($"/api/v1/users/{ids.Seldon}/sip-password", new { })).Str("sipPassword");

        using var response = await admin.GetAsync($"/api/v1/audit?objectType=user&objectId={ids.Seldon}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        var entries = JsonDocument.Parse(body).RootElement.Items().ToList();
        Assert.True(entries.Count >= 2, body);
        var (renewal, rename) = (entries[0], entries[1]);
        foreach (var entry in new[] { renewal, rename })
        {
            Assert.Equal(SophiaFactory.Admin15Rp, entry.Str("login"));
            Assert.Equal("ClientAdmin", entry.Str("role"));
            Assert.Equal("updated", entry.Str("action"));
            Assert.Equal("User", entry.Str("objectType"));
            Assert.Equal(ids.Seldon.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Str("objectId"));
            Assert.Equal(SophiaFactory.Seldon, entry.Str("objectLabel"));
            Assert.Equal(ids.ClientId, entry.Int("clientId"));
        }
        var password = Assert.Single(renewal.GetProperty("changes").EnumerateArray());
        Assert.Equal("SipPassword", password.Str("property"));
        Assert.True(password.GetProperty("secret").GetBoolean());
        Assert.Equal(JsonValueKind.Null, password.GetProperty("before").ValueKind);
        Assert.Equal(JsonValueKind.Null, password.GetProperty("after").ValueKind);
        var name = Assert.Single(rename.GetProperty("changes").EnumerateArray());
        Assert.Equal(("FirstName", "Cédric", "Hari"), (name.Str("property"), name.Str("before"), name.Str("after")));
        Assert.True(renewal.GetProperty("at").GetDateTimeOffset() >= rename.GetProperty("at").GetDateTimeOffset());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var stored = await db.AuditEntries.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(stored, a => a.Changes.Contains(secret, StringComparison.Ordinal) || (a.ObjectLabel ?? "").Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_change_and_a_stale_If_Match_leave_no_row_in_the_change_log()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var url = $"/api/v1/users/{ids.Picard}";
        var (_, stale) = await admin.GetWithETag(url);
        await admin.PutJson(url, new { function = "Comptable" });
        var before = await RowsAbout("User", ids.Picard);

        using (var invalid = await admin.SendJson(HttpMethod.Put, url, new { function = "Chef", email = "not an address" }))
        {
            await invalid.Problem(HttpStatusCode.BadRequest, "email");
        }
        using (var outdated = await admin.SendJson(HttpMethod.Put, url, new { function = "Chef" }, stale))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, outdated.StatusCode);
        }

        Assert.Equal(before, await RowsAbout("User", ids.Picard));
        Assert.Equal("Comptable", (await admin.GetJson(url)).Str("function"));
    }

    [Fact]
    public async Task A_client_admin_reads_only_their_clients_entries_and_a_plain_user_none()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Journal Voisin");
        var otherAdmin = await factory.ClientFor(other.AdminLogin, other.AdminPassword);
        await otherAdmin.PutJson($"/api/v1/users/{other.AdminUserId}", new { function = "Gérante" });
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        await admin.PutJson($"/api/v1/users/{ids.Lu}", new { function = "Standard" });

        var mine = (await admin.GetJson("/api/v1/audit?pageSize=500")).Items().ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, e => Assert.Equal(ids.ClientId, e.Int("clientId")));
        Assert.Empty((await admin.GetJson($"/api/v1/audit?objectType=User&objectId={other.AdminUserId}")).Items());
        Assert.Empty((await admin.GetJson($"/api/v1/audit?clientId={other.ClientId}")).Items());
        var theirs = (await otherAdmin.GetJson("/api/v1/audit?pageSize=500")).Items().ToList();
        Assert.Contains(theirs, e => e.Str("login") == other.AdminLogin && e.Str("objectId") == other.AdminUserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(theirs, e => Assert.Equal(other.ClientId, e.Int("clientId")));
        var byHelpdesk = (await helpdesk.GetJson($"/api/v1/audit?login={Uri.EscapeDataString(SophiaFactory.Helpdesk)}&objectType=Client")).Items().ToList();
        Assert.Contains(byHelpdesk, e => e.Str("objectLabel") == "Journal Voisin" && e.Str("action") == "created");

        var lu = await factory.ClientFor(SophiaFactory.Lu);
        using var refused = await lu.GetAsync("/api/v1/audit");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_created_object_is_recorded_with_its_new_id_and_its_secrets_only_as_set()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Journal Création");

        var entry = Assert.Single((await helpdesk.GetJson($"/api/v1/audit?objectType=Client&objectId={other.ClientId}")).Items());
        Assert.Equal("created", entry.Str("action"));
        Assert.Equal(other.ClientId, entry.Int("clientId"));
        var changes = entry.GetProperty("changes").EnumerateArray().ToDictionary(c => c.Str("property"));
        Assert.Equal("Journal Création", changes["Name"].Str("after"));
        Assert.True(changes["ProvisioningPassword"].GetProperty("secret").GetBoolean());
        Assert.DoesNotContain("prov-pass", entry.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_change_log_exports_as_CSV_with_the_same_filter_and_no_secret()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        await admin.PutJson($"/api/v1/users/{ids.Lu}", new { mobile = "+33612345678" });
        var secret = (await admin.PostJson($"/api/v1/users/{ids.Lu}/sip-password", new { })).Str("sipPassword");

        using var response = await admin.GetAsync($"/api/v1/audit?objectType=User&objectId={ids.Lu}&format=csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("At,Login,Role,Address,Action,ObjectType,ObjectId,ObjectLabel,ClientId,Changes", lines[0], StringComparison.Ordinal);
        Assert.Contains("SipPassword: changed", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Mobile: ∅ → +33612345678", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(SophiaFactory.Lu, l, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retention_job_deletes_only_the_entries_older_than_the_retention()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var now = TimeProvider.System.GetUtcNow();
        db.AuditEntries.AddRange(
            Row("retention-old", now.AddDays(-366)),
            Row("retention-recent", now.AddDays(-364)));
        await db.SaveChangesAsync();

        var deleted = await scope.ServiceProvider.GetRequiredService<AuditRetentionJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        var left = await db.AuditEntries.AsNoTracking().Where(a => a.ActorLogin.StartsWith("retention-")).Select(a => a.ActorLogin).ToListAsync();
        Assert.Equal(["retention-recent"], left);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ActorLogin == "system"), "The demo's recent entries are kept.");
    }

    private static AuditEntry Row(string login, DateTimeOffset at) =>
        new() { ActorLogin = login, At = at, ObjectType = "User", ObjectId = "0", Changes = "[]" };

    private async Task<int> RowsAbout(string type, int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(a => a.ObjectType == type && a.ObjectId == key);
    }
}
