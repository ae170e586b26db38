using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Accounts;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Parc.Clients;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Accounts;

/// <summary>A new staff account: a client admin makes one for their own client; the helpdesk any kind, for any client.</summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class NewModel(Levels levels, StaffAccountOperations accounts, ClientOperations clients) : ConsolePage
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["login"] = "Input.Login",
        ["role"] = "Input.Role",
        ["clientId"] = "Input.ClientId",
        ["password"] = "Input.Password",
    };

    [BindProperty]
    public AccountForm Input { get; set; } = new();

    public IReadOnlyList<ClientDto> Clients { get; private set; } = [];

    /// <summary>The account just made, with its generated password: shown this once.</summary>
    public StaffAccountCreated? Created { get; private set; }

    public async Task OnGetAsync() => await FrameAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            Created = await accounts.CreateAsync(Caller, new StaffAccountInput(
                Input.Login, Caller.IsHelpdesk ? Input.Role : Role.ClientAdmin, Caller.IsHelpdesk ? Input.ClientId : Caller.ClientId,
                string.IsNullOrEmpty(Input.Password) ? null : Input.Password), Aborted);
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal, Fields);
        }
        await FrameAsync();
        return Page();
    }

    private async Task FrameAsync()
    {
        await AccountsFrame.FrameAsync(this, levels, T["accounts.new.title"], Aborted);
        if (Created is null)
        {
            Frame.Toolbar.AddRange([new ToolButton(ToolKind.Save, Form: "record"), new ToolButton(ToolKind.Cancel, Links.Accounts)]);
        }
        if (Caller.IsHelpdesk)
        {
            Clients = await Fetch.AllAsync(page => clients.ListAsync(Caller, page, Aborted));
        }
    }
}

public sealed class AccountForm
{
    public string? Login { get; set; }
    public Role? Role { get; set; } = Model.Accounts.Role.ClientAdmin;
    public int? ClientId { get; set; }
    public string? Password { get; set; }
}
