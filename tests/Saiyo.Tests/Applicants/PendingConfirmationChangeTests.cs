using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// A staff change while a personal-link booking's confirmation still waits for Zoom (the registrant add failing): the
/// applicant gets ONE mail, counted at the test's SMTP server. A move is in the confirmation (the new time, their own link);
/// a deleted 日程 is one cancellation and no confirmation.
/// </summary>
public sealed class PendingConfirmationChangeTests : IAsyncLifetime
{
    private const string Booked = "ご予約を承りました", Moved = "ご予約の日時が変更されました", Cancelled = "ご予約をキャンセルしました";

    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync()
    {
        _w = await MeetingWorld.StartAsync(settings: s =>
        {
            s["Applicants:Links:BaseBackoff"] = "00:00:00.200";
            s["Applicants:Links:MaxBackoff"] = "00:00:01";
            s["Applicants:Links:PollInterval"] = "00:00:00.200";
            s["Applicants:Links:NoticeWait"] = "00:10:00"; // Zoom recovers well within it, however loaded the machine
        });
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.PersonalJoinLinks"] = "true" })).Path);
    }

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_move_while_the_confirmation_waits_is_one_confirmation_with_the_new_time_and_the_personal_link()
    {
        var day = _w.Day(4);
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "14:00", "14:30");
        var sharedUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued"), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        const string email = "pending.move@example.test";
        var (applicant, link) = await BookedWhileZoomFailsAsync("保留 移子", email, schedule);

        var moved = await _w.Admin.SubmitAsync($"/SelectionMeetings/Schedules/{schedule}", new Dictionary<string, string>
        {
            ["Input.StartTime"] = "16:00", ["Input.EndTime"] = "16:45", ["Input.AcceptWarnings"] = "true",
        });
        Assert.EndsWith("/Schedules", moved.Path);
        await _w.MeetingsEventuallyAsync(schedule, 1, m => m["start_time"]!.GetValue<string>() == SelectionSetup.ZoomUtc(day, "16:00"));
        Assert.Empty(BookingLinkTests.BookingMailsTo(_w.World, email)); // still waiting for the link

        await RecoverAsync();
        var mail = await BookingLinkTests.MailAsync(_w.World, email, Booked);
        var personal = (await applicant.GetAsync(link)).Document.QuerySelector(".booking a.join-url")!.GetAttribute("href")!;
        Assert.Contains("tk=", personal, StringComparison.Ordinal);
        Assert.Contains(personal, mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(sharedUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("準備ができ次第お知らせします", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains("16:00", mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("14:00", mail.TextBody!, StringComparison.Ordinal);
        var invitation = Assert.Single(Ical.Net.Calendar.Load(ApplicantSetup.Calendar(mail))!.Events);
        Assert.Equal(personal, invitation.Location);
        Assert.Equal(SelectionSetup.ZoomUtc(day, "16:00"), invitation.Start!.AsUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

        await _w.World.SettledAsync(); // a second mail would have been sent and delivered by now
        var only = Assert.Single(BookingLinkTests.BookingMailsTo(_w.World, email));
        Assert.Contains(Booked, only.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => (m.Subject ?? "").Contains(Moved, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_schedule_while_the_confirmation_waits_is_one_cancellation_and_no_confirmation()
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(5), "10:00", "10:30");
        await _w.RowStateAsync(schedule, "Issued");
        const string email = "pending.delete@example.test";
        await BookedWhileZoomFailsAsync("保留 削子", email, schedule);

        var impact = await _w.Admin.SubmitAsync(await _w.SettingsAsync(), formSelector: $"form[action='/SelectionMeetings/Schedules/{schedule}?handler=Delete']");
        Assert.Equal($"/SelectionMeetings/Schedules/{schedule}/Delete", impact.Path);
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(impact, new Dictionary<string, string> { ["Message"] = "" }, "form.delete-impact")).Path);
        await _w.MeetingsEventuallyAsync(schedule, 0);

        await RecoverAsync();
        var mail = await BookingLinkTests.MailAsync(_w.World, email, Cancelled);
        Assert.DoesNotContain("tk=", mail.TextBody!, StringComparison.Ordinal);
        await _w.World.SettledAsync();
        var only = Assert.Single(BookingLinkTests.BookingMailsTo(_w.World, email));
        Assert.Contains(Cancelled, only.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => (m.Subject ?? "").Contains(Booked, StringComparison.Ordinal));
    }

    /// <summary>Booked with Zoom refusing every registrant add: the confirmation waits (the worker retries, the badge shows it).</summary>
    private async Task<(SaiyoClient Applicant, string Link)> BookedWhileZoomFailsAsync(string name, string email, Guid schedule)
    {
        Assert.True((await _w.World.SandboxPutFaultAsync("registrants.create", """{"error_rate":1,"error_status":500}""")).IsSuccessStatusCode);
        var (applicant, link) = await _w.InvitedApplicantAsync(name, email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
        await ZoomWorld.EventuallyAsync(async () => (await _w.Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings"))
            .Document.QuerySelector("tr[data-booking-id] .link-pending") is not null, "the confirmation waiting for the link");
        return (applicant, link);
    }

    private async Task RecoverAsync() =>
        Assert.True((await _w.World.SandboxControl.DeleteAsync(_w.World.SandboxUrl + "/_sandbox/faults/registrants.create")).IsSuccessStatusCode);
}
