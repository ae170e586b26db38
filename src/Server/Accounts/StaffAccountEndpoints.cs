using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Parc.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Accounts;

/// <summary>
/// <c>/api/v1/accounts</c>: the helpdesk and client-admin accounts, each caller in their lane (see
/// <see cref="StaffAccountOperations"/>), and a helpdesk account's own TOTP enrolment under <c>/accounts/me/totp</c>.
/// </summary>
public static class StaffAccountEndpoints
{
    public const string TotpPath = "/api/v1/accounts/me/totp";

    public static void MapStaffAccounts(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        var managed = accounts.MapGroup("").RequireAuthorization(Roles.ClientAdmin).Problems(400, 403, 404);
        managed.MapGet("", List).WithSummary("The staff accounts the caller manages.");
        managed.MapPost("", Create).Problems(409)
            .WithSummary("A new helpdesk or client-admin account; without a password one is generated and given back once.");
        managed.MapGet("/{accountId:int}", Get);
        managed.MapPost("/{accountId:int}/disable", Disable).Problems(409)
            .WithSummary("Disables the account: it cannot log in, and its tokens stop working at once.");
        managed.MapPost("/{accountId:int}/enable", Enable);
        managed.MapPost("/{accountId:int}/password", ResetPassword)
            .WithSummary("A new password (given, or generated and given back once); the account's sessions end.");
        var totp = accounts.MapGroup("/me/totp").RequireAuthorization(Roles.Helpdesk).Problems(400, 403, 409);
        totp.MapPost("", BeginTotp).WithSummary("Begins the caller's TOTP enrolment: the secret, shown this once.");
        totp.MapPost("/confirm", ConfirmTotp).WithSummary("Ends the enrolment with a first valid code: logins need a code from now on.");
    }

    private static async Task<Ok<IReadOnlyList<StaffAccountDto>>> List(Caller caller, StaffAccountOperations accounts, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ListAsync(caller, ct));

    private static async Task<Ok<StaffAccountDto>> Get(Caller caller, StaffAccountOperations accounts, int accountId, CancellationToken ct) =>
        TypedResults.Ok(await accounts.GetAsync(caller, accountId, ct));

    private static async Task<Created<StaffAccountCreated>> Create(Caller caller, StaffAccountOperations accounts, StaffAccountInput input, CancellationToken ct)
    {
        var created = await accounts.CreateAsync(caller, input, ct);
        return TypedResults.Created($"/api/v1/accounts/{created.Account.Id}", created);
    }

    private static async Task<Ok<StaffAccountDto>> Disable(Caller caller, StaffAccountOperations accounts, int accountId, CancellationToken ct) =>
        TypedResults.Ok(await accounts.SetDisabledAsync(caller, accountId, disabled: true, ct));

    private static async Task<Ok<StaffAccountDto>> Enable(Caller caller, StaffAccountOperations accounts, int accountId, CancellationToken ct) =>
        TypedResults.Ok(await accounts.SetDisabledAsync(caller, accountId, disabled: false, ct));

    private static async Task<Ok<PasswordReset>> ResetPassword(Caller caller, StaffAccountOperations accounts, int accountId, PasswordResetInput input, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ResetPasswordAsync(caller, accountId, input, ct));

    private static async Task<Ok<TotpEnrolment>> BeginTotp(Caller caller, StaffAccountOperations accounts, CancellationToken ct) =>
        TypedResults.Ok(await accounts.BeginTotpAsync(caller, ct));

    private static async Task<Ok<StaffAccountDto>> ConfirmTotp(Caller caller, StaffAccountOperations accounts, TotpConfirmation input, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ConfirmTotpAsync(caller, input, ct));
}
