using Microsoft.AspNetCore.Mvc;
using Sophia.Parc.Accounts;
using Sophia.Server.Console.Sessions;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Account;

/// <summary>"Déconnexion": the session's token is revoked on every node, and the cookie dropped.</summary>
public sealed class LogoutModel(AccountOperations accounts) : ConsolePage
{
    public IActionResult OnGet() => Redirect(Links.Home);

    public async Task<IActionResult> OnPostAsync()
    {
        await ConsoleSessions.SignOutAsync(HttpContext, accounts, Aborted);
        return Redirect(Links.Login);
    }
}
