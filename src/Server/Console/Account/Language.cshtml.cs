using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Sophia.Server.Console.Localization;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Account;

/// <summary>The language switch of the header: remembered by this browser for a year.</summary>
[AllowAnonymous]
public sealed class LanguageModel : ConsolePage
{
    public IActionResult OnGet() => Redirect(Links.Home);

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (language is not null && ConsoleTexts.Languages.Contains(language))
        {
            Response.Cookies.Append(ConsoleHosting.LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, IsEssential = true });
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : Links.Home);
    }
}
