using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;

namespace Sophia.Parc.Users;

/// <summary>
/// Outgoing-call PINs, stored as password hashes: the call routing only has to check one, so none is ever read back.
/// A PIN is 4 to 8 digits and a hash never is, which tells a PIN stored in clear before hashing from a hashed one.
/// </summary>
public static class OutgoingPins
{
    // The hasher takes a user object to salt by; its hash format (PBKDF2, random salt) ignores it.
    private static readonly object Subject = new();

    public static string Hash(IPasswordHasher<object> hasher, string pin) => hasher.HashPassword(Subject, pin);

    public static bool Verify(IPasswordHasher<object> hasher, string? stored, string pin) =>
        stored is not null && !IsClear(stored) && hasher.VerifyHashedPassword(Subject, stored, pin) != PasswordVerificationResult.Failed;

    public static bool IsClear(string stored) => stored.All(char.IsAsciiDigit);

    /// <summary>Hashes the PINs stored in clear by an earlier version; returns how many. Versions do not move: phones never see a PIN.</summary>
    public static async Task<int> HashClearPinsAsync(SophiaDb db, IPasswordHasher<object> hasher, CancellationToken ct)
    {
        var stored = await db.Users.Where(u => u.OutgoingPin != null).Select(u => new { u.Id, u.OutgoingPin }).ToListAsync(ct);
        var hashed = 0;
        foreach (var clear in stored.Where(u => IsClear(u.OutgoingPin!)))
        {
            var hash = Hash(hasher, clear.OutgoingPin!);
            hashed += await db.Users.Where(u => u.Id == clear.Id && u.OutgoingPin == clear.OutgoingPin)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.OutgoingPin, hash), ct);
        }
        return hashed;
    }
}
