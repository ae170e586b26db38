using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Sophia.Model.Accounts;

/// <summary>
/// Who is calling, as far as access rules care: a role and the client or user it is bound to. Every operation takes
/// one; an endpoint or page gets it bound from the authenticated request, a job names itself with <see cref="Job"/>.
/// <see cref="TokenId"/> is the access token the request came with, so that a logout or a password change knows which
/// session is the caller's own. <see cref="TotpEnrolmentOnly"/>: a helpdesk account that must use TOTP and has not
/// enrolled yet; its session opens nothing but the enrolment.
/// </summary>
public sealed record Caller(Role Role, int? ClientId, int? UserId, string Login, int? TokenId = null, bool TotpEnrolmentOnly = false) : IBindableFromHttpContext<Caller>
{
    public const string ClientClaim = "sophia:client";
    public const string UserClaim = "sophia:user";
    public const string TokenClaim = "sophia:token";
    public const string EnrolmentOnlyClaim = "sophia:totp-enrolment-only";

    /// <summary>A staff account's session (helpdesk or client admin), not a user's.</summary>
    public bool IsStaff => UserId is null;

    public bool IsHelpdesk => Role == Role.Helpdesk;

    /// <summary>Helpdesk sees every client; a client admin only its own; a plain user no client-wide data.</summary>
    public bool CanManageClient(int clientId) => Role switch
    {
        Role.Helpdesk => true,
        Role.ClientAdmin => ClientId == clientId,
        _ => false,
    };

    /// <summary>Whether the caller may read what a client shares with all its users (its directory, its profiles).</summary>
    public bool BelongsToClient(int clientId) => IsHelpdesk || ClientId == clientId;

    /// <summary>A background job acting for the operator, named in what it records (<c>requestedBy</c>).</summary>
    public static Caller Job(string name) => new(Role.Helpdesk, null, null, name);

    public static Caller From(ClaimsPrincipal principal)
    {
        var role = Enum.Parse<Role>(principal.FindFirstValue(ClaimTypes.Role) ?? nameof(Role.User));
        return new Caller(
            role,
            ParseInt(principal.FindFirstValue(ClientClaim)),
            ParseInt(principal.FindFirstValue(UserClaim)),
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            ParseInt(principal.FindFirstValue(TokenClaim)),
            principal.HasClaim(c => c.Type == EnrolmentOnlyClaim));
    }

    /// <summary>The claims <see cref="From"/> reads back: what an authentication handler puts in the principal.</summary>
    public IReadOnlyList<Claim> Claims()
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, Login), new(ClaimTypes.Role, Role.ToString()) };
        if (ClientId is { } clientId)
        {
            claims.Add(new Claim(ClientClaim, clientId.ToString(CultureInfo.InvariantCulture)));
        }
        if (UserId is { } userId)
        {
            claims.Add(new Claim(UserClaim, userId.ToString(CultureInfo.InvariantCulture)));
        }
        if (TokenId is { } tokenId)
        {
            claims.Add(new Claim(TokenClaim, tokenId.ToString(CultureInfo.InvariantCulture)));
        }
        if (TotpEnrolmentOnly)
        {
            claims.Add(new Claim(EnrolmentOnlyClaim, "true"));
        }
        return claims;
    }

    /// <summary>
    /// Binds a handler's <see cref="Caller"/> parameter from the authenticated request. Every route of the API requires
    /// authentication, so an anonymous request never reaches a handler that takes one.
    /// </summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(context.User.Identity?.IsAuthenticated == true ? From(context.User) : null);

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
