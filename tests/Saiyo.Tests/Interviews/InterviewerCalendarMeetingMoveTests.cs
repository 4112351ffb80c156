using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;
using static Saiyo.Tests.Interviews.InterviewerInvitationTests;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// The 面接官's calendar follows the meeting, not only the bookings: a REQUEST that went out while the meeting was moving
/// to another host (no URL yet) is followed, once the new meeting is created, by exactly one REQUEST with its join URL.
/// The move is held at the sandbox (the new host's daily limit reached, as Zoom answers it) and released by the clock.
/// Its own host: the test moves the clock a day on.
/// </summary>
public sealed class InterviewerCalendarMeetingMoveTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task An_interviewer_invited_while_the_meeting_moves_gets_the_new_join_url_once_it_is_created()
    {
        var day = _w.Day(3);
        var schedule = SelectionSetup.ScheduleId(await _w.Admin.CreateScheduleAsync(_w.EventId, day, "10:00", "10:30", capacity: 2, acceptWarnings: true), day, "10:00", "10:30");
        var oldUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 60), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var (interviewer, email) = await _w.Admin.AddStaffAsync("追従 一郎");
        await _w.Admin.AssignInterviewersAsync("Schedules", schedule, interviewer);
        await _w.BookAsync(schedule, "追従 太郎", "follow.taro@example.test");
        var first = Assert.Single(await InvitationsAsync(_w.World, email, 1));
        Assert.Contains(oldUrl, first.Body, StringComparison.Ordinal);

        // The イベント moves to host2, whose daily quota is used up: the old meeting goes, the new one waits for 00:00 UTC.
        Assert.True((await _w.World.SandboxPutFaultAsync("meetings.create", """{"force_429":"Daily-limit","count":1}""")).IsSuccessStatusCode);
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.HostExternalUserId"] = SelectionSetup.HostOption(form, MeetingWorld.Host2), ["Input.ConfirmImpact"] = "true",
        })).Path);
        await _w.RowStateAsync(schedule, "Waiting", 60);

        // A second applicant books meanwhile: the 面接官's REQUEST names both, without a URL (the meeting is moving).
        await _w.BookAsync(schedule, "追従 花子", "follow.hanako@example.test");
        var moving = Latest(await InvitationsAsync(_w.World, email, 2), first.Event.Uid);
        Assert.Contains("追従 花子", moving.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(oldUrl, moving.Body, StringComparison.Ordinal);

        // Past 00:00 UTC the meeting is created on host2: exactly one more REQUEST, with its join URL.
        _w.World.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal("/", (await _w.Admin.SignInAsync(Demo.AdminEmail)).Path);
        var newUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 90), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.NotEqual(oldUrl, newUrl);
        var settled = Latest(await InvitationsAsync(_w.World, email, 3), first.Event.Uid);
        Assert.Equal("REQUEST", settled.Method);
        Assert.Equal(moving.Event.Sequence + 1, settled.Event.Sequence);
        Assert.Contains(newUrl, settled.Body, StringComparison.Ordinal);
        await _w.World.SettledAsync();
        await AssertStaysAsync(_w, email, 3);
    }
}
