using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Secrets;
using Sophia.Parc.Users;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Secrets;

/// <summary>
/// Secrets at rest: a copy of the database alone yields none; the key ring is wrapped by a master key kept apart;
/// both the Data Protection key and the master key rotate while every phone keeps being served.
/// </summary>
public sealed class SecretsAtRestTests
{
    private const string LuPin = "86420975";

    [Fact]
    public async Task The_database_files_of_a_demo_server_hold_none_of_the_demo_secrets()
    {
        using var hosts = new SecretHosts();
        using var factory = hosts.Host();
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var ids = await DemoIds.Read(helpdesk);
        await helpdesk.PutJson($"/api/v1/users/{ids.Lu}", new { outgoingPin = LuPin });
        Dictionary<string, string> sipPasswords;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            sipPasswords = await scope.ServiceProvider.GetRequiredService<SophiaDb>().Users.ToDictionaryAsync(u => u.SipUsername, u => u.SipPassword);
        }
        var served = await SecretHosts.FetchDemoPhonesAsync(factory);

        var raw = hosts.RawDatabase();

        Assert.Equal(3, sipPasswords.Count);
        Assert.True(served[0].Status == HttpStatusCode.OK, served[0].Body);
        Assert.Contains("unlock_pin = 2580", served[0].Body, StringComparison.Ordinal);
        Assert.Contains($"account.1.password = {sipPasswords["cseldon"]}", served[0].Body, StringComparison.Ordinal);
        foreach (var secret in sipPasswords.Values.Append("prov-demo").Append("2580").Append(LuPin))
        {
            Assert.False(SecretHosts.Holds(raw, secret), $"The database files hold '{secret}' in clear.");
        }
    }

    [Fact]
    public async Task A_secret_stored_in_clear_by_an_earlier_version_is_encrypted_at_the_next_start()
    {
        using var hosts = new SecretHosts();
        using (var first = hosts.Host())
        {
            await SecretHosts.FetchDemoPhonesAsync(first);
        }
        hosts.Execute("""
            UPDATE "Clients" SET "ProvisioningPassword" = 'clear-prov-7';
            UPDATE "Users" SET "SipPassword" = 'clearsip7clearsip7' WHERE "SipUsername" = 'cseldon';
            UPDATE "Users" SET "OutgoingPin" = '97531' WHERE "SipUsername" = 'rlu';
            UPDATE "Equipment" SET "Settings_LockCode" = '13579', "ProvisioningUser" = 'seldon-phone', "ProvisioningPassword" = 'clear-device-7' WHERE "ModelId" = 'yealink-t46s';
            """);

        using var second = hosts.Host();
        var served = await SecretHosts.FetchDemoPhonesAsync(second, password: "clear-prov-7");

        Assert.All(new[]
        {
            hosts.Stored("""SELECT "ProvisioningPassword" FROM "Clients" """),
            hosts.Stored("""SELECT "SipPassword" FROM "Users" WHERE "SipUsername" = 'cseldon'"""),
            hosts.Stored("""SELECT "Settings_LockCode" FROM "Equipment" WHERE "ModelId" = 'yealink-t46s'"""),
            hosts.Stored("""SELECT "ProvisioningPassword" FROM "Equipment" WHERE "ModelId" = 'yealink-t46s'"""),
        }, stored => Assert.StartsWith(SecretCipher.Prefix, stored, StringComparison.Ordinal));
        var pin = hosts.Stored("""SELECT "OutgoingPin" FROM "Users" WHERE "SipUsername" = 'rlu'""")!;
        Assert.DoesNotContain("97531", pin, StringComparison.Ordinal);
        var raw = hosts.RawDatabase();
        Assert.All(new[] { "clear-prov-7", "clearsip7clearsip7", "13579", "clear-device-7" }, secret => Assert.False(SecretHosts.Holds(raw, secret), secret));

        // The phone with its own credentials now authenticates with them; the others with the client's.
        var seldonPhone = new DigestClient(second.CreateClient(), "seldon-phone", "clear-device-7", SecretHosts.DemoPhones[0].Agent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new DigestClient(second.CreateClient(), "15rp", "clear-prov-7", SecretHosts.DemoPhones[0].Agent).GetAsync("/prov/001565988c06.cfg")).StatusCode);
        using var seldon = await seldonPhone.GetAsync("/prov/001565988c06.cfg");
        var body = await seldon.Content.ReadAsStringAsync();
        Assert.Contains("account.1.password = clearsip7clearsip7", body, StringComparison.Ordinal);
        Assert.Contains("unlock_pin = 13579", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served[1].Status);
        await using var scope = second.Services.CreateAsyncScope();
        var lu = await scope.ServiceProvider.GetRequiredService<SophiaDb>().Users.SingleAsync(u => u.SipUsername == "rlu");
        var users = scope.ServiceProvider.GetRequiredService<UserOperations>();
        Assert.True(await users.VerifyOutgoingPinAsync(Caller.Job("routing"), lu.Id, "97531", default));
        Assert.False(await users.VerifyOutgoingPinAsync(Caller.Job("routing"), lu.Id, "97530", default));
    }

    [Fact]
    public async Task Rotating_the_secrets_keeps_every_demo_phone_served_and_reencrypts_every_secret_under_a_new_key()
    {
        using var hosts = new SecretHosts();
        List<(HttpStatusCode Status, string Body)> before;
        string storedBefore;
        using (var factory = hosts.Host())
        {
            before = await SecretHosts.FetchDemoPhonesAsync(factory);
            storedBefore = hosts.Stored("""SELECT "SipPassword" FROM "Users" WHERE "SipUsername" = 'cseldon'""")!;
            var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
            using (var refused = await admin.PostAsync("/api/v1/secrets/rotate", null))
            {
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            }
            var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);

            // Phones keep fetching while the secrets are re-encrypted.
            var rotation = helpdesk.PostJson("/api/v1/secrets/rotate", new { });
            var during = new List<(HttpStatusCode Status, string Body)>();
            do
            {
                during.AddRange(await SecretHosts.FetchDemoPhonesAsync(factory));
            }
            while (!rotation.IsCompleted);
            var rotated = await rotation;

            Assert.True(rotated.Int("reencrypted") >= 5, rotated.GetRawText());
            Assert.All(during, f => Assert.Contains(f, before));
            Assert.Equal(before, await SecretHosts.FetchDemoPhonesAsync(factory));
        }
        Assert.All(before, f => Assert.Equal(HttpStatusCode.OK, f.Status));
        var storedAfter = hosts.Stored("""SELECT "SipPassword" FROM "Users" WHERE "SipUsername" = 'cseldon'""")!;
        Assert.StartsWith(SecretCipher.Prefix, storedAfter, StringComparison.Ordinal);
        Assert.NotEqual(storedBefore, storedAfter);
        Assert.Equal("2", hosts.Stored("""SELECT CAST(COUNT(*) AS TEXT) FROM "DataProtectionKeys" """));

        // A node started afresh (nothing rendered in memory) decrypts what the rotation wrote.
        using var restarted = hosts.Host();
        Assert.Equal(before, await SecretHosts.FetchDemoPhonesAsync(restarted));
    }

    [Fact]
    public async Task A_new_master_key_with_the_old_one_as_previous_rewraps_the_key_ring_after_which_the_old_one_can_go()
    {
        using var hosts = new SecretHosts();
        List<(HttpStatusCode Status, string Body)> before;
        using (var first = hosts.Host())
        {
            before = await SecretHosts.FetchDemoPhonesAsync(first);
        }
        var old = MasterKey.FromBase64(await File.ReadAllTextAsync(Path.Combine(hosts.DataDirectory, MasterKeys.KeyFileName)), "test");
        var current = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var currentId = MasterKey.FromBase64(current, "test").Id;
        Assert.Contains($"masterKeyId=\"{old.Id}\"", hosts.Stored("""SELECT "Xml" FROM "DataProtectionKeys" """), StringComparison.Ordinal);

        using (var during = hosts.Host(("Sophia:Secrets:MasterKey", current), ("Sophia:Secrets:PreviousMasterKeys:0", Convert.ToBase64String(old.Key))))
        {
            Assert.Equal(before, await SecretHosts.FetchDemoPhonesAsync(during));
        }
        var ring = hosts.Stored("""SELECT "Xml" FROM "DataProtectionKeys" """)!;
        Assert.Contains($"masterKeyId=\"{currentId}\"", ring, StringComparison.Ordinal);
        Assert.DoesNotContain(old.Id, ring, StringComparison.Ordinal);

        using var after = hosts.Host(("Sophia:Secrets:MasterKey", current));
        Assert.Equal(before, await SecretHosts.FetchDemoPhonesAsync(after));
    }

    [Fact]
    public async Task Two_hosts_with_different_keys_in_one_process_each_encrypt_with_their_own()
    {
        using var hostsA = new SecretHosts();
        using var hostsB = new SecretHosts();
        using var a = hostsA.Host();
        using var b = hostsB.Host();

        var servedA = await SecretHosts.FetchDemoPhonesAsync(a);
        var servedB = await SecretHosts.FetchDemoPhonesAsync(b);
        var servedAgainA = await SecretHosts.FetchDemoPhonesAsync(a);

        Assert.All(servedA.Concat(servedB).Concat(servedAgainA), f => Assert.True(f.Status == HttpStatusCode.OK, f.Body));
        var cipherA = a.Services.GetRequiredService<SecretCipher>();
        var cipherB = b.Services.GetRequiredService<SecretCipher>();
        var storedA = hostsA.Stored("""SELECT "ProvisioningPassword" FROM "Clients" """)!;
        var storedB = hostsB.Stored("""SELECT "ProvisioningPassword" FROM "Clients" """)!;
        Assert.Equal(("prov-demo", "prov-demo"), (cipherA.Unprotect(storedA), cipherB.Unprotect(storedB)));
        Assert.ThrowsAny<CryptographicException>(() => cipherB.Unprotect(storedA));
        Assert.ThrowsAny<CryptographicException>(() => cipherA.Unprotect(storedB));
    }

    [Fact]
    public void On_PostgreSQL_without_a_master_key_the_server_refuses_to_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sophia:Database:Provider"] = "Postgres",
            ["Sophia:Database:ConnectionString"] = "Host=localhost;Database=sophia",
        }).Build();

        var refusal = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSophiaData(configuration));

        Assert.Contains("Sophia:Secrets:MasterKey", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_data_directory_is_private_to_the_server_and_so_are_its_files_even_an_earlier_database()
    {
        using var hosts = new SecretHosts();
        Directory.Delete(hosts.DataDirectory);
        using (var first = hosts.Host())
        {
            await SecretHosts.FetchDemoPhonesAsync(first);
            Assert.Equal(DataDirectory.DirectoryMode, File.GetUnixFileMode(hosts.DataDirectory));
            var files = new[] { "sophia.db", "sophia.db-wal", "sophia.db-shm", MasterKeys.KeyFileName, "hangfire.db" }
                .Select(f => Path.Combine(hosts.DataDirectory, f)).ToList();
            Assert.All(files, f => Assert.Equal((f, DataDirectory.FileMode), (f, File.GetUnixFileMode(f))));
        }
        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(hosts.DatabaseFile, readable);

        using var second = hosts.Host();
        await SecretHosts.FetchDemoPhonesAsync(second);

        Assert.Equal(DataDirectory.FileMode, File.GetUnixFileMode(hosts.DatabaseFile));
    }
}
