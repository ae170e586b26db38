namespace Sophia.Registration.Sip;

/// <summary>Timer values for a non-INVITE client transaction over UDP (RFC 3261 §17.1.2.2, Table 4 of §A).</summary>
/// <param name="T1">RTT estimate, 500 ms by default: the first retransmission interval (Timer E).</param>
/// <param name="T2">Cap on the retransmission interval, 4 s by default.</param>
/// <param name="TimerF">Transaction timeout, 64*T1 by default; we let it be shortened, never lengthened past that.</param>
public sealed record SipTimers(TimeSpan T1, TimeSpan T2, TimeSpan TimerF)
{
    public static SipTimers Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(32));
}

public enum SipTransactionState
{
    Trying,
    Proceeding,
    Completed,
    Terminated,
}

public enum SipTransactionAction
{
    None,
    Retransmit,
}

/// <summary>
/// The non-INVITE client transaction state machine of RFC 3261 §17.1.2 (Figure 6), without sockets or clocks:
/// the caller tells it what happened and when, and it says what to do next.
/// Trying --1xx--> Proceeding; Trying/Proceeding --200-699--> Completed; Timer F --> Terminated (timeout).
/// Completed is final for us: Timer K only absorbs retransmitted responses, which the socket loop drops as unmatched.
/// </summary>
public sealed class NonInviteClientTransaction
{
    private readonly SipTimers timers;
    private readonly DateTimeOffset timerF;
    private DateTimeOffset timerE;
    private TimeSpan interval;

    /// <summary>Starts the transaction: the request has just been sent at <paramref name="now"/>.</summary>
    public NonInviteClientTransaction(SipTimers timers, DateTimeOffset now)
    {
        this.timers = timers;
        interval = timers.T1;
        timerE = now + interval;
        timerF = now + timers.TimerF;
        Transmissions = 1;
    }

    public SipTransactionState State { get; private set; } = SipTransactionState.Trying;

    /// <summary>How many times the request went out, the first send included.</summary>
    public int Transmissions { get; private set; }

    public int? FinalStatus { get; private set; }

    public bool TimedOut => State == SipTransactionState.Terminated && FinalStatus is null;

    /// <summary>When the caller must call <see cref="OnTimer"/> next; null once the transaction is over.</summary>
    public DateTimeOffset? NextDeadline =>
        State is SipTransactionState.Trying or SipTransactionState.Proceeding
            ? (timerE < timerF ? timerE : timerF)
            : null;

    public SipTransactionAction OnTimer(DateTimeOffset now)
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return SipTransactionAction.None;
        }
        if (now >= timerF)
        {
            // §17.1.2.2: Timer F fires -> the TU is told of a timeout, the transaction terminates.
            State = SipTransactionState.Terminated;
            return SipTransactionAction.None;
        }
        if (now < timerE)
        {
            return SipTransactionAction.None;
        }

        // Trying: E doubles up to T2. Proceeding: E is T2 from then on (§17.1.2.2).
        interval = State == SipTransactionState.Trying
            ? TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, timers.T2.Ticks))
            : timers.T2;
        timerE = now + interval;
        Transmissions++;
        return SipTransactionAction.Retransmit;
    }

    public void OnResponse(int statusCode)
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return;
        }
        if (statusCode is >= 100 and < 200)
        {
            State = SipTransactionState.Proceeding;
            return;
        }
        FinalStatus = statusCode;
        State = SipTransactionState.Completed;
    }
}
