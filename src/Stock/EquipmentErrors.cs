using Sophia.DeviceModels.Identification;
using Sophia.Model.Rules;

namespace Sophia.Stock;

/// <summary>What creating, importing and adopting equipment refuse alike, on the field (or CSV cell) that names it.</summary>
public static class EquipmentErrors
{
    private const string ModelExamples = "'Yealink T46S' or 'Polycom VVX 450'";

    /// <summary>A MAC is unique across the operator, whichever client holds it.</summary>
    public static FieldError MacTaken(string field, MacAddress mac) =>
        FieldError.Create(field, "mac.taken", "{mac} is already in the operator's equipment.", ("mac", mac.ToDisplayString()));

    /// <summary>A model the <c>DeviceCatalog</c> does not know, or none at all.</summary>
    public static FieldError UnknownModel(string field, string? text) => string.IsNullOrWhiteSpace(text)
        ? FieldError.Create(field, "model.required", "The model is missing (for example {examples}).", ("examples", ModelExamples))
        : FieldError.Create(field, "model.unknown", "'{value}' is not a known model (for example {examples}).", ("value", text), ("examples", ModelExamples));
}
