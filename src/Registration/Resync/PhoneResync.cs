using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Model.Registration;
using Sophia.Registration.Sip;

namespace Sophia.Registration.Resync;

/// <summary>How one check-sync NOTIFY ended, in API words.</summary>
/// <param name="Outcome"><c>answered</c>, <c>refused</c>, <c>no-answer</c> or <c>not-sent</c>.</param>
public sealed record ResyncResult(string Outcome, int? StatusCode, string? Reason, string Contact, int Transmissions, TimeSpan Elapsed);

/// <summary>Sends a check-sync NOTIFY to one phone's registered contact and records how it went on its status.</summary>
public sealed class PhoneResync(ISipProbe sip, TimeProvider time)
{
    public const string Answered = "answered";
    public const string Refused = "refused";
    public const string NoAnswer = "no-answer";
    public const string NotSent = "not-sent";

    public static string Word(SipOutcomeKind kind) => kind switch
    {
        SipOutcomeKind.Answered => Answered,
        SipOutcomeKind.Refused => Refused,
        SipOutcomeKind.NoAnswer => NoAnswer,
        _ => NotSent,
    };

    public static ResyncTargetState TargetState(SipOutcomeKind kind) => kind switch
    {
        SipOutcomeKind.Answered => ResyncTargetState.Answered,
        SipOutcomeKind.Refused => ResyncTargetState.Refused,
        SipOutcomeKind.NoAnswer => ResyncTargetState.NoAnswer,
        _ => ResyncTargetState.NotSent,
    };

    /// <summary>
    /// NOTIFY <c>Event: check-sync</c>; a socket that cannot send at all (no route, address family) is reported as
    /// not sent with the reason, like an unusable contact, rather than as a failure of the whole resync.
    /// </summary>
    public static async Task<SipOutcome> NotifyAsync(ISipProbe sip, SipTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await sip.SendCheckSyncAsync(target, reboot: false, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return SipOutcome.NotSent($"{e.SocketErrorCode}: {e.Message}");
        }
    }

    /// <summary>NOTIFY to <paramref name="target"/>, then the outcome stored on the phone's status (one UPDATE).</summary>
    public async Task<ResyncResult> SendAsync(SophiaDb db, int equipmentId, SipTarget target, CancellationToken cancellationToken = default)
    {
        var outcome = await NotifyAsync(sip, target, cancellationToken);
        var word = Word(outcome.Kind);
        var now = time.GetUtcNow();
        await db.RegistrationStatuses.Where(s => s.EquipmentId == equipmentId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastResyncAt, now).SetProperty(s => s.LastResyncOutcome, word), cancellationToken);
        return new ResyncResult(word, outcome.StatusCode, outcome.Reason, target.ContactUri, outcome.Transmissions, outcome.Elapsed);
    }
}
