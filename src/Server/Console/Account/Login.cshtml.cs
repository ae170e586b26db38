using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Server.Accounts;
using Sophia.Server.Console.Sessions;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Account;

/// <summary>"Connexion": the login and password of a staff account or of a user with a console password.</summary>
[EnableRateLimiting(AuthEndpoints.LoginPolicy)]
public sealed class LoginModel(AccountOperations accounts) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Login { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Seconds to wait after too many attempts from this address (the limiter sends the form back with it).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Wait { get; set; }

    /// <summary>The login is unknown or the password wrong: one message for both, as the API answers.</summary>
    public bool Refused { get; private set; }

    public void OnGet() => Frame.Title = T["login.title"];

    public async Task<IActionResult> OnPostAsync()
    {
        Frame.Title = T["login.title"];
        try
        {
            var token = await accounts.LoginAsync(new TokenRequest(Login, Password), Aborted);
            if (token is not null && await ConsoleSessions.SignInAsync(HttpContext, accounts, token.Token, Aborted))
            {
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Links.Home);
            }
            Refused = true;
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal, new Dictionary<string, string> { ["login"] = nameof(Login), ["password"] = nameof(Password) });
        }
        return Page();
    }
}
