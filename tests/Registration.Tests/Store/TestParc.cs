using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Stock;

namespace Sophia.Registration.Tests.Store;

/// <summary>
/// A real, migrated SQLite database in a temporary folder with one client (15RP, <c>15rp.sewan.eu</c>) and two sites,
/// on a fake clock; phones are added per test.
/// </summary>
internal sealed class TestParc : IAsyncDisposable
{
    private readonly string directory;
    private readonly DbContextOptions<SqliteSophiaDb> options;
    private int generatedMacs;

    private TestParc(string directory, FakeTimeProvider clock)
    {
        this.directory = directory;
        Clock = clock;
        options = (DbContextOptions<SqliteSophiaDb>)new DbContextOptionsBuilder<SqliteSophiaDb>().UseSophiaSqlite($"Data Source={Path.Combine(directory, "sophia.db")}", clock).Options;
        Services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddScoped<SophiaDb>(_ => NewDb())
            .BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public ServiceProvider Services { get; }

    public int ClientId { get; private set; }

    public int Mandar { get; private set; }

    public int Wagram { get; private set; }

    public static async Task<TestParc> CreateAsync(FakeTimeProvider? clock = null)
    {
        var parc = new TestParc(Directory.CreateTempSubdirectory("sophia-registration-").FullName,
            clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));
        await using var db = parc.NewDb();
        await db.Database.MigrateAsync();
        var client = new Client
        {
            OperatorId = 1,
            Name = "15RP",
            SipDomain = "15rp.sewan.eu",
            ProvisioningUser = "15rp",
            ProvisioningPassword = "prov-test",
            RegistrarHost = "sip.15rp.sewan.eu",
        };
        client.Sites.Add(new Site { Name = "Mandar" });
        client.Sites.Add(new Site { Name = "Wagram" });
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        (parc.ClientId, parc.Mandar, parc.Wagram) = (client.Id, client.Sites[0].Id, client.Sites[1].Id);
        return parc;
    }

    public SophiaDb NewDb() => new SqliteSophiaDb(options);

    /// <summary>Another client with one site, for phones served by another registrar.</summary>
    public async Task<(int ClientId, int SiteId)> AddClientAsync(string name, string sipDomain)
    {
        await using var db = NewDb();
        var client = new Client
        {
            OperatorId = 1,
            Name = name,
            SipDomain = sipDomain,
            ProvisioningUser = name.ToLowerInvariant(),
            ProvisioningPassword = "prov-test",
            RegistrarHost = $"sip.{sipDomain}",
        };
        client.Sites.Add(new Site { Name = "Siège" });
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return (client.Id, client.Sites[0].Id);
    }

    /// <summary>
    /// A phone; assigned to a new user <paramref name="sipUser"/> unless null (then in the site's stock). The client is
    /// the site's (15RP's Mandar unless told).
    /// </summary>
    public async Task<int> AddPhoneAsync(string mac, string? sipUser, int? siteId = null)
    {
        await using var db = NewDb();
        var site = siteId ?? Mandar;
        var client = await db.Sites.Where(s => s.Id == site).Select(s => new { s.ClientId, s.Client!.SipDomain }).SingleAsync();
        User? user = null;
        if (sipUser is not null)
        {
            user = new User
            {
                ClientId = client.ClientId,
                SiteId = site,
                LastName = sipUser,
                Login = $"{sipUser}@{client.SipDomain}",
                SipUsername = sipUser,
                SipPassword = "sip-secret",
            };
            db.Users.Add(user);
        }
        var equipment = new Equipment { Mac = MacAddress.Parse(mac), ModelId = "yealink-t46s", ClientId = client.ClientId, SiteId = site, User = user };
        db.Equipment.Add(equipment);
        await db.SaveChangesAsync();
        return equipment.Id;
    }

    /// <summary>
    /// <paramref name="count"/> phones assigned to new users <c>{prefix}0</c>, <c>{prefix}1</c>... on one site (15RP's
    /// Mandar unless told), added in one save: for runs over hundreds of phones.
    /// </summary>
    public async Task<List<int>> AddPhonesAsync(string prefix, int count, int? siteId = null)
    {
        await using var db = NewDb();
        var site = siteId ?? Mandar;
        var client = await db.Sites.Where(s => s.Id == site).Select(s => new { s.ClientId, s.Client!.SipDomain }).SingleAsync();
        var added = new List<Equipment>(count);
        for (var i = 0; i < count; i++)
        {
            var n = ++generatedMacs;
            var user = new User
            {
                ClientId = client.ClientId,
                SiteId = site,
                LastName = $"{prefix}{i}",
                Login = $"{prefix}{i}@{client.SipDomain}",
                SipUsername = $"{prefix}{i}",
                SipPassword = "sip-secret",
            };
            db.Users.Add(user);
            var mac = MacAddress.Parse($"0A:00:00:{(n >> 16) & 0xFF:X2}:{(n >> 8) & 0xFF:X2}:{n & 0xFF:X2}");
            added.Add(new Equipment { Mac = mac, ModelId = "yealink-t46s", ClientId = client.ClientId, SiteId = site, User = user });
        }
        db.Equipment.AddRange(added);
        await db.SaveChangesAsync();
        return added.Select(e => e.Id).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
