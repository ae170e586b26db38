using Sophia.Model.Numbers;

namespace Sophia.Model.Rules;

/// <summary>Errors every part of the parc raises alike; the codes are generic and the field says which input it is.</summary>
public static class CommonErrors
{
    public static FieldError Required(string field, string? example = null) => example is null
        ? FieldError.Create(field, "required", "{field} is required.", ("field", field))
        : FieldError.Create(field, "required", "{field} is required (for example {example}).", ("field", field), ("example", example));

    public static FieldError TooLong(string field, int max) =>
        FieldError.Create(field, "tooLong", "{field} has at most {max} characters.", ("field", field), ("max", max));

    /// <summary>
    /// A value outside the ones <typeparamref name="T"/> defines (<c>accountType: 2</c>, a service flag no one named): the
    /// JSON binder takes any number for an enum, so operations check each one.
    /// </summary>
    public static FieldError Undefined<T>(string field, T value)
        where T : struct, Enum =>
        FieldError.Create(field, "value.undefined", "'{value}' is not one of {values}.", ("value", value), ("values", Enum.GetNames<T>()));

    public static FieldError NotEmail(string field, string text) =>
        FieldError.Create(field, "email.invalid", "'{value}' is not an e-mail address.", ("value", text));

    /// <summary>A phone number that does not parse, as <see cref="E164.TryNormalize"/> explained it.</summary>
    public static FieldError NotPhoneNumber(string field, PhoneNumberError error) =>
        new(field, error.Code, error.Message, error.Args);

    /// <summary>
    /// Something the request names does not exist or is not the caller's to see: both read the same, so that one client
    /// cannot learn what another holds. <paramref name="kind"/> is the thing's API name (<c>user</c>, <c>site</c>).
    /// </summary>
    public static RuleViolationException NotFound(string field, string kind, object id) => new(
        FieldError.Create(field, kind + ".notFound", "{kind} {id} does not exist or is not yours to see.", ("kind", Capitalized(kind)), ("id", id)),
        RuleViolationKind.NotFound);

    private static string Capitalized(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..];
}
