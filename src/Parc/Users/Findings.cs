using Sophia.Model.Rules;

namespace Sophia.Parc.Users;

/// <summary>
/// The errors found while checking one request (or one row of a file, whose fields it names as <c>row 3: email</c>), and
/// the answer they make together: Invalid (400) as soon as one input is wrong in itself, Conflict (409) when every
/// error is a clash with the parc as it is, such as a login already taken.
/// </summary>
internal sealed class Findings(string fieldPrefix = "")
{
    private readonly List<FieldError> errors = [];
    private bool invalid;

    public IReadOnlyList<FieldError> Errors => errors;

    public RuleViolationKind Kind => invalid ? RuleViolationKind.Invalid : RuleViolationKind.Conflict;

    public void Invalid(FieldError error)
    {
        errors.Add(Named(error));
        invalid = true;
    }

    public void Conflict(FieldError error) => errors.Add(Named(error));

    /// <summary>Takes in the findings of one row, keeping their kind.</summary>
    public void Add(Findings row)
    {
        errors.AddRange(row.errors);
        invalid |= row.invalid;
    }

    public void ThrowIfAny() => RuleViolationException.ThrowIfAny(errors, Kind);

    private FieldError Named(FieldError error) => fieldPrefix.Length == 0 ? error : error.At(fieldPrefix + error.Field);
}
