using System.Collections.Concurrent;
using Sophia.Registration.Sip;

namespace Sophia.Registration.Tests.Resync;

/// <summary>
/// Stands in for the SIP client where the pump's pacing is under test (real phones answer NOTIFY in the real-peer and
/// server tests): records every check-sync and answers as told per contact, 200 by default.
/// </summary>
internal sealed class RecordingPhones : ISipProbe
{
    private readonly ConcurrentDictionary<string, SipOutcome> answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<SipTarget> Notified { get; } = new();

    public void Answer(string contact, SipOutcome outcome) => answers[contact] = outcome;

    public Task<SipOutcome> SendCheckSyncAsync(SipTarget target, bool reboot = false, CancellationToken cancellationToken = default)
    {
        Notified.Enqueue(target);
        return Task.FromResult(answers.GetValueOrDefault(target.ContactUri) ?? SipOutcome.FromFinal(200, "OK", 1, TimeSpan.FromMilliseconds(3)));
    }

    public Task<SipOutcome> SendOptionsAsync(SipTarget target, TimeSpan? timeout, CancellationToken cancellationToken = default) =>
        Task.FromResult(SipOutcome.NotSent("OPTIONS are not part of this test"));
}
