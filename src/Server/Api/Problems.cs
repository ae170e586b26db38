using System.Text.Json;
using System.Text.RegularExpressions;
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
            DbUpdateConcurrencyException => FromRule(new RuleViolationException(FieldError.Create("If-Match", "version.stale",
                "Someone changed this since you read it; read it again and retry. Nothing was changed."), RuleViolationKind.Stale)),
            DbUpdateException update when IsUniqueViolation(update) => FromRule(new RuleViolationException(FieldError.Create("request", "request.raced",
                "Another request saved the same thing at the same moment; read it again and retry. Nothing was changed."), RuleViolationKind.Conflict)),
            BadHttpRequestException { InnerException: JsonException json } bad => FromRule(FromJson(bad, json)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => WithStatus(FromRule(JsonBodyLimit.TooLarge()), StatusCodes.Status413PayloadTooLarge),
            BadHttpRequestException bad => FromRule(new RuleViolationException(FieldError.Create("request", "request.invalid", bad.Message))),
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

    /// <summary>
    /// A unique index refused the row: the API checks uniqueness before saving, so this is two requests racing for
    /// the same short number, MAC or login, and the loser gets the same 409 as if it had come second.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException update) => update.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    private static ProblemDetails WithStatus(ProblemDetails details, int status)
    {
        details.Status = status;
        return details;
    }

    public static ProblemDetails FromRule(RuleViolationException rule)
    {
        var (status, type) = rule.Kind switch
        {
            RuleViolationKind.Conflict => (StatusCodes.Status409Conflict, "conflict"),
            RuleViolationKind.NotFound => (StatusCodes.Status404NotFound, "not-found"),
            RuleViolationKind.Forbidden => (StatusCodes.Status403Forbidden, "forbidden"),
            RuleViolationKind.Stale => (StatusCodes.Status412PreconditionFailed, "stale"),
            _ => (StatusCodes.Status400BadRequest, "invalid"),
        };
        var details = new ProblemDetails
        {
            Status = status,
            Type = TypeBase + type,
            Title = rule.Errors.Count == 1 ? rule.Errors[0].Message : $"{rule.Errors.Count} problems; nothing was changed.",
        };
        details.Extensions["field"] = rule.Errors[0].Field;
        details.Extensions["code"] = rule.Errors[0].Code;
        details.Extensions["errors"] = rule.Errors.Select(e => new { field = e.Field, code = e.Code, message = e.Message, args = e.Args }).ToList();
        return details;
    }

    /// <summary>
    /// A body that does not bind (a string where a date is expected, an unknown enum value, broken JSON) is reported
    /// on the JSON path of the offending value, as the API's own checks report their fields: <c>$.services[0]</c>
    /// becomes <c>services[0]</c>; a list body takes the parameter's name (<c>keys[0].kind</c>).
    /// </summary>
    public static RuleViolationException FromJson(BadHttpRequestException bad, JsonException json)
    {
        var path = json.Path ?? "$";
        var field = path switch
        {
            "$" => "body",
            _ when path.StartsWith("$[", StringComparison.Ordinal) => ParameterName(bad.Message) + path[1..],
            _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
            _ => path,
        };
        var malformed = field == "body" || json.Message.StartsWith("Expected", StringComparison.Ordinal) || json.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase);
        return new RuleViolationException(malformed
            ? FieldError.Create(field, "body.malformed", "The request body is not well-formed JSON (at {path}).", ("path", path))
            : FieldError.Create(field, "body.wrongType", "{field} must be {expected}.", ("field", field), ("expected", Expected(json.Message))));
    }

    private static string ParameterName(string message) =>
        ParameterNameInMessage().Match(message) is { Success: true } match ? match.Groups["name"].Value : "body";

    // System.Text.Json says which type it could not produce; say it in words a client understands.
    private static string Expected(string jsonMessage)
    {
        var match = ConvertedTo().Match(jsonMessage);
        if (!match.Success)
        {
            return "a value of the right type";
        }
        var name = match.Groups["type"].Value;
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.FullName?.StartsWith("Sophia.", StringComparison.Ordinal) == true || name.StartsWith("System.", StringComparison.Ordinal))
            .Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);
        if (type is { IsEnum: true })
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)));
        }
        return name switch
        {
            "System.DateTimeOffset" or "System.DateTime" => "a date and time such as 2016-05-16T16:16:00+02:00",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Boolean" => "true or false",
            "System.String" => "a string",
            _ when name.StartsWith("System.Collections", StringComparison.Ordinal) => "a list",
            _ => "a value of the right type",
        };
    }

    [GeneratedRegex(@"converted to (System\.Nullable`1\[)?(?<type>[\w\.`]+)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"parameter ""[^""]*?(?<name>\w+)""")]
    private static partial Regex ParameterNameInMessage();

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
