using System.Globalization;
using System.Security.Claims;
using Sophia.Model.Accounts;

namespace Sophia.Server.Accounts;

/// <summary>Who is calling, as far as access rules care: a role and the client or user it is bound to.</summary>
public sealed record Caller(Role Role, int? ClientId, int? UserId, string Login)
{
    public const string ClientClaim = "sophia:client";
    public const string UserClaim = "sophia:user";

    public bool IsHelpdesk => Role == Role.Helpdesk;

    /// <summary>Helpdesk sees every client; a client admin only its own; a plain user no client-wide data.</summary>
    public bool CanManageClient(int clientId) => Role switch
    {
        Role.Helpdesk => true,
        Role.ClientAdmin => ClientId == clientId,
        _ => false,
    };

    /// <summary>Self-care: a user may read and change their own keys, contacts and phone settings.</summary>
    public bool CanActForUser(int userClientId, int userId) => CanManageClient(userClientId) || UserId == userId;

    /// <summary>A client the caller may see, even if only through their own user (for reading e.g. internal contacts).</summary>
    public bool BelongsToClient(int clientId) => IsHelpdesk || ClientId == clientId;

    public static Caller From(ClaimsPrincipal principal)
    {
        var role = Enum.Parse<Role>(principal.FindFirstValue(ClaimTypes.Role) ?? nameof(Role.User));
        return new Caller(
            role,
            ParseInt(principal.FindFirstValue(ClientClaim)),
            ParseInt(principal.FindFirstValue(UserClaim)),
            principal.FindFirstValue(ClaimTypes.Name) ?? "");
    }

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
