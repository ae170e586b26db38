using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Server.Accounts;
using Sophia.Server.Console.Sessions;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Account;

/// <summary>
/// "Connexion": the login and password of a staff account or of a user with a console password; then, for an account
/// with TOTP, a second step asking for the authenticator's code. Between the two the page keeps the login and password
/// encrypted for five minutes (Data Protection, whose keys every node shares), so the second step logs in anew through
/// the same operation, lockout included, on whichever node it lands.
/// </summary>
[EnableRateLimiting(AuthEndpoints.LoginPolicy)]
public sealed class LoginModel(AccountOperations accounts, IDataProtectionProvider protection) : ConsolePage
{
    private static readonly TimeSpan SecondStepLifetime = TimeSpan.FromMinutes(5);

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Login { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The code of the second step.</summary>
    [BindProperty]
    public string? Totp { get; set; }

    /// <summary>The first step's login and password, encrypted and time-limited, while the second step is shown.</summary>
    [BindProperty]
    public string? Pending { get; set; }

    /// <summary>Seconds to wait after too many attempts from this address (the limiter sends the form back with it).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Wait { get; set; }

    /// <summary>The login is unknown or the password wrong: one message for both, as the API answers.</summary>
    public bool Refused { get; private set; }

    /// <summary>The second step's code was wrong or already used.</summary>
    public bool TotpWrong { get; private set; }

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Sophia.Console.Login.SecondStep").ToTimeLimitedDataProtector();

    public void OnGet() => Frame.Title = T["login.title"];

    public async Task<IActionResult> OnPostAsync()
    {
        Frame.Title = T["login.title"];
        if (Pending is not null && !TryResume())
        {
            // The second step came too late (or was tampered with): back to the first.
            Pending = null;
            Refused = true;
            return Page();
        }
        try
        {
            var token = await accounts.LoginAsync(new TokenRequest(Login, Password, Totp), Aborted);
            if (token is not null && await ConsoleSessions.SignInAsync(HttpContext, accounts, token.Token, Aborted))
            {
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Links.Home);
            }
            Pending = null;
            Refused = true;
        }
        catch (SecondFactorException second)
        {
            Pending = Protector.Protect(Login + "\n" + Password, SecondStepLifetime);
            TotpWrong = second.Code == SecondFactorException.Wrong;
        }
        catch (RuleViolationException refusal)
        {
            Pending = null;
            Show(refusal, new Dictionary<string, string> { ["login"] = nameof(Login), ["password"] = nameof(Password) });
        }
        return Page();
    }

    private bool TryResume()
    {
        try
        {
            var parts = Protector.Unprotect(Pending!).Split('\n', 2);
            (Login, Password) = (parts[0], parts.Length > 1 ? parts[1] : "");
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
