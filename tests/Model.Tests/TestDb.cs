using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Parc;

namespace Sophia.Model.Tests;

/// <summary>A real SQLite database in memory, migrated like production, with one client and one site.</summary>
public sealed class TestDb : IAsyncDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    private TestDb()
    {
    }

    public SophiaDb Db { get; private set; } = null!;
    public Client Client { get; private set; } = null!;
    public Site Site { get; private set; } = null!;

    public static async Task<TestDb> CreateAsync()
    {
        var test = new TestDb();
        await test.connection.OpenAsync();
        test.Db = test.NewContext();
        await test.Db.Database.MigrateAsync();
        test.Client = new Client
        {
            OperatorId = 1,
            Name = "15RP",
            SipDomain = "15rp.sewan.eu",
            ProvisioningUser = "15rp",
            ProvisioningPassword = "prov-demo",
            RegistrarHost = "sip.15rp.sewan.eu",
        };
        test.Db.Clients.Add(test.Client);
        await test.Db.SaveChangesAsync();
        test.Site = new Site { ClientId = test.Client.Id, Name = "Mandar" };
        test.Db.Sites.Add(test.Site);
        await test.Db.SaveChangesAsync();
        return test;
    }

    /// <summary>A second context on the same database, as another request or node would have.</summary>
    public SophiaDb NewContext() =>
        SophiaDbOptions.Sqlite(connection, TimeProvider.System);

    public User AddUser(string last, string first, int? siteId = null)
    {
        var login = LoginGenerator.Base(last, first, Client.SipDomain);
        var user = new User
        {
            ClientId = Client.Id,
            SiteId = siteId ?? Site.Id,
            LastName = last,
            FirstName = first,
            Login = login,
            SipUsername = login.Split('@')[0],
            SipPassword = "not-a-real-secret",
        };
        Db.Users.Add(user);
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await connection.DisposeAsync();
    }
}
