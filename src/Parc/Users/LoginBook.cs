using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Parc;

namespace Sophia.Parc.Users;

/// <summary>
/// Which logins are taken: by the operator's users and staff accounts (read once per login stem, or once for the whole
/// SIP domain before an import), or by an earlier row of the same file. Generated logins skip both.
/// </summary>
internal sealed class LoginBook(SophiaDb db, string sipDomain)
{
    private readonly HashSet<string> stored = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> loadedStems = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> claimed = new(StringComparer.OrdinalIgnoreCase);
    private bool domainLoaded;

    /// <summary>
    /// Reads every login at the client's SIP domain at once (chosen and generated logins are all there), so that an
    /// import of thousands of rows asks the database once instead of once per name.
    /// </summary>
    public async Task LoadDomainAsync(CancellationToken ct)
    {
        var suffix = "@" + sipDomain;
        stored.UnionWith(await db.Users.Where(u => u.Login.EndsWith(suffix)).Select(u => u.Login)
            .Concat(db.StaffAccounts.Where(a => a.Login.EndsWith(suffix)).Select(a => a.Login))
            .ToListAsync(ct));
        domainLoaded = true;
    }

    /// <summary>Whether a user or a staff account already holds <paramref name="login"/>.</summary>
    public async Task<bool> StoredAsync(string login, CancellationToken ct)
    {
        await LoadStemAsync(login[..login.IndexOf('@', StringComparison.Ordinal)], ct);
        return stored.Contains(login);
    }

    /// <summary>The row of the file that already took <paramref name="login"/>, if one did.</summary>
    public int? ClaimedOnRow(string login) => claimed.TryGetValue(login, out var row) ? row : null;

    public void Claim(string login, int row) => claimed.TryAdd(login, row);

    /// <summary>The guide's login for these names, with a digit if it is taken; null when the names give no usable letter.</summary>
    public async Task<string?> GenerateAsync(string lastName, string? firstName, CancellationToken ct)
    {
        string baseLogin;
        try
        {
            baseLogin = LoginGenerator.Base(lastName, firstName, sipDomain);
        }
        catch (ArgumentException)
        {
            return null;
        }
        await LoadStemAsync(baseLogin[..baseLogin.IndexOf('@', StringComparison.Ordinal)], ct);
        return LoginGenerator.Unique(lastName, firstName, sipDomain, login => stored.Contains(login) || claimed.ContainsKey(login));
    }

    /// <summary>Every stored login that starts with <paramref name="stem"/>: the stem itself and its numbered variants.</summary>
    private async Task LoadStemAsync(string stem, CancellationToken ct)
    {
        if (domainLoaded || !loadedStems.Add(stem))
        {
            return;
        }
        stored.UnionWith(await db.Users.Where(u => u.Login.StartsWith(stem)).Select(u => u.Login)
            .Concat(db.StaffAccounts.Where(a => a.Login.StartsWith(stem)).Select(a => a.Login))
            .ToListAsync(ct));
    }
}
