using Sophia.Registration.Sip;

namespace Sophia.Registration.Tests.Sip;

public sealed class NonInviteClientTransactionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Unanswered_request_is_retransmitted_at_T1_doubling_to_T2_until_timer_F()
    {
        var transaction = new NonInviteClientTransaction(SipTimers.Default, Start);
        var sends = new List<double>();

        while (transaction.NextDeadline is { } deadline)
        {
            if (transaction.OnTimer(deadline) == SipTransactionAction.Retransmit)
            {
                sends.Add((deadline - Start).TotalSeconds);
            }
        }

        // 0.5, 1, 2, 4 then every 4 s (T2) until 32 s (64*T1), per RFC 3261 §17.1.2.2.
        Assert.Equal([0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], sends);
        Assert.True(transaction.TimedOut);
        Assert.Equal(11, transaction.Transmissions);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void A_provisional_response_moves_to_proceeding_where_retransmissions_are_every_T2()
    {
        var transaction = new NonInviteClientTransaction(SipTimers.Default, Start);
        transaction.OnResponse(100);

        Assert.Equal(SipTransactionState.Proceeding, transaction.State);
        Assert.Equal(SipTransactionAction.Retransmit, transaction.OnTimer(Start.AddSeconds(0.5)));
        Assert.Equal(Start.AddSeconds(4.5), transaction.NextDeadline);
    }

    [Fact]
    public void A_final_response_completes_the_transaction_and_stops_the_timers()
    {
        var transaction = new NonInviteClientTransaction(SipTimers.Default, Start);
        transaction.OnResponse(481);

        Assert.Equal(SipTransactionState.Completed, transaction.State);
        Assert.Equal(481, transaction.FinalStatus);
        Assert.Null(transaction.NextDeadline);
        Assert.Equal(SipTransactionAction.None, transaction.OnTimer(Start.AddSeconds(40)));
        Assert.False(transaction.TimedOut);
    }

    [Fact]
    public void A_shortened_timer_F_bounds_the_whole_exchange()
    {
        var transaction = new NonInviteClientTransaction(SipTimers.Default with { TimerF = TimeSpan.FromSeconds(2) }, Start);

        while (transaction.NextDeadline is { } deadline)
        {
            transaction.OnTimer(deadline);
        }

        Assert.True(transaction.TimedOut);
        Assert.Equal(3, transaction.Transmissions);
    }

    [Fact]
    public void A_timer_fired_early_does_nothing()
    {
        var transaction = new NonInviteClientTransaction(SipTimers.Default, Start);

        Assert.Equal(SipTransactionAction.None, transaction.OnTimer(Start.AddMilliseconds(499)));
        Assert.Equal(1, transaction.Transmissions);
    }
}
