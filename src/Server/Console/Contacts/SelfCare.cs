using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>The frame of a client's shared page (its directories) when a plain user of the client reads it: their self-care.</summary>
internal static class SelfCare
{
    public static async Task FrameAsync(Levels levels, ConsolePage page, string active) =>
        await levels.UserAsync(page, page.Caller.UserId ?? throw new InvalidOperationException("A console user without a user record."),
            active, page.HttpContext.RequestAborted);
}
