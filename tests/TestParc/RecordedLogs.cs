using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sophia.Testing;

/// <summary>What the parc's operations logged, formatted, for tests that check a refusal is recorded and what it says.</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> entries = new();

    public IReadOnlyList<RecordedLog> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.entries.Enqueue(new RecordedLog(category, logLevel, eventId.Id, formatter(state, exception)));
    }
}

public sealed record RecordedLog(string Category, LogLevel Level, int EventId, string Message);
