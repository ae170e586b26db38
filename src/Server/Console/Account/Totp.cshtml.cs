using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Account;

/// <summary>
/// A helpdesk account's TOTP enrolment: a secret made by the server, shown this once (as an <c>otpauth://</c> address
/// and in base32), then a first code from the authenticator to confirm it. The secret travels back to the confirmation
/// in the account's row, never in the form.
/// </summary>
[Authorize(Policy = ConsoleHosting.Helpdesk)]
public sealed class TotpModel(StaffAccountOperations accounts) : ConsolePage
{
    [BindProperty]
    public string? Code { get; set; }

    public TotpEnrolment? Enrolment { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>A code was refused: the code is asked again, the secret (already shown once) is not.</summary>
    public bool Confirming { get; private set; }

    public async Task OnGetAsync() => Enabled = await IsEnabledAsync();

    public async Task<IActionResult> OnPostBeginAsync()
    {
        Frame.Title = T["totp.title"];
        try
        {
            Enrolment = await accounts.BeginTotpAsync(Caller, Aborted);
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal);
            Enabled = await IsEnabledAsync();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        Frame.Title = T["totp.title"];
        try
        {
            await accounts.ConfirmTotpAsync(Caller, new TotpConfirmation(Code), Aborted);
            Enabled = true;
        }
        catch (RuleViolationException refusal)
        {
            Confirming = true;
            Show(refusal, new Dictionary<string, string> { ["code"] = nameof(Code) });
        }
        return Page();
    }

    private async Task<bool> IsEnabledAsync()
    {
        Frame.Title = T["totp.title"];
        return await accounts.OwnTotpEnabledAsync(Caller, Aborted);
    }
}
