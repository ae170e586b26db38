using Sophia.DeviceModels.Identification;
using Sophia.Model.Rules;

namespace Sophia.Stock;

/// <summary>What creating, importing and adopting equipment refuse alike, on the field (or CSV cell) that names it.</summary>
public static class EquipmentErrors
{
    private const string ModelExamples = "'Yealink T46S' or 'Polycom VVX 450'";

    /// <summary>
    /// A MAC is unique across the operator, whichever client holds it. The text is the same whoever holds it: a client
    /// admin must not learn that another client has this phone.
    /// </summary>
    public static FieldError MacTaken(string field, MacAddress mac) =>
        FieldError.Create(field, "mac.taken", "{mac} is not available.", ("mac", mac.ToDisplayString()));

    /// <summary>
    /// A file naming more MACs of other clients than <paramref name="max"/> is refused whole, naming none of them: an import
    /// is not a way to learn which of thousands of MACs other clients hold.
    /// </summary>
    public static FieldError TooManyUnavailable(int max) =>
        FieldError.Create("file", "import.tooManyUnavailable",
            "More than {max} rows name equipment that is not available; the file is refused without checking them one by one.", ("max", max));

    /// <summary>A model the <c>DeviceCatalog</c> does not know, or none at all.</summary>
    public static FieldError UnknownModel(string field, string? text) => string.IsNullOrWhiteSpace(text)
        ? FieldError.Create(field, "model.required", "The model is missing (for example {examples}).", ("examples", ModelExamples))
        : FieldError.Create(field, "model.unknown", "'{value}' is not a known model (for example {examples}).", ("value", text), ("examples", ModelExamples));
}
