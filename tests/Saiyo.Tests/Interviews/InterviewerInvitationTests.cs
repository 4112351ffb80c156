using MimeKit;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// Each assigned 面接官 gets one calendar mail per booking change of their 日程, counted at the test's SMTP server:
/// an .ics REQUEST (UID per 日程 and interviewer, SEQUENCE rising) naming the applicants, the join URL and the
/// 日程's page in Saiyo, a CANCEL when no one is left or they are taken off; never the host's start link.
/// The interviewer starts the meeting from 担当の面接 through Saiyo's 「開始」.
/// </summary>
public sealed class InterviewerInvitationTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Bookings_landing_moving_and_leaving_send_each_interviewer_one_calendar_mail_per_change()
    {
        var (interviewerId, interviewerEmail) = await _w.Admin.AddStaffAsync("面接 一郎");
        var (secondId, secondEmail) = await _w.Admin.AddStaffAsync("面接 二郎");
        await _w.Admin.AssignInterviewersAsync("Events", _w.EventId, interviewerId);
        var day = _w.Day(3);
        var first = SelectionSetup.ScheduleId(await _w.Admin.CreateScheduleAsync(_w.EventId, day, "14:00", "14:45", capacity: 2, acceptWarnings: true), day, "14:00", "14:45");
        var second = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "16:00", "16:45");
        var joinUrl = SelectionSetup.Row(await _w.RowStateAsync(first, "Issued"), first)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        await _w.RowStateAsync(second, "Issued");

        var taro = await MyPageAsync("応募 太郎", "taro@example.test");
        var hanako = await MyPageAsync("応募 花子", "hanako@example.test");

        // Lands: one REQUEST with the applicant, the join URL and the 日程's page; no start link.
        Assert.Equal("booked", ApplicantSetup.Outcome(await taro.Client.BookAsync(taro.Path, first)));
        var m1 = Assert.Single(await InvitationsAsync(interviewerEmail, 1));
        Assert.Equal("REQUEST", m1.Method);
        Assert.Contains("応募 太郎", m1.Body, StringComparison.Ordinal);
        Assert.Contains(joinUrl, m1.Body, StringComparison.Ordinal);
        Assert.Contains($"{_w.World.SaiyoUrl}/Interviews/{first}", m1.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("zak=", m1.Body + m1.Ics, StringComparison.Ordinal);
        Assert.Equal(SelectionSetup.ZoomUtc(day, "14:00"), m1.Event.Start!.AsUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        var uid = m1.Event.Uid!;

        // A second applicant on the same 日程: an updated REQUEST, same UID, higher SEQUENCE, both names.
        Assert.Equal("booked", ApplicantSetup.Outcome(await hanako.Client.BookAsync(hanako.Path, first)));
        var m2 = Latest(await InvitationsAsync(interviewerEmail, 2), uid);
        Assert.Equal(m1.Event.Sequence + 1, m2.Event.Sequence);
        Assert.Contains("応募 太郎", m2.Body, StringComparison.Ordinal);
        Assert.Contains("応募 花子", m2.Body, StringComparison.Ordinal);

        // Moves: 花子 changes to the second 日程 → the first's REQUEST (only 太郎 left) and the second's REQUEST (another UID).
        var hanakoPage = await hanako.Client.GetAsync(hanako.Path);
        var bookingId = hanakoPage.Document.QuerySelector("[data-booking-id]")!.GetAttribute("data-booking-id")!;
        var changed = await hanako.Client.PostRawAsync(hanako.Path + "?handler=Change", [new("bookingId", bookingId), new("scheduleId", second.ToString())]);
        Assert.Equal("changed", ApplicantSetup.Outcome(changed));
        var afterMove = await InvitationsAsync(interviewerEmail, 4);
        var m3 = Latest(afterMove, uid);
        Assert.Equal(m2.Event.Sequence + 1, m3.Event.Sequence);
        Assert.Equal("REQUEST", m3.Method);
        Assert.DoesNotContain("応募 花子", m3.Body, StringComparison.Ordinal);
        var onSecond = Assert.Single(afterMove, x => x.Event.Uid != uid);
        Assert.Contains("応募 花子", onSecond.Body, StringComparison.Ordinal);
        Assert.Contains($"/Interviews/{second}", onSecond.Body, StringComparison.Ordinal);

        // Leaves: 太郎 cancels → the first 日程 has no one: a CANCEL under the same UID.
        var taroPage = await taro.Client.GetAsync(taro.Path);
        Assert.Equal("cancelled", ApplicantSetup.Outcome(await taro.Client.ClickAsync(await taro.Client.ClickAsync(taroPage, "キャンセル"), "キャンセルする"))); // with its confirmation step
        var m4 = Latest(await InvitationsAsync(interviewerEmail, 5), uid);
        Assert.Equal("CANCEL", m4.Method);
        Assert.Equal(m3.Event.Sequence + 1, m4.Event.Sequence);

        // The second 日程 gets its own interviewer: the first is taken off (CANCEL), the new one invited (REQUEST).
        await _w.Admin.AssignInterviewersAsync("Schedules", second, secondId);
        var off = Latest(await InvitationsAsync(interviewerEmail, 6), onSecond.Event.Uid);
        Assert.Equal("CANCEL", off.Method);
        var newcomer = Assert.Single(await InvitationsAsync(secondEmail, 1));
        Assert.Equal("REQUEST", newcomer.Method);
        Assert.NotEqual(onSecond.Event.Uid, newcomer.Event.Uid); // one UID per 日程 and interviewer
        Assert.Contains("応募 花子", newcomer.Body, StringComparison.Ordinal);
        // Saving the same assignment again mails no one.
        await _w.Admin.AssignInterviewersAsync("Schedules", second, secondId);
        await AssertStaysAsync(interviewerEmail, 6);
        await AssertStaysAsync(secondEmail, 1);

        // The new interviewer signs in: 担当の面接 lists 花子's interview; 「開始」 goes to Zoom's start link, fetched at the click.
        var interviewer = _w.World.Browser();
        Assert.Equal("/Interviews", (await interviewer.SignInAsync(secondEmail, InterviewerSetup.Password)).Path);
        var mine = await interviewer.GetAsync("/Interviews");
        var row = Assert.Single(mine.Document.QuerySelectorAll("tr[data-schedule-id]"));
        Assert.Equal(second.ToString(), row.GetAttribute("data-schedule-id"));
        Assert.Contains("応募 花子", row.TextContent);
        Assert.NotNull(row.QuerySelector("a.join-url"));
        Assert.DoesNotContain("zak=", mine.Html, StringComparison.Ordinal);
        var start = await interviewer.SubmitAsync(mine, formSelector: $"form[action='/Interviews/{second}?handler=Start']");
        Assert.StartsWith(_w.World.SandboxUrl, start.Url.ToString());
        Assert.Contains("zak=", start.Url.Query);
    }

    private async Task<(SaiyoClient Client, string Path)> MyPageAsync(string name, string email)
    {
        var id = await _w.Admin.CreateApplicantAsync(name, email);
        await _w.Admin.InviteAsync(id, _w.MeetingId);
        return (_w.World.Browser(), await _w.Admin.SendMyPageLinkAsync(id));
    }

    public sealed record Invitation(string Body, string Ics, string Method, Ical.Net.CalendarComponents.CalendarEvent Event);

    /// <summary>The newest mail (highest SEQUENCE) of one calendar entry: the SMTP server does not keep arrival order.</summary>
    internal static Invitation Latest(IEnumerable<Invitation> mails, string? uid) => mails.Where(m => m.Event.Uid == uid).MaxBy(m => m.Event.Sequence)!;

    /// <summary>Waits (bounded) until <paramref name="to"/> has <paramref name="count"/> mails; more would be a duplicate.</summary>
    private Task<List<Invitation>> InvitationsAsync(string to, int count) => InvitationsAsync(_w.World, to, count);

    /// <inheritdoc cref="InvitationsAsync(string, int)"/>
    internal static async Task<List<Invitation>> InvitationsAsync(ZoomWorld world, string to, int count)
    {
        List<MimeMessage> mails = [];
        await ZoomWorld.EventuallyAsync(() =>
        {
            mails = ApplicantSetup.MailsTo(world.Smtp, to);
            return Task.FromResult(mails.Count >= count);
        }, $"{count} mails to {to}", seconds: 90);
        Assert.Equal(count, mails.Count);
        return mails.Select(m =>
        {
            var ics = ApplicantSetup.Calendar(m);
            var calendar = Ical.Net.Calendar.Load(ics)!;
            return new Invitation(m.TextBody!, ics, calendar.Method!, calendar.Events.Single());
        }).ToList();
    }

    /// <summary>No further mail arrives: a mail written after the change (a マイページ link) has been delivered, and the outbox sends in order.</summary>
    private Task AssertStaysAsync(string to, int count) => AssertStaysAsync(_w, to, count);

    /// <inheritdoc cref="AssertStaysAsync(string, int)"/>
    internal static async Task AssertStaysAsync(MeetingWorld w, string to, int count)
    {
        var sentinelEmail = $"sentinel-{Guid.NewGuid():N}@example.test";
        await w.Admin.SendMyPageLinkAsync(await w.Admin.CreateApplicantAsync("送信確認", sentinelEmail));
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(w.World.Smtp, sentinelEmail).Count == 1), "the sentinel mail", seconds: 90);
        Assert.Equal(count, ApplicantSetup.MailsTo(w.World.Smtp, to).Count);
    }
}
