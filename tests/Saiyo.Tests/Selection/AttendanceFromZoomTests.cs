using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// Attendance taken from Zoom after the meeting, against the sandbox: the host ends the meeting, Zoom sends
/// <c>meeting.ended</c>, Saiyo reads the past participants and the bookings page shows 出席（Zoom）/欠席（Zoom）; staff
/// marks stay; retried deliveries take nothing twice; Zoom errors are retried; 「Zoomから出席を取得」 when the webhook
/// never came; other accounts and bad signatures change nothing.
/// </summary>
public sealed class AttendanceFromZoomTests
{
    private const string Taro = "山田 太郎";
    private const string Hanako = "佐藤 花子";
    private const string Jiro = "田中 次郎";

    [Fact]
    public async Task After_the_host_ends_the_meeting_who_joined_shows_attended_from_zoom_the_others_absent_and_staff_marks_stay()
    {
        await using var w = await StartAsync();
        var (schedule, joinUrl) = await BookedScheduleAsync(w, (Taro, "taro@example.test"), (Hanako, "hanako@example.test"), (Jiro, "jiro@example.test"));
        // Staff already marked Jiro absent (he phoned to say so): Zoom must not overwrite a staff mark, even though he joins.
        await MarkAsync(w, schedule, Jiro, "Absent");

        var host = await HostStartsAsync(w, schedule);
        // Taro types his address differently and drops out once: Zoom lists him twice.
        var taro = await JoinAsync(w, joinUrl, "Taro", "Taro@Example.TEST");
        await taro.Browser.ClickAsync(taro.Page, "Leave");
        await JoinAsync(w, joinUrl, "Taro", "taro@example.test");
        await JoinAsync(w, joinUrl, "Jiro", "jiro@example.test");
        await JoinAsync(w, joinUrl, "Guest without e-mail", "");
        await w.Admin.ClickAsync(host, "End meeting");

        var page = await SyncStateAsync(w, schedule, "Taken");
        Assert.Contains("取得済み", page.Text);
        AssertMark(page, Taro, "Attended", "Zoom", "出席（Zoom）");
        AssertMark(page, Hanako, "Absent", "Zoom", "欠席（Zoom）");
        AssertMark(page, Jiro, "Absent", "Staff", "欠席");

        // Staff correct Hanako by hand afterwards; then Zoom delivers meeting.ended again (it retries). The participant
        // list is not read again: a fault waiting on it stays unused, and the staff mark stays.
        await MarkAsync(w, schedule, Hanako, "Attended");
        Assert.True((await w.World.SandboxPutFaultAsync("participants.list", """{"error_rate":1,"error_status":500,"count":1}""")).IsSuccessStatusCode);
        var delivery = (await w.World.SandboxStateAsync())["webhook_deliveries"]!.AsArray().Single(d => d!["event"]!.GetValue<string>() == "meeting.ended")!;
        using (var again = await w.World.PostWebhookAsync(delivery["body"]!.GetValue<string>()))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        await w.World.SettledAsync();
        page = await w.Admin.GetAsync(BookingsUrl(schedule));
        Assert.Equal("Taken", SyncState(page));
        Assert.NotNull((await FaultsAsync(w))["participants.list"]);
        AssertMark(page, Taro, "Attended", "Zoom", "出席（Zoom）");
        AssertMark(page, Hanako, "Attended", "Staff", "出席");
        AssertMark(page, Jiro, "Absent", "Staff", "欠席");

        // In English the source reads the same way.
        var en = w.World.Browser(language: "en");
        await en.SignInAsync(Demo.AdminEmail);
        var english = await en.GetAsync(BookingsUrl(schedule));
        Assert.Contains("Attended (Zoom)", english.Text);
        Assert.Contains("Taken", english.Text);
    }

    [Fact]
    public async Task With_personal_join_links_an_applicant_who_joins_under_another_name_and_email_is_matched_by_registrant_id()
    {
        await using var w = await StartAsync();
        // 予約動作設定: personal join links on; the applicants book on their my page and are registered at Zoom.
        var form = await w.Admin.GetAsync($"/SelectionMeetings/Events/{w.EventId}");
        Assert.Equal(w.SettingsUrl, (await w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.PersonalJoinLinks"] = "true" })).Path);
        var day = w.Day(3);
        var created = await w.Admin.CreateScheduleAsync(w.EventId, day, "10:00", "10:30", capacity: 2, acceptWarnings: true);
        var schedule = SelectionSetup.ScheduleId(created, day, "10:00", "10:30");
        var sharedUrl = SelectionSetup.Row(await w.RowStateAsync(schedule, "Issued"), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var taro = await SelfBookedPersonalUrlAsync(w, Taro, "taro@example.test");
        var hanako = await SelfBookedPersonalUrlAsync(w, Hanako, "hanako@example.test");
        Assert.NotEqual(taro, hanako);

        var host = await HostStartsAsync(w, schedule);
        // Taro joins through his own link, but on a shared PC signed in as someone else: name and e-mail say nothing.
        var browser = w.World.Browser();
        var join = await browser.GetAsync(taro);
        var inMeeting = await browser.ClickAsync(join, "Join", new Dictionary<string, string> { ["name"] = "Meeting Room 3", ["email"] = "room3@facility.example" });
        Assert.Contains("You are in the meeting", inMeeting.Text);
        // A second participant (Zoom lists nobody for fewer than two) who is no applicant.
        await JoinAsync(w, sharedUrl, "Observer", "observer@example.test");
        await w.Admin.ClickAsync(host, "End meeting");

        var page = await SyncStateAsync(w, schedule, "Taken");
        AssertMark(page, Taro, "Attended", "Zoom", "出席（Zoom）");
        AssertMark(page, Hanako, "Absent", "Zoom", "欠席（Zoom）");
    }

    [Fact]
    public async Task Zoom_errors_on_the_participant_list_are_retried_the_reason_shows_after_the_last_attempt_and_the_button_takes_it_again()
    {
        await using var w = await StartAsync();
        var (schedule, joinUrl) = await BookedScheduleAsync(w, (Taro, "taro@example.test"));
        Assert.True((await w.World.SandboxPutFaultAsync("participants.list", """{"error_rate":1,"error_status":503}""")).IsSuccessStatusCode);
        var host = await HostStartsAsync(w, schedule);
        await JoinAsync(w, joinUrl, "Taro", "taro@example.test");
        await w.Admin.ClickAsync(host, "End meeting");

        var failed = await SyncStateAsync(w, schedule, "Failed");
        Assert.Contains("取得失敗", failed.Text);
        Assert.Contains("Zoomが一時的に応答しませんでした（3回試行）", failed.Text);
        AssertMark(failed, Taro, "Unknown", "None", "未確認");

        // Zoom recovers after more 5xx than one read retries by itself: the worker's next attempt gets through.
        Assert.True((await w.World.SandboxPutFaultAsync("participants.list", """{"error_rate":1,"error_status":500,"count":6}""")).IsSuccessStatusCode);
        var requested = await w.Admin.ClickAsync(failed, "Zoomから出席を取得");
        Assert.Contains("Zoomからの出席取得を受け付けました", requested.Text);
        var page = await SyncStateAsync(w, schedule, "Taken");
        AssertMark(page, Taro, "Attended", "Zoom", "出席（Zoom）");
        Assert.Null((await FaultsAsync(w))["participants.list"]); // all six failures were met: the worker read more than once
        Assert.DoesNotContain("取得失敗", page.Text);
    }

    [Fact]
    public async Task When_the_webhook_never_came_staff_take_attendance_with_the_button_after_the_meeting()
    {
        // Saiyo's webhook secret does not match the app's: every delivery is refused, as if meeting.ended never came.
        // The worker polls only every 10 minutes here: the button itself must wake it.
        await using var w = await StartAsync(s =>
        {
            s["Zoom:WebhookSecretToken"] = "not-the-apps-secret";
            s["Attendance:PollInterval"] = "00:10:00";
        });
        var (schedule, joinUrl) = await BookedScheduleAsync(w, (Taro, "taro@example.test"), (Hanako, "hanako@example.test"));
        var before = await w.Admin.GetAsync(BookingsUrl(schedule));
        Assert.Equal("None", SyncState(before));
        Assert.DoesNotContain("Zoomから出席を取得", before.Text); // the meeting has not started: nothing to take yet

        var host = await HostStartsAsync(w, schedule);
        await JoinAsync(w, joinUrl, "Hanako", "hanako@example.test");
        await w.Admin.ClickAsync(host, "End meeting");
        await ZoomWorld.EventuallyAsync(async () => (await w.World.SandboxStateAsync())["webhook_deliveries"]!.AsArray()
            .Any(d => d!["event"]!.GetValue<string>() == "meeting.ended" && d["history"]!.AsArray().Any(h => h!["status_code"]?.GetValue<int>() == 401)), "meeting.ended refused");

        // The scheduled end has passed; staff notice nothing was taken and press the button.
        var end = DateTimeOffset.Parse(SelectionSetup.ZoomUtc(w.Day(1), "10:30"), CultureInfo.InvariantCulture);
        w.World.Clock.Advance(end - w.World.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        var after = await w.Admin.GetAsync(BookingsUrl(schedule));
        if (after.Path == "/Account/Login")
        {
            await w.Admin.SignInAsync(Demo.AdminEmail); // the sign-in lapsed with the clock
            after = await w.Admin.GetAsync(BookingsUrl(schedule));
        }
        Assert.True(SyncState(after) == "None", after.Path + ": " + after.Text[..Math.Min(after.Text.Length, 400)]);
        await w.Admin.ClickAsync(after, "Zoomから出席を取得");

        var page = await SyncStateAsync(w, schedule, "Taken");
        AssertMark(page, Hanako, "Attended", "Zoom", "出席（Zoom）");
        AssertMark(page, Taro, "Absent", "Zoom", "欠席（Zoom）");
    }

    [Fact]
    public async Task A_meeting_ended_from_another_account_or_with_a_bad_signature_changes_nothing()
    {
        await using var w = await StartAsync();
        var (schedule, _) = await BookedScheduleAsync(w, (Taro, "taro@example.test"));
        var meetingId = SelectionSetup.MeetingsOf(await w.World.SandboxStateAsync(), schedule).Single()["id"]!.ToString();
        var ours = (await w.World.SandboxStateAsync())["installations"]![0]!["account_id"]!.GetValue<string>();

        // Another company, linked to the other Zoom account.
        var op = w.World.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var other = w.World.Browser();
        await other.SignInAsync(await op.CreateCompanyAsync("隣の会社"), CompanySetup.AdminPassword);
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(other, ZoomWorld.OtherZoomAdmin)).Path);
        var theirs = (await w.World.SandboxStateAsync())["installations"]!.AsArray()
            .Select(i => i!["account_id"]!.GetValue<string>()).Single(a => a != ours);

        string Ended(string account) => new JsonObject
        {
            ["event"] = "meeting.ended",
            ["event_ts"] = w.World.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            ["payload"] = new JsonObject
            {
                ["account_id"] = account,
                ["object"] = new JsonObject { ["id"] = meetingId, ["uuid"] = "forged-instance==", ["host_id"] = "h", ["topic"] = "t", ["type"] = 2, ["duration"] = 30 },
            },
        }.ToJsonString();
        using (var theirEvent = await w.World.PostWebhookAsync(Ended(theirs)))
        {
            Assert.Equal(HttpStatusCode.OK, theirEvent.StatusCode);
        }
        using (var unknown = await w.World.PostWebhookAsync(Ended("someone-else")))
        {
            Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        }
        using (var badSignature = await w.World.PostWebhookAsync(Ended(ours), secret: "not-the-secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, badSignature.StatusCode);
            Assert.Equal("", await badSignature.Content.ReadAsStringAsync());
        }
        using (var stale = await w.World.PostWebhookAsync(Ended(ours), timestamp: w.World.Clock.GetUtcNow().AddMinutes(-10)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        }

        await w.World.SettledAsync();
        var page = await w.Admin.GetAsync(BookingsUrl(schedule));
        Assert.Equal("None", SyncState(page));
        Assert.DoesNotContain("会議終了", page.Text);
        AssertMark(page, Taro, "Unknown", "None", "未確認");

        // The same event from our account, signed right, is taken up (so the refusals above were not vacuous).
        using (var ok = await w.World.PostWebhookAsync(Ended(ours)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        Assert.Contains("会議終了", (await w.Admin.GetAsync(BookingsUrl(schedule))).Text);
    }

    // ---- the arrangement and the reading ----

    internal static Task<MeetingWorld> StartAsync(Action<Dictionary<string, string?>>? settings = null) =>
        MeetingWorld.StartAsync(settings: s =>
        {
            s["Attendance:FirstAttemptDelay"] = "00:00:00";
            s["Attendance:PollInterval"] = "00:00:00.200";
            s["Attendance:BaseBackoff"] = "00:00:00.200";
            s["Attendance:MaxBackoff"] = "00:00:01";
            s["Attendance:MaxAttempts"] = "3";
            settings?.Invoke(s);
        });

    internal static string BookingsUrl(Guid schedule) => $"/SelectionMeetings/Schedules/{schedule}/Bookings";

    /// <summary>Tomorrow 10:00–10:30 with its meeting issued, and the applicants booked on it by staff (代行予約).</summary>
    internal static async Task<(Guid Schedule, string JoinUrl)> BookedScheduleAsync(MeetingWorld w, params (string Name, string Email)[] applicants)
    {
        var day = w.Day(1);
        var created = await w.Admin.CreateScheduleAsync(w.EventId, day, "10:00", "10:30", capacity: applicants.Length, acceptWarnings: true);
        var schedule = SelectionSetup.ScheduleId(created, day, "10:00", "10:30");
        var row = SelectionSetup.Row(await w.RowStateAsync(schedule, "Issued"), schedule)!;
        var joinUrl = row.QuerySelector("a.join-url")!.GetAttribute("href")!;
        foreach (var (name, email) in applicants)
        {
            var id = await w.Admin.CreateApplicantAsync(name, email);
            await w.Admin.InviteAsync(id, w.MeetingId);
            var booked = await w.Admin.SubmitAsync(BookingsUrl(schedule), new Dictionary<string, string> { ["applicantId"] = id.ToString() }, "form[action*='handler=Book']");
            Assert.Contains("予約しました", booked.Text);
        }
        return (schedule, joinUrl);
    }

    /// <summary>The applicant books the only shown schedule on their my page; returns the personal join URL mailed to them.</summary>
    private static async Task<string> SelfBookedPersonalUrlAsync(MeetingWorld w, string name, string email)
    {
        var id = await w.Admin.CreateApplicantAsync(name, email);
        await w.Admin.InviteAsync(id, w.MeetingId);
        var applicant = w.World.Browser();
        var page = await applicant.GetAsync(await w.Admin.SendMyPageLinkAsync(id));
        var booked = await applicant.ClickAsync(page, "予約する");
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        var personal = booked.Document.QuerySelector(".booking a.join-url")!.GetAttribute("href")!;
        Assert.Contains("tk=", personal, StringComparison.Ordinal);
        var mail = await Saiyo.Tests.Applicants.BookingLinkTests.MailAsync(w.World, email, "ご予約を承りました");
        Assert.Contains(personal, mail.TextBody!, StringComparison.Ordinal);
        return personal;
    }

    /// <summary>「開始」 on 日程設定 → Zoom's start page → Start: the host is in the meeting.</summary>
    internal static async Task<HtmlPage> HostStartsAsync(MeetingWorld w, Guid schedule)
    {
        var start = await w.Admin.SubmitAsync(await w.SettingsAsync(), formSelector: $"form[action='/SelectionMeetings/Schedules/{schedule}?handler=Start']");
        Assert.StartsWith(w.World.SandboxUrl, start.Url.ToString());
        var inMeeting = await w.Admin.ClickAsync(start, "Start");
        Assert.Contains("End meeting", inMeeting.Text);
        return inMeeting;
    }

    /// <summary>An applicant opens the join URL in their own browser and joins under a name and e-mail.</summary>
    internal static async Task<(SaiyoClient Browser, HtmlPage Page)> JoinAsync(MeetingWorld w, string joinUrl, string name, string email)
    {
        var browser = w.World.Browser();
        var join = await browser.GetAsync(joinUrl);
        var inMeeting = await browser.ClickAsync(join, "Join", new Dictionary<string, string> { ["name"] = name, ["email"] = email });
        Assert.Contains("You are in the meeting", inMeeting.Text);
        return (browser, inMeeting);
    }

    private static async Task MarkAsync(MeetingWorld w, Guid schedule, string applicant, string attendance)
    {
        var page = await w.Admin.GetAsync(BookingsUrl(schedule));
        var id = Booking(page, applicant).GetAttribute("data-booking-id");
        var saved = await w.Admin.SubmitAsync(page, new Dictionary<string, string> { ["attendance"] = attendance }, $"tr[data-booking-id='{id}'] form.attendance");
        Assert.Contains("保存しました", saved.Text);
    }

    internal static async Task<HtmlPage> SyncStateAsync(MeetingWorld w, Guid schedule, string state)
    {
        HtmlPage page = null!;
        await ZoomWorld.EventuallyAsync(async () =>
        {
            page = await w.Admin.GetAsync(BookingsUrl(schedule));
            return SyncState(page) == state;
        }, $"attendance {state} for {schedule}");
        return page;
    }

    private static string? SyncState(HtmlPage page) =>
        page.Document.QuerySelector("[data-attendance-sync]")?.GetAttribute("data-attendance-sync");

    private static IElement Booking(HtmlPage page, string applicant) =>
        page.Document.QuerySelectorAll("tr[data-booking-id]").Single(r => r.TextContent.Contains(applicant, StringComparison.Ordinal));

    private static void AssertMark(HtmlPage page, string applicant, string attendance, string source, string label)
    {
        var mark = Booking(page, applicant).QuerySelector(".attendance-mark")!;
        Assert.Equal((attendance, source, label), (mark.GetAttribute("data-attendance"), mark.GetAttribute("data-source"), mark.TextContent.Trim()));
    }

    internal static async Task<JsonObject> FaultsAsync(MeetingWorld w) =>
        JsonNode.Parse(await w.World.SandboxControl.GetStringAsync(w.World.SandboxUrl + "/_sandbox/faults"))!.AsObject();
}

/// <summary>
/// Two nodes take attendance while Zoom's participant list answers slower than a node's claim (claim 4 s, list 12 s): the
/// claim is renewed while the call runs, so the list is read once, not again by the other node.
/// </summary>
public sealed class AttendanceSlowZoomTests
{
    [Fact]
    public async Task A_participant_list_slower_than_the_claim_is_read_once()
    {
        await using var w = await MeetingWorld.StartAsync(nodes: 2, settings: s =>
        {
            s["Attendance:FirstAttemptDelay"] = "00:00:00";
            s["Attendance:PollInterval"] = "00:00:00.200";
            s["Attendance:ClaimDuration"] = "00:00:04";
        });
        var (schedule, joinUrl) = await AttendanceFromZoomTests.BookedScheduleAsync(w, ("山田 太郎", "taro@example.test"));
        var host = await AttendanceFromZoomTests.HostStartsAsync(w, schedule);
        await AttendanceFromZoomTests.JoinAsync(w, joinUrl, "Taro", "taro@example.test");
        await AttendanceFromZoomTests.JoinAsync(w, joinUrl, "Guest", "");
        // Two slow answers armed: a second read by the other node would use the second one.
        Assert.True((await w.World.SandboxPutFaultAsync("participants.list", """{"latency_ms":12000,"count":2}""")).IsSuccessStatusCode);
        await w.Admin.ClickAsync(host, "End meeting");

        await AttendanceFromZoomTests.SyncStateAsync(w, schedule, "Taken");
        var fault = (await AttendanceFromZoomTests.FaultsAsync(w))["participants.list"];
        Assert.NotNull(fault);
        Assert.Equal(1, fault["count"]!.GetValue<int>());
    }
}
