using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;
using static Saiyo.Tests.Interviews.InterviewerInvitationTests;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// The 面接官's calendar waits for a meeting that is about to be created only until its first try: while Zoom fails (an
/// outage, retried with backoff) the 面接官 hears at once, and gets the link when the meeting exists. The backoff is a
/// minute on the test's clock, so the meeting stays 発行待ち until the test moves the clock on. Its own host.
/// </summary>
public sealed class InterviewerCalendarZoomOutageTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(settings: s =>
    {
        s["Meetings:BaseBackoff"] = "00:01:00";
        s["Meetings:MaxBackoff"] = "00:02:00";
        s["Meetings:MaxAttempts"] = "50";
    });

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task While_zoom_fails_the_interviewer_is_invited_at_once_and_gets_the_join_url_once_the_meeting_exists()
    {
        // Zoom answers every create with 500 (an outage): the meeting retries with backoff. The 面接官 is not kept waiting
        // for it: a REQUEST goes once the first try failed, and exactly one more, with the join URL, once the meeting exists.
        Assert.True((await _w.World.SandboxPutFaultAsync("meetings.create", """{"error_rate":1,"error_status":500}""")).IsSuccessStatusCode);
        var day = _w.Day(4);
        var schedule = SelectionSetup.ScheduleId(await _w.Admin.CreateScheduleAsync(_w.EventId, day, "11:00", "11:30", capacity: 2, acceptWarnings: true), day, "11:00", "11:30");
        var (interviewer, email) = await _w.Admin.AddStaffAsync("障害 一郎");
        await _w.Admin.AssignInterviewersAsync("Schedules", schedule, interviewer);
        await _w.BookAsync(schedule, "障害 太郎", "outage.taro@example.test");
        var first = Assert.Single(await InvitationsAsync(_w.World, email, 1));
        Assert.Equal("REQUEST", first.Method);
        Assert.Equal("Pending", SelectionSetup.MeetingState(await _w.SettingsAsync(), schedule));

        // Zoom is back; past the backoff the meeting is created.
        Assert.True((await _w.World.SandboxControl.DeleteAsync(_w.World.SandboxUrl + "/_sandbox/faults/meetings.create")).IsSuccessStatusCode);
        _w.World.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("/", (await _w.Admin.SignInAsync(Demo.AdminEmail)).Path);
        var url = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 90), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.DoesNotContain(url, first.Body, StringComparison.Ordinal);
        var settled = Latest(await InvitationsAsync(_w.World, email, 2), first.Event.Uid);
        Assert.Equal("REQUEST", settled.Method);
        Assert.Contains(url, settled.Body, StringComparison.Ordinal);
        await _w.World.SettledAsync();
        await AssertStaysAsync(_w, email, 2);
    }
}
