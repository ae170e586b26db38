using Sophia.Server.Console.Helpdesk;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Accounts;

/// <summary>
/// Where the staff accounts' pages sit: in the operator level's menu for the helpdesk, in their client's menu for a
/// client admin (who manages their client's client-admin accounts only).
/// </summary>
public static class AccountsFrame
{
    public static async Task FrameAsync(ConsolePage page, Levels levels, string title, CancellationToken ct)
    {
        if (page.Caller.IsHelpdesk)
        {
            HelpdeskFrame.Top(page, "accounts", title);
        }
        else
        {
            await levels.ClientAsync(page, page.Caller.ClientId!.Value, "accounts", ct);
            page.Frame.Breadcrumb.Add(new Crumb(title, Links.Accounts));
        }
        page.Frame.Title = title;
    }
}
