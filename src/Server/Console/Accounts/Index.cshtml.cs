using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Rules;
using Sophia.Parc.Accounts;
using Sophia.Parc.Clients;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Accounts;

/// <summary>The staff accounts the caller manages: their state, and disabling, enabling, resetting each.</summary>
[Authorize(Policy = ConsoleHosting.Admin)]
public sealed class IndexModel(Levels levels, StaffAccountOperations accounts, ClientOperations clients, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<StaffAccountDto> Accounts { get; private set; } = [];

    public Dictionary<int, string> ClientNames { get; } = [];

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostDisableAsync(int accountId) => SetDisabledAsync(accountId, disabled: true);

    public Task<IActionResult> OnPostEnableAsync(int accountId) => SetDisabledAsync(accountId, disabled: false);

    private async Task<IActionResult> SetDisabledAsync(int accountId, bool disabled)
    {
        try
        {
            await accounts.SetDisabledAsync(Caller, accountId, disabled, Aborted);
            return Redirect(Links.Accounts);
        }
        catch (RuleViolationException refusal)
        {
            Show(refusal);
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        await AccountsFrame.FrameAsync(this, levels, T["accounts.title"], Aborted);
        Frame.Toolbar.Add(new ToolButton(ToolKind.Add, Links.NewAccount));
        Accounts = await accounts.ListAsync(Caller, Aborted);
        foreach (var clientId in Accounts.Select(a => a.ClientId).OfType<int>().Distinct())
        {
            ClientNames[clientId] = (await clients.GetAsync(Caller, clientId, Aborted)).Name;
        }
    }
}
