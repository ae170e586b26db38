using Sophia.Registration.Diagnostics;
using Sophia.Server.Console.Helpdesk;

namespace Sophia.Server.Tests.Console;

/// <summary>The registration timeline the device page draws: a stretch per state from the oldest change kept to now.</summary>
public sealed class HelpdeskTimelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 16, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_change_starts_a_stretch_that_lasts_until_the_next_and_the_last_until_now()
    {
        var timeline = RegistrationTimeline.From(
        [
            // Newest first, as the status lists them.
            new TransitionDto("registered", "unreachable", Now.AddHours(-1), "no answer to OPTIONS"),
            new TransitionDto("unknown", "registered", Now.AddHours(-4), "registered at kamailio"),
        ], Registration("unreachable", Now.AddHours(-1)), Now);

        Assert.Equal(Now.AddHours(-4), timeline.Start);
        Assert.Equal(
            [("registered", 0d, 750d), ("unreachable", 750d, 250d)],
            timeline.Segments.Select(s => (s.State, Math.Round(s.X), Math.Round(s.Width))));
        Assert.Equal([0d, 750d], timeline.Marks.Select(m => Math.Round(m.X)));
        Assert.Equal("no answer to OPTIONS", timeline.Marks[1].Reason);
    }

    [Fact]
    public void A_record_nobody_refreshed_reads_unknown_from_its_last_check()
    {
        var timeline = RegistrationTimeline.From(
            [new TransitionDto("unknown", "registered", Now.AddHours(-10), "registered at kamailio")],
            Registration("unknown", Now.AddHours(-2)), Now);

        Assert.Equal([("registered", 0d, 800d), ("unknown", 800d, 200d)], timeline.Segments.Select(s => (s.State, Math.Round(s.X), Math.Round(s.Width))));
    }

    [Fact]
    public void Without_changes_the_current_state_is_drawn_since_when_it_holds_and_a_phone_never_checked_draws_nothing()
    {
        var held = RegistrationTimeline.From([], Registration("not-registered", Now.AddDays(-1)), Now);
        Assert.Equal([("not-registered", 0d, 1000d)], held.Segments.Select(s => (s.State, Math.Round(s.X), Math.Round(s.Width))));
        Assert.Empty(held.Marks);

        Assert.True(RegistrationTimeline.From([], Registration("unknown", null), Now).Empty);
    }

    [Fact]
    public void A_phone_checked_a_moment_ago_is_drawn_across_the_whole_width()
    {
        var timeline = RegistrationTimeline.From(
            [new TransitionDto("unknown", "unreachable", Now.AddMilliseconds(-300), "no answer to OPTIONS")],
            Registration("unreachable", Now.AddMilliseconds(-300)), Now);
        Assert.Equal([("unreachable", 0d, 1000d)], timeline.Segments.Select(s => (s.State, Math.Round(s.X), Math.Round(s.Width))));

        var same = RegistrationTimeline.From([new TransitionDto("unknown", "unreachable", Now, "no answer")], Registration("unreachable", Now), Now);
        Assert.Equal([("unreachable", 0d, 1000d)], same.Segments.Select(s => (s.State, Math.Round(s.X), Math.Round(s.Width))));
    }

    [Fact]
    public void A_state_held_for_seconds_in_a_long_history_is_still_drawn()
    {
        var timeline = RegistrationTimeline.From(
        [
            new TransitionDto("unreachable", "registered", Now.AddSeconds(-60 * 60 * 24 * 30 + 5), "back"),
            new TransitionDto("registered", "unreachable", Now.AddDays(-30), "blip"),
        ], Registration("registered", Now.AddDays(-30)), Now);

        Assert.True(timeline.Segments[0].Width >= 2, $"The blip is {timeline.Segments[0].Width} wide.");
    }

    private static RegistrationDto Registration(string state, DateTimeOffset? since) =>
        new(state, since, since, null, null, null, null, null, null, null, null, null);
}
