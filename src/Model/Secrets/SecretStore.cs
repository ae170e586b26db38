using System.Data.Common;
using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Rules;

namespace Sophia.Model.Secrets;

/// <summary>
/// What the database holds of secrets, kept encrypted: the key ring wrapped under the current master key, and every
/// secret column encrypted under the current Data Protection key. Rows are rewritten in batches by plain UPDATEs that
/// only replace the value they read, so the server keeps serving (and an administrator's concurrent change wins).
/// </summary>
public sealed partial class SecretStore(SophiaDb db, SecretCipher cipher, MasterKeys masterKeys, IKeyManager keyManager, TimeProvider time, ILogger<SecretStore> log)
{
    public const int BatchSize = 500;

    /// <summary>How long a Data Protection key made by a rotation is used for new values (it decrypts for ever).</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    /// <summary>How long before the current key expires its successor is made: more than Data Protection's own two days.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(7);

    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    /// <summary>
    /// At start: wraps under the current master key every key of the ring stored in clear (before this version) or
    /// under a previous master key, then encrypts every secret value stored in clear. Returns how many values it encrypted.
    /// </summary>
    public async Task<int> SecureAsync(CancellationToken ct)
    {
        EnsureCurrentKey();
        var rewrapped = await WrapKeyRingAsync(ct);
        if (rewrapped > 0)
        {
            LogKeyRingWrapped(log, rewrapped, masterKeys.Current.Id);
        }
        var encrypted = await RewriteAsync(stored => SecretCipher.IsProtected(stored) ? null : cipher.Protect(stored), ct);
        if (encrypted > 0)
        {
            LogClearValuesEncrypted(log, encrypted);
        }
        return encrypted;
    }

    /// <summary>
    /// A new Data Protection key, the default from now on, and every secret value re-encrypted under it; the old keys
    /// stay in the ring and still decrypt whatever a node not yet aware of the new key writes meanwhile.
    /// </summary>
    public async Task<SecretRotation> RotateAsync(Caller caller, CancellationToken ct)
    {
        if (!caller.IsHelpdesk)
        {
            throw new RuleViolationException(
                FieldError.Create("secrets", "secrets.helpdeskOnly", "Only the helpdesk rotates the keys of the secrets: they are the operator's."),
                RuleViolationKind.Forbidden);
        }
        var now = time.GetUtcNow();
        var key = keyManager.CreateNewKey(now, now + KeyLifetime);
        var reencrypted = await RewriteAsync(stored => cipher.Protect(cipher.Unprotect(stored)), ct);
        LogRotated(log, key.KeyId, reencrypted, caller.Login);
        return new SecretRotation(key.KeyId, reencrypted);
    }

    /// <summary>
    /// Makes a new Data Protection key when none is active for another <see cref="RenewBefore"/>. Data Protection would
    /// make it by itself, but on whichever call first needs it: on SQLite, that may be a save whose transaction holds
    /// the very lock the new key's INSERT waits for. Called at start and periodically (<see cref="SecretKeyRenewal"/>).
    /// </summary>
    public void EnsureCurrentKey()
    {
        var now = time.GetUtcNow();
        if (!keyManager.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now + RenewBefore))
        {
            var key = keyManager.CreateNewKey(now, now + KeyLifetime);
            LogKeyCreated(log, key.KeyId, key.ExpirationDate);
        }
    }

    /// <summary>Re-wraps the stored keys; returns how many changed.</summary>
    public async Task<int> WrapKeyRingAsync(CancellationToken ct)
    {
        var changed = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(ct))
        {
            if (row.Xml is null)
            {
                continue;
            }
            var key = XElement.Parse(row.Xml);
            if (Rewrap(key))
            {
                row.Xml = key.ToString(SaveOptions.DisableFormatting);
                changed++;
            }
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }

    private bool Rewrap(XElement key)
    {
        var current = masterKeys.Current;
        var changed = false;
        // Data Protection marks the secret part of a key it was given no encryptor for; it is wrapped as the encryptor would have.
        foreach (var clear in key.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList())
        {
            clear.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", typeof(MasterKeyXmlDecryptor).AssemblyQualifiedName!),
                MasterKeyXmlEncryptor.Wrap(clear, current)));
            changed = true;
        }
        foreach (var wrapped in key.Descendants(MasterKeyXmlEncryptor.Wrapped).ToList())
        {
            if (MasterKeyXmlEncryptor.KeyIdOf(wrapped) != current.Id)
            {
                wrapped.ReplaceWith(MasterKeyXmlEncryptor.Wrap(MasterKeyXmlEncryptor.Unwrap(wrapped, masterKeys), current));
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>Rewrites each stored secret for which <paramref name="rewrite"/> gives a new value (null: leave it); returns how many.</summary>
    private async Task<int> RewriteAsync(Func<string, string?> rewrite, CancellationToken ct)
    {
        var total = 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var column in SecretColumns.Find(db.Model))
            {
                long after = long.MinValue;
                while (true)
                {
                    var rows = await ReadAsync(column, after, ct);
                    if (rows.Count == 0)
                    {
                        break;
                    }
                    after = rows[^1].Id;
                    var changes = rows.Select(r => (r.Id, r.Stored, New: rewrite(r.Stored))).Where(r => r.New is not null).ToList();
                    if (changes.Count > 0)
                    {
                        total += await WriteAsync(column, changes!, ct);
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return total;
    }

    private async Task<List<(long Id, string Stored)>> ReadAsync(SecretColumn column, long after, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText =
            $"""SELECT "{column.Key}", "{column.Column}" FROM "{column.Table}" WHERE "{column.Key}" > @after AND "{column.Column}" IS NOT NULL ORDER BY "{column.Key}" LIMIT {BatchSize}""";
        Add(command, "after", after);
        var rows = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1)));
        }
        return rows;
    }

    private async Task<int> WriteAsync(SecretColumn column, List<(long Id, string Stored, string New)> changes, CancellationToken ct)
    {
        var written = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (id, stored, value) in changes)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = $"""UPDATE "{column.Table}" SET "{column.Column}" = @value WHERE "{column.Key}" = @id AND "{column.Column}" = @stored""";
            Add(command, "value", value);
            Add(command, "id", id);
            Add(command, "stored", stored);
            written += await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return written;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(EventId = 1214, Level = LogLevel.Information, Message = "Data Protection key {KeyId} created, used until {Expiration}")]
    private static partial void LogKeyCreated(ILogger logger, Guid keyId, DateTimeOffset expiration);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "{Count} key(s) of the key ring wrapped under master key {MasterKeyId}")]
    private static partial void LogKeyRingWrapped(ILogger logger, int count, string masterKeyId);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "{Count} secret value(s) stored in clear encrypted")]
    private static partial void LogClearValuesEncrypted(ILogger logger, int count);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Information, Message = "Secrets rotated by {CallerLogin}: key {KeyId} is the default, {Count} value(s) re-encrypted under it")]
    private static partial void LogRotated(ILogger logger, Guid keyId, int count, string callerLogin);
}

public sealed record SecretRotation(Guid KeyId, int Reencrypted);
