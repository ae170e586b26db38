namespace Sophia.Model.Accounts;

/// <summary>
/// The back-off of an account's logins: after <see cref="FreeFailures"/> failures in a row the account is locked for a
/// minute, and each further failure doubles it, up to an hour. The counters live on the account's row (staff account or
/// user), so that every node counts the same failures.
/// </summary>
public static class LoginLockout
{
    public const int FreeFailures = 5;

    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>How long the account is locked after its <paramref name="failures"/>-th failure in a row; zero before the fifth.</summary>
    public static TimeSpan After(int failures)
    {
        if (failures < FreeFailures)
        {
            return TimeSpan.Zero;
        }
        var doublings = Math.Min(failures - FreeFailures, 6);
        var lockout = First * (1 << doublings);
        return lockout < Longest ? lockout : Longest;
    }
}
