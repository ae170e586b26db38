namespace Sophia.Model.Rules;

/// <summary>
/// A request that breaks a parc rule: the operation that raises it has saved nothing. It carries every
/// <see cref="FieldError"/> found and its <see cref="Kind"/>; the API turns it into a ProblemDetails, the console shows
/// each error next to its field.
/// </summary>
public sealed class RuleViolationException : Exception
{
    public RuleViolationException(FieldError error, RuleViolationKind kind = RuleViolationKind.Invalid)
        : this([error], kind)
    {
    }

    public RuleViolationException(IReadOnlyList<FieldError> errors, RuleViolationKind kind = RuleViolationKind.Invalid)
        : base(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A rule violation names at least one error.", nameof(errors));
        }
        Errors = errors;
        Kind = kind;
    }

    public RuleViolationException()
        : this(Invalid("The request is invalid."))
    {
    }

    public RuleViolationException(string message)
        : this(Invalid(message))
    {
    }

    public RuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [Invalid(message)];
    }

    public IReadOnlyList<FieldError> Errors { get; }
    public RuleViolationKind Kind { get; }

    /// <summary>Throws with every error of <paramref name="errors"/>, if there is any.</summary>
    public static void ThrowIfAny(IReadOnlyList<FieldError> errors, RuleViolationKind kind = RuleViolationKind.Invalid)
    {
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors, kind);
        }
    }

    private static FieldError Invalid(string message) => FieldError.Create("request", "request.invalid", message);
}

public enum RuleViolationKind
{
    /// <summary>The input itself is wrong (400).</summary>
    Invalid,

    /// <summary>The input is fine but clashes with the parc as it is (409), e.g. a short number already taken.</summary>
    Conflict,

    /// <summary>Something the request names does not exist, or is not visible to the caller (404).</summary>
    NotFound,

    /// <summary>The caller may see the thing but not do this to it (403), e.g. reveal a secret without being helpdesk.</summary>
    Forbidden,

    /// <summary>The thing changed since the caller read it (412): the version they sent is not the current one.</summary>
    Stale,
}
