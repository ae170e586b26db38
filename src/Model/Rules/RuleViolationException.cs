namespace Sophia.Model.Rules;

/// <summary>
/// A request that breaks a parc rule. It names the offending field (or CSV row) and says what is wrong;
/// the API turns it into a ProblemDetails and nothing is saved.
/// </summary>
public sealed class RuleViolationException : Exception
{
    public RuleViolationException(string field, string message, RuleViolationKind kind = RuleViolationKind.Invalid)
        : this([new FieldError(field, message)], kind)
    {
    }

    public RuleViolationException(IReadOnlyList<FieldError> errors, RuleViolationKind kind = RuleViolationKind.Invalid)
        : base(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
    {
        Errors = errors;
        Kind = kind;
    }

    public RuleViolationException()
        : this("request", "The request is invalid.")
    {
    }

    public RuleViolationException(string message)
        : this("request", message)
    {
    }

    public RuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new FieldError("request", message)];
    }

    public IReadOnlyList<FieldError> Errors { get; }
    public RuleViolationKind Kind { get; }
}

public sealed record FieldError(string Field, string Message);

public enum RuleViolationKind
{
    /// <summary>The input itself is wrong (400).</summary>
    Invalid,

    /// <summary>The input is fine but clashes with the parc as it is (409), e.g. a short number already taken.</summary>
    Conflict,

    /// <summary>Something the request names does not exist, or is not visible to the caller (404).</summary>
    NotFound,
}
