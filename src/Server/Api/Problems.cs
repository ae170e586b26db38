using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sophia.Model.Rules;

namespace Sophia.Server.Api;

/// <summary>
/// Turns rule violations and stale updates into ProblemDetails with a type, a human title and the offending fields,
/// so that every rejected request says what is wrong and where.
/// </summary>
public sealed partial class Problems(IProblemDetailsService problems, ILogger<Problems> log) : IExceptionHandler
{
    public const string TypeBase = "https://sophia.example/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            RuleViolationException rule => FromRule(rule),
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Type = TypeBase + "stale",
                Title = "Someone changed this since you read it; read it again and retry. Nothing was changed.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Type = TypeBase + "invalid",
                Title = bad.Message,
            },
            _ => null,
        };
        if (details is null)
        {
            LogUnhandled(log, exception, httpContext.Request.Path);
            return false;
        }
        httpContext.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    public static ProblemDetails FromRule(RuleViolationException rule)
    {
        var (status, type) = rule.Kind switch
        {
            RuleViolationKind.Conflict => (StatusCodes.Status409Conflict, "conflict"),
            RuleViolationKind.NotFound => (StatusCodes.Status404NotFound, "not-found"),
            _ => (StatusCodes.Status400BadRequest, "invalid"),
        };
        var details = new ProblemDetails
        {
            Status = status,
            Type = TypeBase + type,
            Title = rule.Errors.Count == 1 ? rule.Errors[0].Message : $"{rule.Errors.Count} problems; nothing was changed.",
        };
        details.Extensions["field"] = rule.Errors[0].Field;
        details.Extensions["errors"] = rule.Errors.Select(e => new { field = e.Field, message = e.Message }).ToList();
        return details;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
