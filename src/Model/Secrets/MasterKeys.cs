using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Sophia.Model.Data;

namespace Sophia.Model.Secrets;

/// <summary>An AES-256 key that wraps the key ring, named by the first bytes of its SHA-256 so that a wrapped key says which one it needs.</summary>
public sealed record MasterKey(string Id, byte[] Key)
{
    public const int Length = 32;

    public static MasterKey FromBase64(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not base64 (expected base64 of {Length} random bytes, e.g. `openssl rand -base64 32`).");
        }
        if (key.Length != Length)
        {
            throw new InvalidOperationException($"{setting} holds {key.Length} bytes; a master key is {Length} bytes (base64 of `openssl rand -base64 32`).");
        }
        return new MasterKey(Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8)), key);
    }
}

/// <summary>The current master key, which wraps, and the previous ones, which only unwrap during a rotation.</summary>
public sealed partial class MasterKeys(MasterKey current, IReadOnlyList<MasterKey> previous)
{
    public const string KeyFileName = "secrets.key";

    public MasterKey Current => current;

    public MasterKey? Find(string id) =>
        current.Id == id ? current : previous.FirstOrDefault(k => k.Id == id);

    /// <summary>
    /// The configured key, else the configured file, else (SQLite in the data directory only) <c>secrets.key</c> beside
    /// the database, made on first start with mode 0600. PostgreSQL is shared by several nodes that must all hold the
    /// same key: a key made by one of them would lock the others out, so it must be configured.
    /// </summary>
    public static MasterKeys Load(SecretsOptions options, DatabaseOptions database, ILogger log)
    {
        var previous = options.PreviousMasterKeys
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Select((k, i) => MasterKey.FromBase64(k, $"{SecretsOptions.Section}:PreviousMasterKeys:{i}"))
            .ToList();
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return new MasterKeys(MasterKey.FromBase64(options.MasterKey, $"{SecretsOptions.Section}:MasterKey"), previous);
        }
        if (!string.IsNullOrWhiteSpace(options.MasterKeyFile))
        {
            var path = Path.GetFullPath(options.MasterKeyFile);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{SecretsOptions.Section}:MasterKeyFile names {path}, which does not exist.");
            }
            return new MasterKeys(MasterKey.FromBase64(File.ReadAllText(path), $"{SecretsOptions.Section}:MasterKeyFile ({path})"), previous);
        }
        if (database.Provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(MissingOnPostgres);
        }
        var directory = DataDirectory.Create(database.DataDirectory);
        var file = Path.Combine(directory, KeyFileName);
        if (!File.Exists(file))
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(MasterKey.Length));
            DataDirectory.WritePrivateFile(file, key + "\n");
            LogKeyFileCreated(log, file);
        }
        return new MasterKeys(MasterKey.FromBase64(File.ReadAllText(file), file), previous);
    }

    public const string MissingOnPostgres =
        "On PostgreSQL every node needs the same master key: set Sophia:Secrets:MasterKey (base64 of 32 random bytes, " +
        "e.g. `openssl rand -base64 32`) or Sophia:Secrets:MasterKeyFile on each node.";

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning,
        Message = "Master key created in {Path}: keep a copy apart from the database backups; without it the secrets in the database cannot be read")]
    private static partial void LogKeyFileCreated(ILogger logger, string path);
}
