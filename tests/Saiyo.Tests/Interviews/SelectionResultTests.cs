using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// 選考フロー and 合否: the company's ordered 選考ステップ (seeded, edited at 設定 → 選考フロー), each 選考会 in a step;
/// recruiters set the 合否 of a booked applicant: 通過 sends exactly one 「次の選考のご案内」 whose マイページ link books
/// the next step's web interview (its meeting at the sandbox), 不合格 mails only when chosen, 保留 mails nothing;
/// interviewers cannot set it, and their evaluation is read-only once it is set.
/// </summary>
public sealed class SelectionResultTests : IAsyncLifetime
{
    private const string Flow = "/Settings/SelectionFlow";
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task The_selection_flow_starts_with_the_default_steps_and_is_edited_in_order()
    {
        Assert.Equal(["説明会", "一次面接", "二次面接", "最終面接", "内定"], await StepNamesAsync());
        // An empty name is refused with a message and adds nothing.
        var refused = await _w.Admin.SubmitAsync(Flow, new Dictionary<string, string> { ["Name"] = " " }, "form.add-step");
        Assert.Contains(refused.Errors, e => e.Contains("ステップ名", StringComparison.Ordinal));
        Assert.Equal(5, (await StepNamesAsync()).Count);

        await _w.Admin.SubmitAsync(Flow, new Dictionary<string, string> { ["Name"] = "グループ面接" }, "form.add-step");
        var added = await StepIdAsync("グループ面接");
        await _w.Admin.SubmitAsync(Flow, new Dictionary<string, string> { ["Name"] = "グループ討論" }, $"form[action*='handler=Rename'][action*='stepId={added}']");
        await _w.Admin.SubmitAsync(Flow, formSelector: $"form[action*='handler=Up'][action*='stepId={added}']");
        Assert.Equal(["説明会", "一次面接", "二次面接", "最終面接", "グループ討論", "内定"], await StepNamesAsync());
        await _w.Admin.SubmitAsync(Flow, formSelector: $"form[action*='handler=Delete'][action*='stepId={added}']");
        Assert.Equal(["説明会", "一次面接", "二次面接", "最終面接", "内定"], await StepNamesAsync());

        // Another company sees its own default steps only, and cannot touch this company's.
        var op = _w.World.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var other = _w.World.Browser();
        await other.SignInAsync(await op.CreateCompanyAsync("B商事"), CompanySetup.AdminPassword);
        Assert.DoesNotContain("グループ", (await other.GetAsync(Flow)).Text);
        var mine = await StepIdAsync("説明会");
        var token = (await other.GetAsync(Flow)).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var handler in new[] { "Rename", "Up", "Delete" })
        {
            var post = await other.PostRawAsync($"{Flow}?handler={handler}&stepId={mine}", [new("__RequestVerificationToken", token), new("Name", "乗っ取り")]);
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Equal(["説明会", "一次面接", "二次面接", "最終面接", "内定"], await StepNamesAsync());
    }

    [Fact]
    public async Task Pass_invites_to_the_next_step_once_reject_mails_only_when_chosen_and_hold_mails_nothing()
    {
        // 一次面接 (the world's 選考会) → 二次面接, a Zoom event with a shown 日程 on day 3.
        await SetStepAsync(_w.MeetingId, _w.MeetingName, "一次面接");
        var second = await _w.Admin.CreateSelectionMeetingAsync("二次面接 本社");
        await SetStepAsync(second, "二次面接 本社", "二次面接");
        var secondEvent = await _w.Admin.AddEventAsync(second, "Web二次面接", MeetingWorld.Host1);
        var day = _w.Day(1);
        var first = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:30");
        var next = await _w.Admin.CreateShownScheduleAsync(secondEvent, _w.Day(3), "15:00", "15:30");

        var (interviewer, interviewerEmail) = await _w.Admin.AddStaffAsync("面接 一子");
        await _w.Admin.AssignInterviewersAsync("Events", _w.EventId, interviewer);
        var passed = await BookedApplicantAsync("通過 太郎", "passed@example.test", first);
        // One seat per 日程: the others are booked on their own.
        var held = await BookedApplicantAsync("保留 次郎", "held@example.test", await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "11:00", "11:30"));
        var rejected = await BookedApplicantAsync("不合格 三郎", "rejected@example.test", await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "12:00", "12:30"));

        // After the interview the interviewer evaluates; they never reach the 合否.
        var start = DateTimeOffset.Parse(SelectionSetup.ZoomUtc(day, "10:00"), CultureInfo.InvariantCulture);
        _w.World.Clock.Advance(start.AddMinutes(31) - _w.World.Clock.GetUtcNow());
        await _w.Admin.SignInAsync(Demo.AdminEmail);
        var staff = _w.World.Browser();
        await staff.SignInAsync(interviewerEmail, InterviewerSetup.Password);
        var evaluate = $"/Interviews/{first}/Evaluate/{passed}";
        await staff.SubmitAsync(await staff.GetAsync(evaluate), new Dictionary<string, string> { ["recommendation"] = "Pass" });
        var results = $"/SelectionMeetings/{_w.MeetingId}/Results";
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(results)).Status);
        var staffToken = (await staff.GetAsync("/Interviews")).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var byInterviewer = await staff.PostRawAsync($"{results}?handler=Set&applicantId={passed}", [new("__RequestVerificationToken", staffToken), new("outcome", "Pass")]);
        Assert.Equal(HttpStatusCode.NotFound, byInterviewer.Status);
        var before = await _w.Admin.GetAsync(results);
        Assert.True(before.Document.QuerySelectorAll("tr[data-applicant-id]").Length == 3, before.Text);
        Assert.Null(Outcome(before, passed));

        // 保留 and 不合格 without mail: saved, nothing sent.
        await SetAsync(held, "Hold");
        await SetAsync(rejected, "Reject");
        // 通過: one 「次の選考のご案内」 with a マイページ link; setting it again sends nothing more.
        var page = await SetAsync(passed, "Pass");
        Assert.Contains("二次面接 本社", page.Document.QuerySelector(".next-meetings")!.TextContent);
        await SetAsync(passed, "Pass");
        var invitation = await MailAsync("passed@example.test", NextStep);
        // 不合格 with its mail, for the one on hold.
        await SetAsync(held, "Reject", sendMail: true);
        var rejection = await MailAsync("held@example.test", m => (m.Subject ?? "").Contains("選考結果", StringComparison.Ordinal));
        Assert.Contains("一次面接", rejection.TextBody!, StringComparison.Ordinal);

        // The rejection went out after the other mails were due: none of them is on its way any more.
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, "passed@example.test"), NextStep);
        Assert.DoesNotContain(ApplicantSetup.MailsTo(_w.World.Smtp, "rejected@example.test"), IsResultMail);
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, "held@example.test"), IsResultMail);
        var after = await _w.Admin.GetAsync(results);
        Assert.Equal("Pass", Outcome(after, passed));
        Assert.Equal("Reject", Outcome(after, held));
        Assert.Equal("Reject", Outcome(after, rejected));

        // The evaluation is read-only now.
        var locked = await staff.GetAsync(evaluate);
        Assert.NotNull(locked.Document.QuerySelector(".decided"));
        var edit = await staff.PostRawAsync(evaluate, [new("__RequestVerificationToken", locked.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), new("recommendation", "Reject")]);
        Assert.Contains("合否が設定されたため", edit.Text, StringComparison.Ordinal);
        var all = await _w.Admin.GetAsync($"/Applicants/{passed}/Evaluations");
        Assert.Equal(["Pass"], all.Document.QuerySelectorAll("tr.recommendation td").Select(td => td.GetAttribute("data-recommendation")));

        // The applicant opens the mailed link and books the next step's web interview; its meeting is at the sandbox.
        var link = Regex.Match(invitation.TextBody!, @"https?://[^\s]+/my/[A-Za-z0-9_-]{43}").Value;
        Assert.StartsWith(_w.World.SaiyoUrl, link);
        Assert.Contains("二次面接 本社", invitation.TextBody!, StringComparison.Ordinal);
        var applicant = _w.World.Browser();
        var myPage = await applicant.GetAsync(new Uri(link).AbsolutePath);
        Assert.NotNull(myPage.Document.QuerySelector($"tr[data-schedule-id='{next}']"));
        var booked = await applicant.BookAsync(new Uri(link).AbsolutePath, next);
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        Assert.Single(await _w.MeetingsEventuallyAsync(next, 1));
        Assert.NotNull(booked.Document.QuerySelector(".booking a.join-url"));
    }

    private static bool NextStep(MimeKit.MimeMessage m) => (m.Subject ?? "").Contains("次の選考のご案内", StringComparison.Ordinal);

    // Only the 合否 mails count here: booking, link (「参加URLのご案内」 when the meeting was issued after the booking) and
    // reminder mails arrive on their own schedule.
    private static bool IsResultMail(MimeKit.MimeMessage m) =>
        (m.Subject ?? "").Contains("選考結果", StringComparison.Ordinal) || NextStep(m);

    private async Task<Guid> BookedApplicantAsync(string name, string email, Guid schedule)
    {
        var id = await _w.Admin.CreateApplicantAsync(name, email);
        await _w.Admin.InviteAsync(id, _w.MeetingId);
        await _w.Admin.ProxyBookAsync(schedule, id);
        return id;
    }

    private async Task<HtmlPage> SetAsync(Guid applicant, string outcome, bool sendMail = false)
    {
        var fields = new Dictionary<string, string> { ["Outcome"] = outcome };
        if (sendMail) fields["RejectMail"] = "Now";
        var page = await _w.Admin.SubmitAsync($"/SelectionMeetings/{_w.MeetingId}/Results", fields, $"form.set-result[action*='applicantId={applicant}']");
        Assert.Equal($"/SelectionMeetings/{_w.MeetingId}/Results", page.Path);
        Assert.Empty(page.Errors);
        return page;
    }

    private static string? Outcome(HtmlPage page, Guid applicant) =>
        page.Document.QuerySelector($"tr[data-applicant-id='{applicant}']")?.GetAttribute("data-outcome") is { Length: > 0 } o ? o : null;

    private Task SetStepAsync(Guid meeting, string name, string step) => _w.Admin.SetStepAsync(meeting, name, step);

    private async Task<List<string>> StepNamesAsync() =>
        (await _w.Admin.GetAsync(Flow)).Document.QuerySelectorAll("tr[data-step-id] input[name=Name]").Select(i => i.GetAttribute("value")!).ToList();

    private Task<Guid> StepIdAsync(string name) => _w.Admin.StepIdAsync(name);

    private async Task<MimeKit.MimeMessage> MailAsync(string to, Func<MimeKit.MimeMessage, bool> which)
    {
        MimeKit.MimeMessage? found = null;
        await ZoomWorld.EventuallyAsync(() =>
        {
            found = ApplicantSetup.MailsTo(_w.World.Smtp, to).LastOrDefault(which);
            return Task.FromResult(found is not null);
        }, $"a mail to {to}", seconds: 60);
        return found!;
    }
}
