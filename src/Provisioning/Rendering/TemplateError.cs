namespace Sophia.Provisioning.Rendering;

/// <summary>Why a template was refused: the file, the 1-based template line (0 when the fault is in what it rendered), what is wrong.</summary>
public sealed record TemplateError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}({Line}): {Message}" : $"{File}: {Message}";
}

/// <summary>A template failed on a real phone's data after it had passed the load-time checks.</summary>
public sealed class TemplateRenderException(TemplateError error)
    : Exception($"Template {error} failed while rendering.")
{
    public TemplateError Error { get; } = error;
}
