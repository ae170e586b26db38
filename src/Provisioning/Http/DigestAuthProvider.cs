using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;

namespace Sophia.Provisioning.Http;

/// <summary>
/// The <see cref="DigestAuth"/> of this node, keyed with the nonce key every node reads from the database
/// (created by the first node that needs it).
/// </summary>
public sealed class DigestAuthProvider(IServiceScopeFactory scopes, TimeProvider time, IOptions<ProvisioningHttpOptions> options) : IDisposable
{
    public const string KeyName = "provisioning-digest-nonce-key";
    private readonly SemaphoreSlim gate = new(1, 1);
    private DigestAuth? auth;

    public async ValueTask<DigestAuth> GetAsync(CancellationToken ct)
    {
        if (auth is { } ready)
        {
            return ready;
        }
        await gate.WaitAsync(ct);
        try
        {
            auth ??= new DigestAuth(await LoadKeyAsync(ct), time, options.Value.Realm, options.Value.NonceLifetime);
            return auth;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<byte[]> LoadKeyAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            var existing = await db.ServerSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == KeyName, ct);
            if (existing is not null)
            {
                return existing.Value;
            }
            db.ServerSecrets.Add(new ServerSecret { Name = KeyName, Value = RandomNumberGenerator.GetBytes(32) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node created it first: read theirs.
            }
        }
    }
}
