using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Account;

/// <summary>What a signed-in person sees on a page that is not for their role: a 403, never the page.</summary>
public sealed class DeniedModel : ConsolePage
{
    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Frame.Title = T["denied.title"];
    }
}
