using System.Collections.Frozen;
using Sophia.Model.Rules;

namespace Sophia.Parc.Accounts;

/// <summary>
/// What every password a person chooses must be, wherever it is set (a staff account's, a user's console password, a
/// change of one's own): at least <see cref="MinLength"/> characters, not the login nor the part of it before the @
/// inside it, and none of the passwords everyone tries first (<c>CommonPasswords.txt</c>, compared ignoring case). The
/// demo data's <c>sophia-demo</c> is written as a hash by the demo loader, never through here, and would be refused.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;

    /// <summary>The shortest part of a login before the @ that a password may not contain (shorter ones are everywhere).</summary>
    private const int ShortestLoginPart = 4;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    /// <summary>What is wrong with <paramref name="password"/> for the account <paramref name="login"/>, under <paramref name="field"/>; empty when nothing.</summary>
    public static IReadOnlyList<FieldError> Check(string field, string password, string? login)
    {
        if (password.Length < MinLength)
        {
            return [FieldError.Create(field, "password.tooShort", "The password needs at least {min} characters.", ("min", MinLength))];
        }
        if (ContainsLogin(password, login))
        {
            return [FieldError.Create(field, "password.containsLogin", "The password may not contain the login.")];
        }
        if (Common.Value.Contains(password.ToLowerInvariant()))
        {
            return [FieldError.Create(field, "password.common", "This password is among the most used ones: choose another.")];
        }
        return [];
    }

    /// <summary>Throws the policy's refusal (400) when <paramref name="password"/> breaks it.</summary>
    public static void Enforce(string field, string password, string? login) =>
        RuleViolationException.ThrowIfAny(Check(field, password, login));

    private static bool ContainsLogin(string password, string? login)
    {
        if (string.IsNullOrWhiteSpace(login))
        {
            return false;
        }
        var whole = login.Trim();
        var at = whole.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? whole[..at] : whole;
        return password.Contains(whole, StringComparison.OrdinalIgnoreCase)
            || (local.Length >= ShortestLoginPart && password.Contains(local, StringComparison.OrdinalIgnoreCase));
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Sophia.Parc.Accounts.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
