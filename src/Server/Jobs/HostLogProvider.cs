using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Sophia.Server.Jobs;

/// <summary>
/// Hangfire's log lines into the host's logging. Hangfire keeps one log provider for the whole process: when two hosts
/// run in one process (tests) and the one that set it stops, its logger factory is disposed; those lines are then
/// dropped instead of failing the job that logged them.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggers) : ILogProvider
{
    public ILog GetLogger(string name) => new HostLog(loggers, name);

    private sealed class HostLog(ILoggerFactory loggers, string name) : ILog
    {
        private ILogger? logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HangfireLevel.Trace => LogLevel.Trace,
                HangfireLevel.Debug => LogLevel.Debug,
                HangfireLevel.Info => LogLevel.Information,
                HangfireLevel.Warn => LogLevel.Warning,
                HangfireLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                logger ??= loggers.CreateLogger(name);
                if (messageFunc is null || !logger.IsEnabled(level))
                {
                    return logger.IsEnabled(level);
                }
                logger.Log(level, default, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
