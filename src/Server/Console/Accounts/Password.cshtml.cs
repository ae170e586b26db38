using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Accounts;

/// <summary>A staff account's new password, typed or generated (then shown this once); the account's sessions end.</summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class PasswordModel(Levels levels, StaffAccountOperations accounts) : ConsolePage
{
    [BindProperty]
    public string? NewPassword { get; set; }

    public StaffAccountDto Account { get; private set; } = null!;

    public bool Done { get; private set; }

    public string? Generated { get; private set; }

    public async Task OnGetAsync(int accountId) => await FrameAsync(accountId);

    public async Task<IActionResult> OnPostAsync(int accountId)
    {
        await FrameAsync(accountId);
        try
        {
            Generated = (await accounts.ResetPasswordAsync(Caller, accountId,
                new PasswordResetInput(string.IsNullOrEmpty(NewPassword) ? null : NewPassword), Aborted)).GeneratedPassword;
            Done = true;
            Frame.Toolbar.Clear();
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal, new Dictionary<string, string> { ["password"] = nameof(NewPassword) });
        }
        return Page();
    }

    private async Task FrameAsync(int accountId)
    {
        Account = await accounts.GetAsync(Caller, accountId, Aborted);
        await AccountsFrame.FrameAsync(this, levels, T.Format("accounts.reset.title", ("login", Account.Login)), Aborted);
        Frame.Toolbar.AddRange([new ToolButton(ToolKind.Save, Form: "record"), new ToolButton(ToolKind.Cancel, Links.Accounts)]);
    }
}
