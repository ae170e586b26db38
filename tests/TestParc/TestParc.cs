using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Model.Stock;
using Sophia.Parc;
using Sophia.Parc.Demo;
using Sophia.Stock;

namespace Sophia.Testing;

/// <summary>
/// The parc every test builds on: a real, migrated SQLite database in a temporary folder, on a fake clock, holding either
/// the demo parc of shared/reference/demo-parc.md as <c>--demo</c> loads it (SIP passwords fixed to
/// <c>sip-secret-&lt;sip user&gt;</c> so rendered files compare with golden files) or only its client 15RP with the sites
/// Mandar and Wagram; with builders to add more, and the parc's operations to call as a caller would.
/// </summary>
public sealed class TestParc : IAsyncDisposable
{
    public const string Helpdesk = "support@nlgs.admin";
    public const string Admin15Rp = "admin@15rp.sewan.eu";

    public static readonly MacAddress SeldonT46S = MacAddress.Parse("00:15:65:98:8C:06");
    public static readonly MacAddress LuVvx450 = MacAddress.Parse("00:04:F2:A1:B2:C3");
    public static readonly MacAddress MandarStockT54W = MacAddress.Parse("00:15:65:AA:00:01");
    public static readonly MacAddress WagramStockVvx250 = MacAddress.Parse("00:04:F2:A1:B2:C4");
    public static readonly MacAddress ClientStockT46U = MacAddress.Parse("00:15:65:AA:00:02");

    private readonly string directory;
    private readonly string connectionString;
    private SophiaDb? db;
    private int generatedMacs;

    private TestParc(string directory, FakeTimeProvider clock)
    {
        this.directory = directory;
        connectionString = $"Data Source={Path.Combine(directory, "sophia.db")}";
        Clock = clock;
        Services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddSingleton<TimeProvider>(clock)
            .AddScoped<SophiaDb>(_ => NewDb())
            .AddParc()
            .AddStock()
            .BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Everything the operations logged, at every level.</summary>
    public RecordedLogs Logs { get; } = new();

    /// <summary>The clock, the database and the parc's operations, as the host wires them.</summary>
    public ServiceProvider Services { get; }

    /// <summary>A context of the test's own, opened on first use and disposed with the parc.</summary>
    public SophiaDb Db => db ??= NewDb();

    public int ClientId { get; private set; }
    public int Mandar { get; private set; }
    public int Wagram { get; private set; }

    /// <summary>The demo's users (0 in a parc made without the demo).</summary>
    public int Seldon { get; private set; }
    public int Picard { get; private set; }
    public int Lu { get; private set; }

    /// <summary>The operator's helpdesk, who sees every client.</summary>
    public static Caller HelpdeskCaller { get; } = new(Role.Helpdesk, null, null, Helpdesk);

    /// <summary>15RP's administrator.</summary>
    public Caller AdminCaller => new(Role.ClientAdmin, ClientId, null, Admin15Rp);

    /// <summary>A plain user signing in for themselves.</summary>
    public static Caller UserCaller(User user) => new(Role.User, user.ClientId, user.Id, user.Login);

    /// <summary>The demo parc, as <c>--demo</c> loads it.</summary>
    public static async Task<TestParc> CreateDemoAsync(FakeTimeProvider? clock = null)
    {
        var parc = await CreateEmptyAsync(clock);
        await using (var scope = parc.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoParc>().LoadIfEmptyAsync(user => $"sip-secret-{user}");
        }
        await parc.ReadDemoIdsAsync();
        return parc;
    }

    /// <summary>Only the demo's client 15RP (<c>15rp.sewan.eu</c>) with its sites Mandar and Wagram: no user, number or phone.</summary>
    public static async Task<TestParc> CreateAsync(FakeTimeProvider? clock = null)
    {
        var parc = await CreateEmptyAsync(clock);
        var client = NewClient("15RP", "15rp.sewan.eu", "15rp");
        client.Sites.Add(new Site { Name = "Mandar" });
        client.Sites.Add(new Site { Name = "Wagram" });
        await using (var setup = parc.NewDb())
        {
            setup.Clients.Add(client);
            await setup.SaveChangesAsync();
        }
        (parc.ClientId, parc.Mandar, parc.Wagram) = (client.Id, client.Sites[0].Id, client.Sites[1].Id);
        return parc;
    }

    private static async Task<TestParc> CreateEmptyAsync(FakeTimeProvider? clock)
    {
        var parc = new TestParc(Directory.CreateTempSubdirectory("sophia-parc-").FullName,
            clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));
        await using var db = parc.NewDb();
        await db.Database.MigrateAsync();
        await db.UseWriteAheadLogAsync();
        return parc;
    }

    private async Task ReadDemoIdsAsync()
    {
        await using var read = NewDb();
        var client = await read.Clients.AsNoTracking().SingleAsync(c => c.Name == "15RP");
        var sites = await read.Sites.AsNoTracking().Where(s => s.ClientId == client.Id).ToDictionaryAsync(s => s.Name, s => s.Id);
        var users = await read.Users.AsNoTracking().Where(u => u.ClientId == client.Id).ToDictionaryAsync(u => u.SipUsername, u => u.Id);
        (ClientId, Mandar, Wagram) = (client.Id, sites["Mandar"], sites["Wagram"]);
        (Seldon, Picard, Lu) = (users["cseldon"], users["njoly"], users["rlu"]);
    }

    /// <summary>Another context on the same database, as another request or node would have.</summary>
    public SophiaDb NewDb() => SophiaDbOptions.Sqlite(connectionString, Clock);

    /// <summary>One of the parc's operations in a scope of its own, as a request would get it.</summary>
    public T Operation<T>()
        where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>Another client with one site, for what must stay apart from 15RP.</summary>
    public async Task<(int ClientId, int SiteId)> AddClientAsync(string name, string sipDomain)
    {
        await using var add = NewDb();
        var client = NewClient(name, sipDomain, name.ToLowerInvariant());
        client.Sites.Add(new Site { Name = "Siège" });
        add.Clients.Add(client);
        await add.SaveChangesAsync();
        return (client.Id, client.Sites[0].Id);
    }

    /// <summary>A user of a site (Mandar unless told) with a SIP line <paramref name="sipUser"/>@the client's domain.</summary>
    public async Task<User> AddUserAsync(string lastName, string? firstName, string sipUser, int? siteId = null, params FunctionKey[] keys)
    {
        await using var add = NewDb();
        var site = await add.Sites.Include(s => s.Client).SingleAsync(s => s.Id == (siteId ?? Mandar));
        var user = NewUser(site, lastName, firstName, sipUser);
        user.FunctionKeys.AddRange(keys);
        add.Users.Add(user);
        await add.SaveChangesAsync();
        return user;
    }

    /// <summary>A phone of a site's client: assigned to <paramref name="userId"/>, in the site's stock, or (no site) in the client stock.</summary>
    public async Task<Equipment> AddEquipmentAsync(MacAddress mac, string modelId, int? siteId, int? userId = null, DeviceSettings? settings = null, int? clientId = null)
    {
        await using var add = NewDb();
        var owner = clientId ?? (siteId is { } s ? await add.Sites.Where(x => x.Id == s).Select(x => x.ClientId).SingleAsync() : ClientId);
        var equipment = new Equipment
        {
            Mac = mac,
            ModelId = DeviceCatalog.Get(modelId).Id,
            ClientId = owner,
            SiteId = siteId,
            UserId = userId,
            Settings = settings ?? new DeviceSettings(),
        };
        add.Equipment.Add(equipment);
        await add.SaveChangesAsync();
        return equipment;
    }

    /// <summary>
    /// A T46S of a site (Mandar unless told), assigned to a new user <paramref name="sipUser"/>, or in the site's stock
    /// when null; its id.
    /// </summary>
    public async Task<int> AddPhoneAsync(string mac, string? sipUser, int? siteId = null)
    {
        await using var add = NewDb();
        var site = await add.Sites.Include(s => s.Client).SingleAsync(s => s.Id == (siteId ?? Mandar));
        var user = sipUser is null ? null : NewUser(site, sipUser, null, sipUser);
        var equipment = new Equipment { Mac = MacAddress.Parse(mac), ModelId = "yealink-t46s", ClientId = site.ClientId, SiteId = site.Id, User = user };
        add.Equipment.Add(equipment);
        await add.SaveChangesAsync();
        return equipment.Id;
    }

    /// <summary>
    /// <paramref name="count"/> T46S assigned to new users <c>{prefix}0</c>, <c>{prefix}1</c>... of one site (Mandar unless
    /// told), added in one save: for runs over hundreds of phones. Their ids.
    /// </summary>
    public async Task<List<int>> AddPhonesAsync(string prefix, int count, int? siteId = null)
    {
        await using var add = NewDb();
        var site = await add.Sites.Include(s => s.Client).SingleAsync(s => s.Id == (siteId ?? Mandar));
        var added = new List<Equipment>(count);
        for (var i = 0; i < count; i++)
        {
            var n = ++generatedMacs;
            var mac = MacAddress.Parse($"0A:00:00:{(n >> 16) & 0xFF:X2}:{(n >> 8) & 0xFF:X2}:{n & 0xFF:X2}");
            added.Add(new Equipment { Mac = mac, ModelId = "yealink-t46s", ClientId = site.ClientId, SiteId = site.Id, User = NewUser(site, $"{prefix}{i}", null, $"{prefix}{i}") });
        }
        add.Equipment.AddRange(added);
        await add.SaveChangesAsync();
        return added.Select(e => e.Id).ToList();
    }

    private static Client NewClient(string name, string sipDomain, string provisioningUser) => new()
    {
        OperatorId = 1,
        Name = name,
        SipDomain = sipDomain,
        ProvisioningUser = provisioningUser,
        ProvisioningPassword = "prov-test",
        RegistrarHost = $"sip.{sipDomain}",
    };

    private static User NewUser(Site site, string lastName, string? firstName, string sipUser) => new()
    {
        ClientId = site.ClientId,
        SiteId = site.Id,
        LastName = lastName,
        FirstName = firstName,
        Login = $"{sipUser}@{site.Client!.SipDomain}",
        SipUsername = sipUser,
        SipPassword = $"sip-secret-{sipUser}",
        Language = "fr",
    };

    public async ValueTask DisposeAsync()
    {
        if (db is not null)
        {
            await db.DisposeAsync();
        }
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled connection of a background thread; the OS temp cleaner will take it.
        }
    }
}
