using Microsoft.AspNetCore.Mvc.RazorPages;
using Sophia.Model.Accounts;
using Sophia.Model.Rules;
using Sophia.Server.Console.Localization;

namespace Sophia.Server.Console.Shared;

/// <summary>
/// What every console page has: the signed-in caller, the texts of the request's language, the frame the layout draws,
/// and the one way an operation's refusal reaches the page: each error, translated from its code, next to its field.
/// </summary>
public abstract class ConsolePage : PageModel
{
    private ConsoleTexts? texts;

    public Caller Caller => Caller.From(User);

    public ConsoleTexts T => texts ??= HttpContext.RequestServices.GetRequiredService<ConsoleTexts>();

    public Frame Frame { get; } = new();

    /// <summary>Errors that name no field of the form, shown above it.</summary>
    public List<string> PageErrors { get; } = [];

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>
    /// Shows each error of <paramref name="refusal"/> in the user's language: on the form field its operation field maps
    /// to (<paramref name="fields"/>: operation field -> form field name, e.g. <c>lastName</c> -> <c>Input.LastName</c>),
    /// else above the form.
    /// </summary>
    protected void Show(RuleViolationException refusal, IReadOnlyDictionary<string, string>? fields = null)
    {
        foreach (var error in refusal.Errors)
        {
            var message = T.Error(error);
            if (fields is not null && fields.TryGetValue(error.Field, out var formField))
            {
                ModelState.AddModelError(formField, message);
            }
            else
            {
                PageErrors.Add(message);
            }
        }
    }
}
