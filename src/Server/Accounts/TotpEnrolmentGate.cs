using Sophia.Model.Accounts;
using Sophia.Server.Api;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Accounts;

/// <summary>
/// <c>Sophia:Auth:RequireTotpForHelpdesk</c>: a helpdesk session without TOTP yet opens only its enrolment (API and
/// console), the logout and the console's assets; anything else is 403 <c>totp.enrolmentRequired</c> on the API and
/// the enrolment page on the console. It runs after authorization, which has put the session's caller in the request.
/// </summary>
public static class TotpEnrolmentGate
{
    public static WebApplication UseTotpEnrolmentGate(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!http.User.HasClaim(c => c.Type == Caller.EnrolmentOnlyClaim) || IsOpen(http.Request))
            {
                await next(http);
                return;
            }
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                await TypedResults.Problem(
                    title: "This helpdesk account must enrol a TOTP second factor first (POST " + StaffAccountEndpoints.TotpPath + ").",
                    statusCode: StatusCodes.Status403Forbidden, type: Problems.TypeBase + "forbidden",
                    extensions: new Dictionary<string, object?> { ["code"] = "totp.enrolmentRequired" }).ExecuteAsync(http);
                return;
            }
            http.Response.Redirect(Links.Totp);
        });
        return app;
    }

    private static bool IsOpen(HttpRequest request) =>
        request.Path.StartsWithSegments(StaffAccountEndpoints.TotpPath)
        || (request.Path.StartsWithSegments("/api/v1/auth/token") && HttpMethods.IsDelete(request.Method))
        || request.Path.StartsWithSegments(Links.Totp) || request.Path.StartsWithSegments(Links.Logout)
        || request.Path.StartsWithSegments(Links.Language) || request.Path.StartsWithSegments("/assets");
}
