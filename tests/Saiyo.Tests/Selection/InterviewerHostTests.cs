using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>One linked company for the 面接官 host mode tests (each fact uses its own Zoom users, staff and day).</summary>
public sealed class InterviewerHostWorld : IAsyncLifetime
{
    public MeetingWorld W { get; private set; } = null!;
    public async ValueTask InitializeAsync() => W = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await W.DisposeAsync();
}

/// <summary>
/// 「面接官のZoomユーザ」: staff map to the linked account's users by e-mail or by an admin's choice; each 日程's meeting is
/// created on its 面接官's user at the sandbox; a 日程 whose 面接官 users are all busy then (in any イベント, pools too) is
/// refused before saving, naming it and why; a new 面接官 moves the meeting (one mail to the booked applicant); no mapped
/// user (or a deactivated one) shows 発行失敗 with the reason until a user is mapped (which issues it at once).
/// </summary>
public sealed class InterviewerHostTests(InterviewerHostWorld fx) : IClassFixture<InterviewerHostWorld>
{
    private const string Host3 = "host3@sandbox.zoom.test", LinkChanged = "参加URLが変更されました", Booked = "ご予約を承りました";
    private const string NoHostReason = "この日程の面接官にZoomユーザが連携されていません";
    private MeetingWorld W => fx.W;

    [Fact]
    public async Task Staff_match_zoom_users_by_e_mail_and_an_admin_changes_or_clears_the_match()
    {
        const string matched = "host4@sandbox.zoom.test", chosen = "host5@sandbox.zoom.test";
        await W.AddZoomUsersAsync(matched, chosen);
        var (byEmail, _) = await W.Admin.AddStaffAsync("照合 一子", email: matched);
        var (other, _) = await W.Admin.AddStaffAsync("選択 二子");

        var list = await W.Admin.GetAsync("/Settings/Staff");
        Assert.Contains(matched, ZoomCell(list, byEmail));
        Assert.Contains("メールアドレスで照合", ZoomCell(list, byEmail));
        Assert.Equal("未連携", ZoomCell(list, other));

        // An admin picks the account's user for the other one.
        var edit = await W.Admin.GetAsync($"/Settings/Staff/Edit/{other}");
        var option = ZoomOption(edit, chosen);
        var saved = await W.Admin.SubmitAsync(edit, new Dictionary<string, string> { ["zoomUser"] = option }, "form.staff-zoom-user");
        Assert.Equal("/Settings/Staff", saved.Path);
        Assert.Contains(chosen, ZoomCell(saved, other));
        Assert.DoesNotContain("メールアドレスで照合", ZoomCell(saved, other));

        // A user that is not the account's: a message, nothing changed.
        var bad = await W.Admin.SubmitAsync($"/Settings/Staff/Edit/{other}", new Dictionary<string, string> { ["zoomUser"] = "not-a-zoom-user" }, "form.staff-zoom-user");
        Assert.Equal($"/Settings/Staff/Edit/{other}", bad.Path);
        Assert.Contains("正しい値を入力してください。", bad.Text);
        Assert.Contains(chosen, ZoomCell(await W.Admin.GetAsync("/Settings/Staff"), other));

        // 未連携 overrides the e-mail match; back to the match.
        var cleared = await W.Admin.SubmitAsync($"/Settings/Staff/Edit/{byEmail}", new Dictionary<string, string> { ["zoomUser"] = "none" }, "form.staff-zoom-user");
        Assert.Equal("未連携", ZoomCell(cleared, byEmail));
        var again = await W.Admin.SubmitAsync($"/Settings/Staff/Edit/{byEmail}", new Dictionary<string, string> { ["zoomUser"] = "" }, "form.staff-zoom-user");
        Assert.Contains(matched, ZoomCell(again, byEmail));
    }

    [Fact]
    public async Task Each_schedule_meets_on_its_interviewer_s_zoom_user_overlaps_are_refused_and_a_new_interviewer_moves_the_meeting()
    {
        var (first, _) = await W.Admin.AddStaffAsync("面接 一郎", email: MeetingWorld.Host1);
        var (second, _) = await W.Admin.AddStaffAsync("面接 二郎", email: MeetingWorld.Host2);
        var (third, _) = await W.Admin.AddStaffAsync("面接 三郎", email: Host3);
        var eventId = await W.Admin.AddInterviewerHostedEventAsync(W.MeetingId, "面接官Web面接");
        await W.Admin.AssignInterviewersAsync("Events", eventId, first, second);
        var day = W.Day(2);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Task<HtmlPage> Create(Guid ev, string start, string end, int parallel) => W.Admin.SubmitAsync($"/SelectionMeetings/Events/{ev}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = date, ["Input.StartTime"] = start, ["Input.EndTime"] = end, ["Input.Capacity"] = "1",
            ["Input.Shown"] = "true", ["Input.Parallel"] = parallel.ToString(CultureInfo.InvariantCulture),
        });

        // Two at once for two 面接官: one on each one's Zoom user, at the sandbox too.
        var two = await Create(eventId, "10:00", "10:30", 2);
        Assert.True(two.Path == W.SettingsUrl, $"{two.Path}: {string.Join(" | ", two.Errors)}");
        var ids = Ids(two, eventId);
        Assert.Equal(2, ids.Count);
        Assert.Equal([MeetingWorld.Host1, MeetingWorld.Host2], ids.Select(id => HostEmail(two, id)).Order(StringComparer.Ordinal));
        foreach (var id in ids) await W.RowStateAsync(id, "Issued", seconds: 60);
        var state = await W.World.SandboxStateAsync();
        foreach (var id in ids)
            Assert.Equal(await W.UserIdAsync(HostEmail(two, id)), Assert.Single(SelectionSetup.MeetingsOf(state, id))["host_id"]!.GetValue<string>());

        // A third overlapping them: both 面接官's users are busy then; named with the reason, nothing saved.
        var third10 = await Create(eventId, "10:15", "10:45", 1);
        Assert.EndsWith("/Schedules/Create", third10.Path);
        Assert.Contains("面接官のZoomユーザで開催できない日程が1件あるため、保存していません。", third10.Text);
        Assert.Contains("10:15–10:45: 面接官（面接 一郎、面接 二郎）のZoomユーザは、この時間に別の日程のミーティングを開催します。", third10.Text);
        Assert.Equal(2, Ids(await W.SettingsAsync(), eventId).Count);

        // A ホストプール イベント holding host2 at 13:00 leaves only host1 to the 面接官 then.
        var poolEvent = await W.Admin.AddPoolEventAsync(W.MeetingId, "プール面接", MeetingWorld.Host2);
        Assert.Equal(W.SettingsUrl, (await Create(poolEvent, "13:00", "13:30", 1)).Path);
        var short13 = await Create(eventId, "13:00", "13:30", 2);
        Assert.Contains("13:00–13:30: 面接官（面接 一郎、面接 二郎）のZoomユーザは、この時間に別の日程のミーティングを開催します。", short13.Text);
        var one13 = await Create(eventId, "13:00", "13:30", 1);
        var at13 = Assert.Single(Ids(one13, eventId), id => !ids.Contains(id));
        Assert.Equal(MeetingWorld.Host1, HostEmail(one13, at13));

        // The applicant booked on host1's 日程; its 面接官 becomes 面接 二郎, whose user is busy then: refused.
        var moving = ids.Single(id => HostEmail(two, id) == MeetingWorld.Host1);
        var firstUrl = SelectionSetup.Row(await W.SettingsAsync(), moving)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        const string email = "interviewer.moved@example.test";
        var (applicant, link) = await W.InvitedApplicantAsync("森 花子", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, moving)));
        await Applicants.BookingLinkTests.MailAsync(W.World, email, Booked, 60);
        var busy = await W.Admin.SubmitAsync($"/SelectionMeetings/Schedules/{moving}/Interviewers", new Dictionary<string, string> { ["interviewers"] = second.ToString() });
        Assert.Contains("10:00–10:30: 面接官（面接 二郎）のZoomユーザは、この時間に別の日程のミーティングを開催します。", busy.Text);
        Assert.Equal(MeetingWorld.Host1, HostEmail(await W.SettingsAsync(), moving));

        // 面接 三郎 is free: the meeting moves to host3's user, and the booked applicant gets one mail with the new link.
        await W.Admin.AssignInterviewersAsync("Schedules", moving, third);
        var host3Id = await W.UserIdAsync(Host3);
        await W.MeetingsEventuallyAsync(moving, 1, m => m["host_id"]!.GetValue<string>() == host3Id);
        var page = await W.RowStateAsync(moving, "Issued", seconds: 60);
        Assert.Equal(Host3, HostEmail(page, moving));
        var newUrl = SelectionSetup.Row(page, moving)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.NotEqual(firstUrl, newUrl);
        var mail = await Applicants.BookingLinkTests.MailAsync(W.World, email, LinkChanged, 60);
        Assert.Contains(newUrl, mail.TextBody!, StringComparison.Ordinal);
        await W.World.SettledAsync();
        Assert.Single(ApplicantSetup.MailsTo(W.World.Smtp, email), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));
        MeetingWorld.AssertNoHostClash(await W.World.SandboxStateAsync());
    }

    [Fact]
    public async Task Without_a_mapped_zoom_user_the_schedule_shows_the_reason_until_a_user_is_mapped()
    {
        const string later = "host7@sandbox.zoom.test", gone = "host8@sandbox.zoom.test";
        await W.AddZoomUsersAsync(later, gone);
        var (unmapped, _) = await W.Admin.AddStaffAsync("未連携 四郎");
        var (leaving, _) = await W.Admin.AddStaffAsync("退職 五郎", email: gone);
        var eventId = await W.Admin.AddInterviewerHostedEventAsync(W.MeetingId, "未連携Web面接");
        await W.Admin.AssignInterviewersAsync("Events", eventId, unmapped);
        var date = W.Day(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Saved, and told at once: the row says 発行失敗 and why; nothing is sent to Zoom.
        var created = await W.Admin.CreateScheduleAsync(eventId, W.Day(3), "10:00", "10:30");
        Assert.Equal(W.SettingsUrl, created.Path);
        Assert.Contains("面接官にZoomユーザが連携されていないため、Zoomミーティングを発行できない日程が1件あります", created.Text);
        var id = Assert.Single(Ids(created, eventId));
        Assert.Equal("Failed", SelectionSetup.MeetingState(created, id));
        Assert.Contains(NoHostReason, SelectionSetup.Row(created, id)!.TextContent);

        // An admin maps the 面接官 to a Zoom user: the meeting is issued on that user at once (no 再試行 needed).
        var edit = await W.Admin.GetAsync($"/Settings/Staff/Edit/{unmapped}");
        var option = ZoomOption(edit, later);
        Assert.Equal("/Settings/Staff", (await W.Admin.SubmitAsync(edit, new Dictionary<string, string> { ["zoomUser"] = option }, "form.staff-zoom-user")).Path);
        var laterId = await W.UserIdAsync(later);
        await W.MeetingsEventuallyAsync(id, 1, m => m["host_id"]!.GetValue<string>() == laterId);
        await W.RowStateAsync(id, "Issued", seconds: 60);

        // A 面接官 whose Zoom user Zoom deactivates: their coming 日程 lose the meeting and say why.
        var second = Assert.Single(Ids(await W.Admin.CreateScheduleAsync(eventId, W.Day(3), "11:00", "11:30"), eventId), x => x != id);
        await W.Admin.AssignInterviewersAsync("Schedules", second, leaving);
        var goneId = await W.UserIdAsync(gone);
        await W.MeetingsEventuallyAsync(second, 1, m => m["host_id"]!.GetValue<string>() == goneId);
        var deactivated = await W.World.SandboxPostAsync($"users/{gone}/deactivate");
        Assert.True(deactivated.IsSuccessStatusCode, await deactivated.Content.ReadAsStringAsync());
        var failed = await W.RowStateAsync(second, "Failed", seconds: 60);
        Assert.Contains(NoHostReason, SelectionSetup.Row(failed, second)!.TextContent);
        await W.MeetingsEventuallyAsync(second, 0);
    }

    [Fact]
    public async Task Parallel_schedules_are_each_interviewed_by_the_interviewer_hosting_them_and_leaving_the_event_moves_or_is_refused()
    {
        const string hostA = "host9@sandbox.zoom.test", hostB = "host10@sandbox.zoom.test", hostC = "host11@sandbox.zoom.test";
        await W.AddZoomUsersAsync(hostA, hostB, hostC);
        var (a, _) = await W.Admin.AddStaffAsync("並行 一子", email: hostA);
        var (b, _) = await W.Admin.AddStaffAsync("並行 二子", email: hostB);
        var (c, _) = await W.Admin.AddStaffAsync("並行 三子", email: hostC);
        var eventId = await W.Admin.AddInterviewerHostedEventAsync(W.MeetingId, "並行面接官Web面接");
        await W.Admin.AssignInterviewersAsync("Events", eventId, a, b);

        // 一括作成, two at once: each 日程 on another 面接官's Zoom user (at the sandbox too), and that 面接官 is its interviewer.
        var day = W.Day(4);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var preview = await W.Admin.ClickAsync(await W.Admin.GetAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Series"), "プレビュー", new Dictionary<string, string>
        {
            ["Input.DateFrom"] = date, ["Input.DateTo"] = date, ["Input.Days"] = day.DayOfWeek.ToString(),
            ["Input.FromTime"] = "10:00", ["Input.ToTime"] = "10:30", ["Input.IntervalMinutes"] = "30", ["Input.LengthMinutes"] = "30",
            ["Input.Parallel"] = "2",
        });
        Assert.Empty(preview.Errors);
        var created = await W.Admin.ClickAsync(preview, "2件の日程を作成");
        Assert.Equal(W.SettingsUrl, created.Path);
        var ids = Ids(created, eventId);
        Assert.Equal(2, ids.Count);
        var ofA = Assert.Single(ids, id => HostEmail(created, id) == hostA);
        var ofB = Assert.Single(ids, id => HostEmail(created, id) == hostB);
        Assert.Equal("面接官: 並行 一子", InterviewersOf(created, ofA));
        Assert.Equal("面接官: 並行 二子", InterviewersOf(created, ofB));
        Assert.Contains("この日程のZoomミーティングを開催する面接官が担当します: 並行 一子", (await W.Admin.GetAsync($"/SelectionMeetings/Schedules/{ofA}/Interviewers")).Text);
        foreach (var id in ids) await W.RowStateAsync(id, "Issued", seconds: 60);
        var oldUrlOfB = SelectionSetup.Row(await W.SettingsAsync(), ofB)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var state = await W.World.SandboxStateAsync();
        var meetingOfA = Assert.Single(SelectionSetup.MeetingsOf(state, ofA));
        Assert.Equal(await W.UserIdAsync(hostA), meetingOfA["host_id"]!.GetValue<string>());
        Assert.Equal(await W.UserIdAsync(hostB), Assert.Single(SelectionSetup.MeetingsOf(state, ofB))["host_id"]!.GetValue<string>());

        // One applicant on each: each 面接官 gets exactly one REQUEST, for their own 日程.
        const string emailA = "parallel.a@example.test", emailB = "parallel.b@example.test";
        foreach (var (name, email, id) in new[] { ("並行 応募一", emailA, ofA), ("並行 応募二", emailB, ofB) })
        {
            var (applicant, link) = await W.InvitedApplicantAsync(name, email);
            Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, id)));
            await Applicants.BookingLinkTests.MailAsync(W.World, email, Booked, 60);
        }
        var toA = Assert.Single(await InvitationsAsync(hostA, 1));
        Assert.Equal(("REQUEST", ofA), (toA.Method, toA.ScheduleId));
        var toB = Assert.Single(await InvitationsAsync(hostB, 1));
        Assert.Equal(("REQUEST", ofB), (toB.Method, toB.ScheduleId));
        await AssertNoMoreMailAsync((hostA, 1), (hostB, 1), (hostC, 0));

        // 担当の面接: each 面接官 sees only the 日程 their Zoom user hosts; the other one's is not found.
        var interviewerA = W.World.Browser();
        Assert.Equal("/Interviews", (await interviewerA.SignInAsync(hostA, InterviewerSetup.Password)).Path);
        var mine = await interviewerA.GetAsync("/Interviews");
        Assert.Equal([ofA.ToString()], mine.Document.QuerySelectorAll("tr[data-schedule-id]").Select(r => r.GetAttribute("data-schedule-id")));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await interviewerA.GetAsync($"/Interviews/{ofB}")).Status);

        // 並行 二子 leaves the イベント, 並行 三子 joins: their 日程 moves to 三子's user (one mail to its applicant, a CANCEL to
        // 二子, a REQUEST to 三子); 一子's 日程 keeps its meeting and nobody on it hears anything.
        await W.Admin.AssignInterviewersAsync("Events", eventId, a, c);
        var hostCId = await W.UserIdAsync(hostC);
        await W.MeetingsEventuallyAsync(ofB, 1, m => m["host_id"]!.GetValue<string>() == hostCId);
        var moved = await W.RowStateAsync(ofB, "Issued", seconds: 60);
        Assert.Equal(hostC, HostEmail(moved, ofB));
        Assert.Equal("面接官: 並行 三子", InterviewersOf(moved, ofB));
        Assert.Equal((hostA, "面接官: 並行 一子"), (HostEmail(moved, ofA), InterviewersOf(moved, ofA)));
        var newUrl = SelectionSetup.Row(moved, ofB)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.Contains(newUrl, (await Applicants.BookingLinkTests.MailAsync(W.World, emailB, LinkChanged, 60)).TextBody!, StringComparison.Ordinal);
        var cancel = Assert.Single(await InvitationsAsync(hostB, 2), m => m.Method == "CANCEL");
        Assert.Equal(ofB, cancel.ScheduleId);
        var toC = await FollowedWithLinkAsync(hostC, ofB, newUrl);
        Assert.DoesNotContain(toC, m => m.Body.Contains(oldUrlOfB, StringComparison.Ordinal)); // the meeting it names is being replaced
        await AssertNoMoreMailAsync((hostA, 1), (hostB, 2), (hostC, toC.Count));
        Assert.Single(ApplicantSetup.MailsTo(W.World.Smtp, emailB), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));
        Assert.DoesNotContain(ApplicantSetup.MailsTo(W.World.Smtp, emailA), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));
        Assert.Equal(meetingOfA["id"]!.ToString(), Assert.Single(SelectionSetup.MeetingsOf(await W.World.SandboxStateAsync(), ofA))["id"]!.ToString());

        // 並行 三子 leaves too: 一子's user is busy then, so the save is refused naming the 日程 and why; nothing changes.
        var refused = await PostInterviewersAsync("Events", eventId, a);
        Assert.Contains("面接官のZoomユーザで開催できない日程が1件あるため、保存していません。", refused.Text);
        Assert.Contains("10:00–10:30: 面接官（並行 一子）のZoomユーザは、この時間に別の日程のミーティングを開催します。", refused.Text);
        var after = await W.SettingsAsync();
        Assert.Equal((hostC, "面接官: 並行 三子"), (HostEmail(after, ofB), InterviewersOf(after, ofB)));
        var form = await W.Admin.GetAsync($"/SelectionMeetings/Events/{eventId}/Interviewers");
        Assert.Equal(new[] { a, c }.Select(x => x.ToString()).Order(StringComparer.Ordinal),
            form.Document.QuerySelectorAll("input[name=interviewers]:checked").Select(i => i.GetAttribute("value")!).Order(StringComparer.Ordinal));
        await AssertNoMoreMailAsync((hostA, 1), (hostB, 2), (hostC, toC.Count));
        MeetingWorld.AssertNoHostClash(await W.World.SandboxStateAsync());
    }

    [Fact]
    public async Task Leaving_the_interviewer_host_mode_gives_each_schedule_back_to_all_the_event_s_interviewers()
    {
        const string hostA = "host12@sandbox.zoom.test", hostB = "host13@sandbox.zoom.test";
        var (a, b, eventId) = await TwoInterviewersAsync((hostA, "切替 一子"), (hostB, "切替 二子"), "切替Web面接");

        // One 日程: on 一子's user (first by name), so 一子 alone interviews on it.
        var created = await W.Admin.CreateScheduleAsync(eventId, W.Day(5), "10:00", "10:30");
        Assert.Equal(W.SettingsUrl, created.Path);
        var id = Assert.Single(Ids(created, eventId));
        Assert.Equal((hostA, "面接官: 切替 一子"), (HostEmail(created, id), InterviewersOf(created, id)));
        await W.RowStateAsync(id, "Issued", seconds: 60);
        const string email = "switch.mode@example.test";
        var (applicant, link) = await W.InvitedApplicantAsync("切替 応募", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, id)));
        await Applicants.BookingLinkTests.MailAsync(W.World, email, Booked, 60);
        var toA = Assert.Single(await InvitationsAsync(hostA, 1));
        Assert.Equal(("REQUEST", id), (toA.Method, toA.ScheduleId));
        await AssertNoMoreMailAsync((hostA, 1), (hostB, 0));

        // A ホストプール of 一子's user: the meeting stays, and every 面接官 of the イベント interviews on it again, as before the mode.
        var form = await W.Admin.GetAsync($"/SelectionMeetings/Events/{eventId}");
        SelectionSetup.TickPool(form, [hostA]);
        var saved = await W.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.HostMode"] = "Pool", ["Input.ConfirmImpact"] = "true" });
        Assert.True(saved.Path == W.SettingsUrl, $"{saved.Path}: {string.Join(" | ", saved.Errors)}");
        var toB = Assert.Single(await InvitationsAsync(hostB, 1));
        Assert.Equal(("REQUEST", id), (toB.Method, toB.ScheduleId));
        await W.World.SettledAsync();
        await AssertNoMoreMailAsync((hostA, 1), (hostB, 1));
        Assert.DoesNotContain(ApplicantSetup.MailsTo(W.World.Smtp, email), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));
        Assert.Equal(await W.UserIdAsync(hostA), Assert.Single(SelectionSetup.MeetingsOf(await W.World.SandboxStateAsync(), id))["host_id"]!.GetValue<string>());
        var interviewerB = W.World.Browser();
        await interviewerB.SignInAsync(hostB, InterviewerSetup.Password);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await interviewerB.GetAsync($"/Interviews/{id}")).Status);
    }

    [Fact]
    public async Task Remapping_an_interviewer_s_zoom_user_moves_their_coming_schedules_at_once_and_saving_it_again_moves_nothing()
    {
        const string hostA = "host14@sandbox.zoom.test", hostB = "host15@sandbox.zoom.test", hostC = "host16@sandbox.zoom.test";
        await W.AddZoomUsersAsync(hostA, hostB, hostC);
        var (a, _) = await W.Admin.AddStaffAsync("再割当 一子", email: hostA);
        var (c, _) = await W.Admin.AddStaffAsync("再割当 三子", email: hostC);
        var eventId = await W.Admin.AddInterviewerHostedEventAsync(W.MeetingId, "再割当Web面接");
        await W.Admin.AssignInterviewersAsync("Events", eventId, a, c);
        var created = await W.Admin.CreateScheduleAsync(eventId, W.Day(6), "10:00", "10:30");
        var id = Assert.Single(Ids(created, eventId));
        Assert.Equal((hostA, "面接官: 再割当 一子"), (HostEmail(created, id), InterviewersOf(created, id)));
        await W.RowStateAsync(id, "Issued", seconds: 60);
        const string email = "remap.zoom.user@example.test";
        var (applicant, link) = await W.InvitedApplicantAsync("再割当 応募", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, id)));
        await Applicants.BookingLinkTests.MailAsync(W.World, email, Booked, 60);
        var toA = Assert.Single(await InvitationsAsync(hostA, 1));
        Assert.Equal(("REQUEST", id), (toA.Method, toA.ScheduleId));

        // An admin gives 一子 another Zoom user: the 日程 moves to it at once (old meeting deleted at the sandbox, a new one on
        // host B), the booked applicant gets one mail with the new link, and 連携の操作履歴 says what moved.
        async Task<HtmlPage> MapAsync(Guid staff, string choice) =>
            await W.Admin.SubmitAsync($"/Settings/Staff/Edit/{staff}", new Dictionary<string, string> { ["zoomUser"] = choice }, "form.staff-zoom-user");
        var optionB = ZoomOption(await W.Admin.GetAsync($"/Settings/Staff/Edit/{a}"), hostB);
        var saved = await MapAsync(a, optionB);
        Assert.Equal("/Settings/Staff", saved.Path);
        Assert.Contains("今後の日程1件のZoomミーティングを、面接官のZoomユーザで作り直します", saved.Text);
        var hostBId = await W.UserIdAsync(hostB);
        var onB = Assert.Single(await W.MeetingsEventuallyAsync(id, 1, m => m["host_id"]!.GetValue<string>() == hostBId));
        var page = await W.RowStateAsync(id, "Issued", seconds: 60);
        Assert.Equal((hostB, "面接官: 再割当 一子"), (HostEmail(page, id), InterviewersOf(page, id)));
        var urlB = SelectionSetup.Row(page, id)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.Contains(urlB, (await Applicants.BookingLinkTests.MailAsync(W.World, email, LinkChanged, 60)).TextBody!, StringComparison.Ordinal);
        Assert.Contains("再割当 一子 のZoomユーザを", (await W.Admin.GetAsync("/Integrations/Audit")).Text);
        Assert.Contains("今後の日程1件を移し、0件は開催できるZoomユーザがありません。", (await W.Admin.GetAsync("/Integrations/Audit")).Text);

        // Saving the same user again moves nothing and sends nothing.
        Assert.Equal("/Settings/Staff", (await MapAsync(a, optionB)).Path);
        await W.World.SettledAsync();
        Assert.Equal(onB["id"]!.ToString(), Assert.Single(SelectionSetup.MeetingsOf(await W.World.SandboxStateAsync(), id))["id"]!.ToString());
        await AssertNoMoreMailAsync((hostC, 0));
        Assert.Single(ApplicantSetup.MailsTo(W.World.Smtp, email), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));

        // 「未連携」 for 一子: 三子's user hosts it and 三子 interviews on it (a CANCEL to 一子, a REQUEST to 三子); one more mail.
        Assert.Equal("/Settings/Staff", (await MapAsync(a, "none")).Path);
        var hostCId = await W.UserIdAsync(hostC);
        await W.MeetingsEventuallyAsync(id, 1, m => m["host_id"]!.GetValue<string>() == hostCId);
        page = await W.RowStateAsync(id, "Issued", seconds: 60);
        Assert.Equal((hostC, "面接官: 再割当 三子"), (HostEmail(page, id), InterviewersOf(page, id)));
        var urlC = SelectionSetup.Row(page, id)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(W.World.Smtp, email).Any(m => (m.TextBody ?? "").Contains(urlC, StringComparison.Ordinal))),
            "the mail with 三子's link", seconds: 90);
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(W.World.Smtp, hostA).Any(m => ApplicantSetup.Calendar(m).Contains("METHOD:CANCEL", StringComparison.Ordinal))),
            "a CANCEL to 一子", seconds: 90);
        await FollowedWithLinkAsync(hostC, id, urlC);

        // A second, unbooked 日程 of the イベント: 三子's user hosts it.
        var second = Ids(await W.Admin.CreateScheduleAsync(eventId, W.Day(7), "10:00", "10:30"), eventId).Single(x => x != id);
        await W.MeetingsEventuallyAsync(second, 1, m => m["host_id"]!.GetValue<string>() == hostCId);

        // 三子 unmapped too: no 面接官 has a user. The booked 日程 keeps its meeting on 三子's user (the applicant's URL stays,
        // no mail) and the admin is told; the unbooked one loses its meeting and its row says why.
        var none = await MapAsync(c, "none");
        Assert.Contains("今後の日程1件は予約があり、開催できる面接官のZoomユーザがないため、これまでのZoomユーザとミーティングのまま残しました", none.Text);
        Assert.Contains("今後の日程1件は、開催できる面接官のZoomユーザがないため発行失敗になります", none.Text);
        var failed = await W.RowStateAsync(second, "Failed", seconds: 60);
        Assert.Contains(NoHostReason, SelectionSetup.Row(failed, second)!.TextContent);
        await W.MeetingsEventuallyAsync(second, 0);
        await W.World.SettledAsync();
        var stays = Assert.Single(SelectionSetup.MeetingsOf(await W.World.SandboxStateAsync(), id));
        Assert.Equal(hostCId, stays["host_id"]!.GetValue<string>());
        page = await W.RowStateAsync(id, "Issued", seconds: 60);
        Assert.Equal(urlC, SelectionSetup.Row(page, id)!.QuerySelector("a.join-url")!.GetAttribute("href"));
        Assert.Equal(2, ApplicantSetup.MailsTo(W.World.Smtp, email).Count(m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal)));
        Assert.Contains("予約のある1件は、これまでのZoomユーザのまま残しました。", (await W.Admin.GetAsync("/Integrations/Audit")).Text);
        MeetingWorld.AssertNoHostClash(await W.World.SandboxStateAsync());
    }

    [Fact]
    public async Task Reloading_the_zoom_users_moves_the_coming_schedules_of_a_staff_member_whose_user_it_changes_at_once()
    {
        const string joins = "host17@sandbox.zoom.test";
        var (a, _) = await W.Admin.AddStaffAsync("再読込 一子", email: joins);
        var eventId = await W.Admin.AddInterviewerHostedEventAsync(W.MeetingId, "再読込Web面接");
        await W.Admin.AssignInterviewersAsync("Events", eventId, a);
        var id = Assert.Single(Ids(await W.Admin.CreateScheduleAsync(eventId, W.Day(8), "10:00", "10:30"), eventId));
        Assert.Equal("Failed", SelectionSetup.MeetingState(await W.SettingsAsync(), id));

        // Zoom gets a user with 一子's e-mail; 「Zoomユーザを再読み込み」 matches it and issues the 日程 on it at once, as an
        // admin's edit of 一子's Zoom user would: the page and 連携の操作履歴 say so.
        var added = await W.World.SandboxPostAsync("users", $$"""{"email":"{{joins}}"}""");
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        var reloaded = await W.Admin.SubmitAsync(await W.Admin.GetAsync("/Integrations/Zoom"), formSelector: "form[action*='handler=Reload']");
        Assert.Contains("Zoomユーザを読み込みました。 Zoomユーザが変わった面接官の今後の日程1件のZoomミーティングを、面接官のZoomユーザで作り直します", reloaded.Text);
        var joinsId = await W.UserIdAsync(joins);
        await W.MeetingsEventuallyAsync(id, 1, m => m["host_id"]!.GetValue<string>() == joinsId);
        var page = await W.RowStateAsync(id, "Issued", seconds: 60);
        Assert.Equal((joins, "面接官: 再読込 一子"), (HostEmail(page, id), InterviewersOf(page, id)));
        Assert.Contains($"再読込 一子 のZoomユーザを", (await W.Admin.GetAsync("/Integrations/Audit")).Text);

        // Reloading again changes nobody's user: nothing moves.
        var again = await W.Admin.SubmitAsync(await W.Admin.GetAsync("/Integrations/Zoom"), formSelector: "form[action*='handler=Reload']");
        Assert.Contains("Zoomユーザを読み込みました。", again.Text);
        Assert.DoesNotContain("作り直します", again.Text);
    }

    [Fact]
    public async Task Deleting_the_hosting_interviewer_moves_their_booked_schedule_to_another_interviewer_at_once_with_one_mail()
    {
        const string hostA = "host18@sandbox.zoom.test", hostB = "host19@sandbox.zoom.test";
        var (a, _, eventId) = await TwoInterviewersAsync((hostA, "削除 一子"), (hostB, "削除 二子"), "削除Web面接");
        var id = Assert.Single(Ids(await W.Admin.CreateScheduleAsync(eventId, W.Day(9), "10:00", "10:30"), eventId));
        var first = await W.RowStateAsync(id, "Issued", seconds: 60);
        Assert.Equal(hostA, HostEmail(first, id));
        var oldUrl = SelectionSetup.Row(first, id)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        const string email = "deleted.interviewer@example.test";
        var (applicant, link) = await W.InvitedApplicantAsync("削除 応募", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, id)));
        await Applicants.BookingLinkTests.MailAsync(W.World, email, Booked, 60);

        // An admin deletes 一子: the 日程 moves to 二子's user at once (not at some later replan), the applicant gets one mail
        // with the new link, and the page and 連携の操作履歴 say so.
        var deleted = await W.Admin.SubmitAsync(await W.Admin.GetAsync($"/Settings/Staff/Edit/{a}"), formSelector: "form[action$='handler=Delete']");
        Assert.Equal("/Settings/Staff", deleted.Path);
        Assert.Contains("この方が面接官だった今後の日程1件のZoomミーティングを、ほかの面接官のZoomユーザで作り直します", deleted.Text);
        var hostBId = await W.UserIdAsync(hostB);
        await W.MeetingsEventuallyAsync(id, 1, m => m["host_id"]!.GetValue<string>() == hostBId);
        var page = await W.RowStateAsync(id, "Issued", seconds: 60);
        Assert.Equal((hostB, "面接官: 削除 二子"), (HostEmail(page, id), InterviewersOf(page, id)));
        var newUrl = SelectionSetup.Row(page, id)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.NotEqual(oldUrl, newUrl);
        Assert.Contains(newUrl, (await Applicants.BookingLinkTests.MailAsync(W.World, email, LinkChanged, 60)).TextBody!, StringComparison.Ordinal);
        Assert.Contains("削除 一子 を削除しました。面接官だった今後の日程1件を移し", (await W.Admin.GetAsync("/Integrations/Audit")).Text);
        await FollowedWithLinkAsync(hostB, id, newUrl);
        Assert.Single(ApplicantSetup.MailsTo(W.World.Smtp, email), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));
        MeetingWorld.AssertNoHostClash(await W.World.SandboxStateAsync());
    }

    [Fact]
    public async Task Deactivating_an_interviewer_of_a_booked_coming_schedule_says_how_many_they_still_interview_and_host()
    {
        const string hostA = "host20@sandbox.zoom.test", hostB = "host21@sandbox.zoom.test";
        var (a, b, eventId) = await TwoInterviewersAsync((hostA, "停止 一子"), (hostB, "停止 二子"), "停止Web面接");
        // Two 日程 at once, one on each one's user; only 一子's is booked.
        var two = await W.Admin.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = W.Day(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "10:30",
            ["Input.Capacity"] = "1", ["Input.Shown"] = "true", ["Input.Parallel"] = "2",
        });
        var ids = Ids(two, eventId);
        Assert.Equal(2, ids.Count);
        foreach (var id in ids) await W.RowStateAsync(id, "Issued", seconds: 60);
        var issued = await W.SettingsAsync();
        var booked = Assert.Single(ids, id => HostEmail(issued, id) == hostA);
        Assert.Equal(hostB, HostEmail(issued, Assert.Single(ids, id => id != booked)));
        await W.BookAsync(booked, "停止 応募", "disabled.interviewer@example.test");
        // 一子 also interviews a booked 日程 of the world's single-host イベント (host1 hosts it, not their user).
        var other = await W.Admin.CreateShownScheduleAsync(W.EventId, W.Day(10), "14:00", "14:30");
        await W.Admin.AssignInterviewersAsync("Schedules", other, a);
        await W.BookAsync(other, "停止 応募二", "disabled.interviewer2@example.test");

        async Task<string> ToggleAsync(Guid staff)
        {
            var list = await W.Admin.SubmitAsync(await W.Admin.GetAsync($"/Settings/Staff/Edit/{staff}"), formSelector: "form[action$='handler=Toggle']");
            Assert.Equal("/Settings/Staff", list.Path);
            return list.Document.QuerySelector("[role=status]")!.TextContent.Trim();
        }

        // 二子 interviews no booked 日程: the flash stays as it was.
        Assert.Equal("保存しました。", await ToggleAsync(b));
        Assert.Equal("保存しました。スタッフ「停止 一子」は、予約のある今後の日程2件の面接官のままです（うち1件はこの方のZoomユーザで開催）。"
            + "応募者の予約と参加URLはそのままです。面接官を替えるには、各日程の面接官ページで変更してください。", await ToggleAsync(a));
        // Enabling again says nothing more; in English the same count.
        Assert.Equal("保存しました。", await ToggleAsync(a));
        await W.Admin.SubmitAsync(await W.Admin.GetAsync("/Settings/Staff"), new Dictionary<string, string> { ["culture"] = "en" }, "form.lang-switch");
        try
        {
            Assert.Equal("Saved. '停止 一子' is still the interviewer of 2 coming schedules with booked applicants (1 of them hosted on their Zoom user). "
                + "The applicants keep their bookings and join URLs; to change the interviewer, use each schedule's Interviewers page.", await ToggleAsync(a));
        }
        finally
        {
            await W.Admin.SubmitAsync(await W.Admin.GetAsync("/Settings/Staff"), new Dictionary<string, string> { ["culture"] = "ja" }, "form.lang-switch");
        }
        // Nothing moved: the 日程 stays on 一子's user.
        Assert.Equal(hostA, HostEmail(await W.RowStateAsync(booked, "Issued", seconds: 60), booked));
    }

    /// <summary>Two staff matched by e-mail to new Zoom users, both 面接官 of a new 面接官-hosted イベント.</summary>
    private async Task<(Guid A, Guid B, Guid EventId)> TwoInterviewersAsync((string Email, string Name) first, (string Email, string Name) second, string eventName)
    {
        await W.AddZoomUsersAsync(first.Email, second.Email);
        var (a, _) = await W.Admin.AddStaffAsync(first.Name, email: first.Email);
        var (b, _) = await W.Admin.AddStaffAsync(second.Name, email: second.Email);
        var eventId = await W.Admin.AddInterviewerHostedEventAsync(W.MeetingId, eventName);
        await W.Admin.AssignInterviewersAsync("Events", eventId, a, b);
        return (a, b, eventId);
    }

    private sealed record Invitation(string Method, Guid ScheduleId, string Body);

    /// <summary>
    /// A 面接官 newly hosting a moved meeting: exactly one REQUEST, for <paramref name="scheduleId"/>, with the new link (none
    /// without it while the meeting was being replaced). Once settled.
    /// </summary>
    private async Task<List<Invitation>> FollowedWithLinkAsync(string to, Guid scheduleId, string url)
    {
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(W.World.Smtp, to).Any(m => (m.TextBody ?? "").Contains(url, StringComparison.Ordinal))),
            $"a REQUEST with {url} to {to}", seconds: 90);
        await W.World.SettledAsync();
        var mails = await InvitationsAsync(to, ApplicantSetup.MailsTo(W.World.Smtp, to).Count);
        var only = Assert.Single(mails);
        Assert.Equal(("REQUEST", scheduleId), (only.Method, only.ScheduleId));
        Assert.Contains(url, only.Body, StringComparison.Ordinal);
        return mails;
    }

    /// <summary>The calendar mails to <paramref name="to"/> once there are <paramref name="count"/> (bounded wait; more would be a duplicate).</summary>
    private async Task<List<Invitation>> InvitationsAsync(string to, int count)
    {
        List<MimeKit.MimeMessage> mails = [];
        await ZoomWorld.EventuallyAsync(() => Task.FromResult((mails = ApplicantSetup.MailsTo(W.World.Smtp, to)).Count >= count), $"{count} mails to {to}", seconds: 90);
        Assert.Equal(count, mails.Count);
        return [.. mails.Select(m =>
        {
            var calendar = Ical.Net.Calendar.Load(ApplicantSetup.Calendar(m))!;
            // UID: saiyo-interview-{schedule}-{staff}@saiyo
            return new Invitation(calendar.Method!, Guid.ParseExact(calendar.Events.Single().Uid!.Split('-')[2], "N"), m.TextBody! + ApplicantSetup.Calendar(m));
        })];
    }

    /// <summary>No further mail arrives: a mail written after the change (a マイページ link) has been delivered, and the outbox sends in order.</summary>
    private async Task AssertNoMoreMailAsync(params (string To, int Count)[] expected)
    {
        var sentinel = $"sentinel-{Guid.NewGuid():N}@example.test";
        await W.Admin.SendMyPageLinkAsync(await W.Admin.CreateApplicantAsync("送信確認", sentinel));
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(W.World.Smtp, sentinel).Count == 1), "the sentinel mail", seconds: 90);
        foreach (var (to, count) in expected) Assert.True(ApplicantSetup.MailsTo(W.World.Smtp, to).Count == count, $"{to}: {ApplicantSetup.MailsTo(W.World.Smtp, to).Count} mails, expected {count}");
    }

    /// <summary>Posts the 面接官 form as a recruiter ticks <paramref name="interviewers"/>; the page it answers.</summary>
    private async Task<HtmlPage> PostInterviewersAsync(string kind, Guid id, params Guid[] interviewers)
    {
        var form = await W.Admin.GetAsync($"/SelectionMeetings/{kind}/{id}/Interviewers");
        var token = form.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await W.Admin.PostRawAsync($"/SelectionMeetings/{kind}/{id}/Interviewers",
            [new("__RequestVerificationToken", token), .. interviewers.Select(i => new KeyValuePair<string, string>("interviewers", i.ToString()))]);
    }

    private static string InterviewersOf(HtmlPage page, Guid scheduleId) =>
        SelectionSetup.Row(page, scheduleId)!.QuerySelector(".schedule-interviewers")!.TextContent.Trim();

    /// <summary>The value of the staff form's 「Zoomユーザ」 option for <paramref name="email"/>.</summary>
    private static string ZoomOption(HtmlPage staffEdit, string email)
    {
        var option = staffEdit.Document.QuerySelectorAll("select[name=zoomUser] option").FirstOrDefault(o => o.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.True(option is not null, $"{staffEdit.Path} {staffEdit.Status}: {staffEdit.Document.QuerySelector("form.staff-zoom-user")?.OuterHtml ?? staffEdit.Text}");
        return option.GetAttribute("value")!;
    }

    private static string ZoomCell(HtmlPage staffList, Guid staffId) =>
        staffList.Document.QuerySelectorAll("tr").First(r => r.QuerySelector($"a[href$='{staffId}']") is not null).QuerySelector("td.zoom-user")!.TextContent.Trim();

    private static List<Guid> Ids(HtmlPage page, Guid eventId) =>
        [.. page.Document.QuerySelectorAll($"section[data-event-id='{eventId}'] tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!))];

    /// <summary>The e-mail in the row's 開催ユーザ line ("name (e-mail)").</summary>
    private static string HostEmail(HtmlPage page, Guid scheduleId)
    {
        var text = SelectionSetup.Row(page, scheduleId)!.QuerySelector(".pool-host")!.TextContent;
        return text[(text.LastIndexOf('(') + 1)..text.LastIndexOf(')')];
    }
}
