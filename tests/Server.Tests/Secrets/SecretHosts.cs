using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Secrets;

/// <summary>What the secrets tests share: a data directory that outlives one host, raw reads of its files, and the demo phones as they fetch.</summary>
internal sealed class SecretHosts : IDisposable
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("sophia-secrets-").FullName;

    public string DatabaseFile => Path.Combine(DataDirectory, "sophia.db");

    /// <summary>Every demo phone: its own file, and the agent it fetches it with.</summary>
    public static readonly (string File, string Agent)[] DemoPhones =
    [
        ("001565988c06.cfg", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06"),
        ("0004f2a1b2c3-sophia.cfg", "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application"),
        ("001565aa0001.cfg", "Yealink SIP-T54W 96.86.0.15 00:15:65:aa:00:01"),
        ("0004f2a1b2c4-sophia.cfg", "FileTransport PolycomVVX-VVX_250-UA/6.4.3.5018 Type/Application"),
        ("001565aa0002.cfg", "Yealink SIP-T46U 108.86.0.15 00:15:65:aa:00:02"),
    ];

    /// <summary>A demo host on this directory (the demo is loaded on the first only: later ones find a parc).</summary>
    public SophiaFactory Host(params (string Key, string Value)[] settings)
    {
        var factory = new SophiaFactory();
        factory.Settings["Sophia:DataDirectory"] = DataDirectory;
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }
        return factory;
    }

    /// <summary>Each demo phone's file as the phone gets it with the demo's digest credentials: status and body.</summary>
    public static async Task<List<(HttpStatusCode Status, string Body)>> FetchDemoPhonesAsync(SophiaFactory factory, string password = "prov-demo")
    {
        var files = new List<(HttpStatusCode, string)>();
        foreach (var (file, agent) in DemoPhones)
        {
            var phone = new DigestClient(factory.CreateClient(), "15rp", password, agent);
            using var response = await phone.GetAsync($"/prov/{file}");
            files.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        return files;
    }

    /// <summary>The bytes of the database, its write-ahead log and shared memory, read beside the running server.</summary>
    public byte[] RawDatabase()
    {
        using var all = new MemoryStream();
        foreach (var path in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" }.Where(File.Exists))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file.CopyTo(all);
        }
        return all.ToArray();
    }

    public static bool Holds(byte[] raw, string text) => raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>A column as stored, read past EF Core and its converters.</summary>
    public string? Stored(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background thread; the OS temp cleaner will take it.
        }
    }
}
