using Microsoft.Extensions.Logging;

namespace Sophia.Provisioning.Rendering;

/// <summary>Rendering log events, ids 4200-4299. File names and template lines are logged; rendered content never is.</summary>
internal static partial class RenderingLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Template {File} refused (line {Line}): {Reason}")]
    public static partial void TemplateRefused(ILogger logger, string file, int line, string reason);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Templates loaded: version {Version}, {Count} in service, {Overrides} overridden by the operator, {Errors} refused")]
    public static partial void TemplatesLoaded(ILogger logger, string version, int count, int overrides, int errors);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "Rendering {FileName} for {Mac} failed in {Template}")]
    public static partial void RenderFailed(ILogger logger, string fileName, string mac, string template);
}
