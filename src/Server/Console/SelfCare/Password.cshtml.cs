using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Users;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.SelfCare;

/// <summary>
/// A user's own console password: the current one first (a session left open is not enough to take the account over),
/// then the new one, which the password policy checks. The user's other sessions end; this one stays.
/// </summary>
public sealed class PasswordModel(Levels levels, UserOperations users) : ConsolePage
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(int userId) => await FrameAsync(userId);

    public async Task<IActionResult> OnPostAsync(int userId)
    {
        var user = await FrameAsync(userId);
        try
        {
            await users.UpdateAsync(Caller, userId, new UserInput(null, null, null, null, null, null, null, null, null, NewPassword ?? "", null, null, null, null, null)
            {
                CurrentPassword = CurrentPassword,
            }, user.Version, Aborted);
            Saved = true;
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal, new Dictionary<string, string> { ["currentPassword"] = nameof(CurrentPassword), ["password"] = nameof(NewPassword) });
        }
        return Page();
    }

    private async Task<UserDto> FrameAsync(int userId)
    {
        var user = await levels.UserAsync(this, userId, "password", Aborted);
        Frame.Title = T["selfPassword.title"];
        Frame.Toolbar.Add(new ToolButton(ToolKind.Save, Form: "record"));
        return user;
    }
}
