using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using Sophia.Server.Accounts;
using Sophia.Server.Console.Localization;
using Sophia.Server.Console.Sessions;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console;

/// <summary>
/// The web console: server-rendered Razor Pages in feature folders under <c>Console/</c>, signed in with a session
/// cookie, in French (the guide's words) or English. Every page calls the same operations as the API.
/// </summary>
public static class ConsoleHosting
{
    /// <summary>Any signed-in console user; what a page shows is then up to the operation it calls.</summary>
    public const string Signed = "console";

    /// <summary>Client admins and the helpdesk.</summary>
    public const string Admin = "console-admin";

    /// <summary>The operator's helpdesk.</summary>
    public const string Helpdesk = "console-helpdesk";

    public const string LanguageCookie = "sophia_language";

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleTexts>();
        // Pages show French as it is written (Fonction, Équipements), not as HTML character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<Levels>();
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Console";
            pages.Conventions.AuthorizeFolder("/", Signed);
            pages.Conventions.AllowAnonymousToPage("/Account/Login");
            // A record page also makes new records: the same form under the list's address.
            pages.Conventions.AddPageRoute("/Sites/Edit", "/clients/{clientId:int}/sites/new");
            pages.Conventions.AddPageRoute("/Users/Edit", "/sites/{siteId:int}/users/new");
            pages.Conventions.AddPageRoute("/Audit/Index", "/clients/{clientId:int}/audit");
        });
        services.AddAuthentication().AddCookie(ConsoleSessions.Scheme, cookie =>
        {
            cookie.Cookie.Name = ConsoleSessions.CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/denied";
            cookie.SlidingExpiration = false;
            cookie.Events.OnValidatePrincipal = ConsoleSessions.ValidateAsync;
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "sophia_form";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Signed, p => p.AddAuthenticationSchemes(ConsoleSessions.Scheme).RequireAuthenticatedUser())
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(ConsoleSessions.Scheme).RequireRole(Roles.Helpdesk, Roles.ClientAdmin))
            .AddPolicy(Helpdesk, p => p.AddAuthenticationSchemes(ConsoleSessions.Scheme).RequireRole(Roles.Helpdesk));
        services.Configure<RequestLocalizationOptions>(localization =>
        {
            var cultures = ConsoleTexts.Languages.Select(l => new CultureInfo(l)).ToList();
            localization.DefaultRequestCulture = new RequestCulture(ConsoleTexts.French);
            localization.SupportedCultures = cultures;
            localization.SupportedUICultures = cultures;
            // The language picked in this browser, else the user's own (their phones speak it too), else the browser's.
            localization.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = LanguageCookie },
                new CustomRequestCultureProvider(http => Task.FromResult(
                    http.User.FindFirstValue(ConsoleSessions.LanguageClaim) is { } language ? new ProviderCultureResult(language) : null)),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>The console's stylesheet and scripts under <c>/assets</c>; only the console's requests pay for localization.</summary>
    public static WebApplication UseConsoleAssets(this WebApplication app)
    {
        var files = new Microsoft.Extensions.FileProviders.EmbeddedFileProvider(typeof(ConsoleHosting).Assembly, "Sophia.Server.Console.Assets");
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/assets"), assets => assets.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/assets",
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        }));
        return app;
    }

    public static WebApplication UseConsoleLanguage(this WebApplication app)
    {
        app.UseWhen(http => !IsMachineRoute(http.Request.Path), console => console.UseRequestLocalization());
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>Where phones and API clients go: no console there, and the provisioning path must stay lean.</summary>
    public static bool IsMachineRoute(PathString path) =>
        path.StartsWithSegments("/prov") || path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/hangfire");
}
