using System.Globalization;
using System.Net;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// 評価: the admin defines a 選考会's 評価フォーム; after the interview each assigned 面接官 submits one evaluation per
/// applicant (required items and the 推奨 checked, a second submit edits it); 担当の面接 shows the state, and
/// recruiters see every evaluation of the applicant side by side.
/// </summary>
public sealed class EvaluationTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Interviewers_evaluate_after_the_interview_and_recruiters_see_the_evaluations_side_by_side()
    {
        var form = $"/SelectionMeetings/{_w.MeetingId}/EvaluationForm";
        // A choice with one option is refused with a message and adds nothing.
        var refused = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.Label"] = "志望度", ["Input.Kind"] = "Choice", ["Input.Choices"] = "高" }, "form.add-item");
        Assert.Contains("選択肢を2つ以上入力してください。", refused.Errors);
        Assert.Empty((await _w.Admin.GetAsync(form)).Document.QuerySelectorAll("tr[data-item-id]"));
        await AddItemAsync("コミュニケーション", "Rating", required: true);
        await AddItemAsync("志望度", "Choice", required: false, choices: "高\n中\n低");
        await AddItemAsync("所見", "Text", required: true);
        // 「上へ」 reorders: 所見 moves above 志望度.
        var items = (await _w.Admin.GetAsync(form)).Document.QuerySelectorAll("tr[data-item-id]").Select(r => r.GetAttribute("data-item-id")!).ToList();
        await _w.Admin.SubmitAsync(form, formSelector: $"form[action*='handler=Up'][action*='itemId={items[2]}']");
        var ordered = (await _w.Admin.GetAsync(form)).Document.QuerySelectorAll("tr[data-item-id]").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal(["コミュニケーション", "所見", "志望度"], ordered.Select(o => o.Split(' ')[0]));

        var (one, oneEmail) = await _w.Admin.AddStaffAsync("面接 一子");
        var (two, twoEmail) = await _w.Admin.AddStaffAsync("面接 二子");
        var (_, outsiderEmail) = await _w.Admin.AddStaffAsync("担当外 三子");
        await _w.Admin.AssignInterviewersAsync("Events", _w.EventId, one, two);
        var day = _w.Day(1);
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:30");
        var applicant = await _w.Admin.CreateApplicantAsync("評価 対象", "evaluated@example.test");
        await _w.Admin.InviteAsync(applicant, _w.MeetingId);
        await _w.Admin.ProxyBookAsync(schedule, applicant);
        var evaluate = $"/Interviews/{schedule}/Evaluate/{applicant}";

        var first = _w.World.Browser();
        await first.SignInAsync(oneEmail, InterviewerSetup.Password);
        // Before the interview: not yet.
        Assert.NotNull((await first.GetAsync(evaluate)).Document.QuerySelector(".not-yet"));
        var outsider = _w.World.Browser();
        await outsider.SignInAsync(outsiderEmail, InterviewerSetup.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(evaluate)).Status);

        var start = DateTimeOffset.Parse(SelectionSetup.ZoomUtc(day, "10:00"), CultureInfo.InvariantCulture);
        _w.World.Clock.Advance(start.AddMinutes(31) - _w.World.Clock.GetUtcNow());
        // The clock jumped past the sign-in cookies' lifetime: sign in again.
        await first.SignInAsync(oneEmail, InterviewerSetup.Password);
        await _w.Admin.SignInAsync(Demo.AdminEmail);
        var page = await first.GetAsync(evaluate);
        var ids = page.Document.QuerySelectorAll("fieldset[data-item-id]").Select(f => f.GetAttribute("data-item-id")!).ToList();
        Assert.Equal(3, ids.Count);

        // Required items and the 推奨 missing: messages, nothing saved.
        var incomplete = await first.SubmitAsync(page, new Dictionary<string, string> { [$"answer-{ids[2]}"] = "高" });
        Assert.Contains("推奨を選択してください。", incomplete.Errors);
        Assert.Contains(incomplete.Errors, e => e.Contains("コミュニケーション", StringComparison.Ordinal));
        Assert.Equal("no", EvaluatedState(await first.GetAsync("/Interviews"), applicant));
        // A rating out of range is refused too.
        var outOfRange = await first.SubmitAsync(await first.GetAsync(evaluate), new Dictionary<string, string> { [$"answer-{ids[0]}"] = "9", [$"answer-{ids[1]}"] = "x", ["recommendation"] = "Pass" });
        Assert.NotEmpty(outOfRange.Errors);
        Assert.Equal("no", EvaluatedState(await first.GetAsync("/Interviews"), applicant));

        var saved = await first.SubmitAsync(await first.GetAsync(evaluate), new Dictionary<string, string>
        {
            [$"answer-{ids[0]}"] = "4", [$"answer-{ids[1]}"] = "論理的で落ち着いている", [$"answer-{ids[2]}"] = "高", ["recommendation"] = "Hold",
        });
        Assert.Equal("/Interviews", saved.Path);
        Assert.Equal("yes", EvaluatedState(saved, applicant));
        // Submitting again edits the one evaluation.
        var edit = await first.GetAsync(evaluate);
        Assert.NotNull(edit.Document.QuerySelector(".submitted"));
        await first.SubmitAsync(edit, new Dictionary<string, string> { ["recommendation"] = "Pass" });

        var second = _w.World.Browser(language: "en");
        await second.SignInAsync(twoEmail, InterviewerSetup.Password);
        var inEnglish = await second.GetAsync(evaluate);
        Assert.Contains("Recommendation", inEnglish.Text);
        await second.SubmitAsync(inEnglish, new Dictionary<string, string>
        {
            [$"answer-{ids[0]}"] = "2", [$"answer-{ids[1]}"] = "準備不足", ["recommendation"] = "Reject",
        });

        var all = await _w.Admin.GetAsync($"/Applicants/{applicant}/Evaluations");
        var table = all.Document.QuerySelector("table.side-by-side")!;
        Assert.Equal(["面接 一子", "面接 二子"], table.QuerySelectorAll("th.interviewer").Select(h => h.ChildNodes[0].TextContent.Trim()));
        Assert.Equal(["Pass", "Reject"], table.QuerySelectorAll("tr.recommendation td").Select(td => td.GetAttribute("data-recommendation")));
        Assert.Contains("論理的で落ち着いている", table.TextContent);
        Assert.Contains("準備不足", table.TextContent);
        Assert.Equal(["4", "2"], table.QuerySelectorAll($"tr[data-item-id='{ids[0]}'] td").Select(td => td.TextContent.Trim()));
        // Interviewers do not reach the side-by-side page.
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync($"/Applicants/{applicant}/Evaluations")).Status);
    }

    private async Task AddItemAsync(string label, string kind, bool required, string choices = "")
    {
        var fields = new Dictionary<string, string> { ["Input.Label"] = label, ["Input.Kind"] = kind, ["Input.Choices"] = choices };
        if (required) fields["Input.Required"] = "true";
        var page = await _w.Admin.SubmitAsync($"/SelectionMeetings/{_w.MeetingId}/EvaluationForm", fields, "form.add-item");
        Assert.Contains(page.Document.QuerySelectorAll("tr[data-item-id]"), r => r.TextContent.Contains(label, StringComparison.Ordinal));
    }

    private static string? EvaluatedState(HtmlPage interviews, Guid applicant) =>
        interviews.Document.QuerySelector($"td.evaluation [data-applicant-id='{applicant}']")?.GetAttribute("data-evaluated");
}
