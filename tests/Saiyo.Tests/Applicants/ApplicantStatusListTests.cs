using System.Globalization;
using MimeKit;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Interviews;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// 応募者一覧 with 選考ステータス: each applicant's step, next booking, attendance and 合否 as columns; a filter on each is a
/// URL; a staff member's saved searches are theirs alone; bulk actions on the selected: invite to a 選考会, send the マイページ
/// link (one mail each), 合否 through the preview of who gets which mail.
/// </summary>
public sealed class ApplicantStatusListTests(ResultsWorld world) : IClassFixture<ResultsWorld>
{
    private SaiyoClient Admin => world.Admin;

    [Fact]
    public async Task The_list_shows_where_each_applicant_stands_and_filters_by_it_with_urls_that_can_be_saved()
    {
        var schedule = await world.ScheduleAsync(1, "09:00", "10:00", capacity: 3);
        var passed = await world.BookedAsync("一覧 通過子", "list.pass@example.test", schedule);
        var absent = await world.BookedAsync("一覧 欠席男", "list.absent@example.test", schedule);
        var invited = await Admin.CreateApplicantAsync("一覧 案内のみ", "list.invited@example.test");
        await Admin.InviteAsync(invited, world.First);
        var coming = await Admin.GetAsync("/Applicants?booking=upcoming");
        Assert.NotNull(Row(coming, passed));
        Assert.Null(Row(coming, invited));
        Assert.Contains("一次面接", Row(coming, passed)!.QuerySelector("td.step")!.TextContent, StringComparison.Ordinal);

        // After the interview: one marked absent, the other passed to 二次面接.
        world.World.Clock.Advance(TimeSpan.FromDays(2));
        // The clock jumped past the sign-in cookie's lifetime: sign in again.
        await Admin.SignInAsync(Demo.AdminEmail);
        var bookings = await Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        var absentBooking = bookings.Document.QuerySelectorAll("tr[data-booking-id]").First(r => r.TextContent.Contains("一覧 欠席男", StringComparison.Ordinal)).GetAttribute("data-booking-id");
        await Admin.SubmitAsync(bookings, new Dictionary<string, string> { ["attendance"] = "Absent" }, $"form.attendance[action*='bookingId={absentBooking}']");
        await Admin.SubmitAsync($"/SelectionMeetings/{world.First}/Results", new Dictionary<string, string> { ["Outcome"] = "Pass" },
            $"form.set-result[action*='applicantId={passed}']");

        var all = await Admin.GetAsync("/Applicants?q=" + Uri.EscapeDataString("一覧"));
        Assert.Equal("Absent", Row(all, absent)!.GetAttribute("data-attendance"));
        Assert.Contains("欠席", Row(all, absent)!.QuerySelector("td.attendance")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("未評価", Row(all, absent)!.QuerySelector("td.evaluation")!.TextContent, StringComparison.Ordinal);
        // 通過 moved them on: their step is now 二次面接, with no 合否 there yet.
        Assert.Contains("二次面接", Row(all, passed)!.QuerySelector("td.step")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("—", Row(all, passed)!.QuerySelector("td.outcome")!.TextContent.Trim());

        var second = await Admin.StepIdAsync("二次面接");
        var inSecond = await Admin.GetAsync($"/Applicants?step={second}");
        Assert.Equal([passed], Ids(inSecond));
        var absentees = await Admin.GetAsync("/Applicants?attendance=Absent");
        Assert.Equal([absent], Ids(absentees));
        var notEvaluated = await Admin.GetAsync("/Applicants?evaluation=none&q=" + Uri.EscapeDataString("一覧"));
        Assert.Equal([absent], Ids(notEvaluated));
        var noResult = await Admin.GetAsync($"/Applicants?result=none&step={await Admin.StepIdAsync("一次面接")}&q=" + Uri.EscapeDataString("一覧"));
        Assert.Equal(new[] { absent, invited }.Order(), Ids(noResult).Order());
        // The filter form writes the same URL a person can bookmark.
        var viaForm = await Admin.SubmitAsync("/Applicants", new Dictionary<string, string> { ["attendance"] = "Absent" }, "form.applicant-filters");
        Assert.Contains("attendance=Absent", viaForm.Url.Query, StringComparison.Ordinal);
        Assert.Equal([absent], Ids(viaForm));

        // Saved: listed above the table for this staff member only, and it opens the same filter.
        var saved = await Admin.SubmitAsync(absentees, new Dictionary<string, string> { ["name"] = "欠席者" }, "form.save-search");
        var link = saved.Document.QuerySelectorAll(".saved-searches a").First(a => a.TextContent.Trim() == "欠席者").GetAttribute("href")!;
        Assert.Equal([absent], Ids(await Admin.GetAsync(link)));
        var (_, recruiter) = await Admin.AddStaffAsync("一覧 採用担当", "Recruiter");
        var other = world.World.Browser();
        await other.SignInAsync(recruiter, InterviewerSetup.Password);
        Assert.Null((await other.GetAsync("/Applicants")).Document.QuerySelector(".saved-searches"));
        // An empty name is refused with a message; nothing is saved.
        var refused = await Admin.SubmitAsync(absentees, new Dictionary<string, string> { ["name"] = " " }, "form.save-search");
        Assert.Contains(refused.Errors, e => e.Contains("名前", StringComparison.Ordinal));
        Assert.Single((await Admin.GetAsync("/Applicants")).Document.QuerySelectorAll(".saved-searches li"));
    }

    [Fact]
    public async Task Bulk_actions_invite_send_my_page_links_and_set_results_through_the_preview()
    {
        var a = await Admin.CreateApplicantAsync("一括操作 一子", "ops.one@example.test");
        var b = await Admin.CreateApplicantAsync("一括操作 二子", "ops.two@example.test");
        var untouched = await Admin.CreateApplicantAsync("一括操作 対象外", "ops.out@example.test");
        var list = "/Applicants?q=" + Uri.EscapeDataString("一括操作");

        var invitedPage = await BulkAsync(list, [a, b], "invite", world.First);
        Assert.Empty(invitedPage.Errors);
        var inFirst = await Admin.GetAsync($"/Applicants?step={await Admin.StepIdAsync("一次面接")}&q=" + Uri.EscapeDataString("一括操作"));
        Assert.Equal(new[] { a, b }.Order(), Ids(inFirst).Order());

        await BulkAsync(list, [a, b], "link");
        foreach (var to in new[] { "ops.one@example.test", "ops.two@example.test" })
            await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(world.World.Smtp, to).Count(IsMyPage) == 1), $"one マイページ mail to {to}", seconds: 60);
        Assert.Empty(ApplicantSetup.MailsTo(world.World.Smtp, "ops.out@example.test"));

        // 合否 from the list: the same preview (the one not invited to the 選考会 is left out); confirming sets them.
        var preview = await BulkAsync(list, [a, b, untouched], "result", world.First, new() { ["Outcome"] = "Hold" });
        var rows = preview.Document.QuerySelectorAll(".result-preview tr[data-applicant-id]");
        Assert.Equal(new[] { a, b }.Select(x => x.ToString()).Order(), rows.Select(r => r.GetAttribute("data-applicant-id")!).Order());
        Assert.NotNull(preview.Document.QuerySelector(".result-preview .skipped"));
        var confirmed = await Admin.SubmitAsync(preview, formSelector: "form.confirm-results");
        Assert.Equal("/Applicants", confirmed.Path);
        Assert.Equal("Hold", Row(confirmed, a)!.GetAttribute("data-outcome"));
        Assert.Equal("Hold", Row(confirmed, b)!.GetAttribute("data-outcome"));
        Assert.True(string.IsNullOrEmpty(Row(confirmed, untouched)!.GetAttribute("data-outcome")));

        // Nothing ticked: a message, nothing done.
        var none = await BulkAsync(list, [], "link");
        Assert.Contains(none.Errors, e => e.Contains("選択", StringComparison.Ordinal));
    }

    private static bool IsMyPage(MimeMessage m) => (m.Subject ?? "").Contains("マイページ", StringComparison.Ordinal);

    private static AngleSharp.Dom.IElement? Row(HtmlPage page, Guid applicant) =>
        page.Document.QuerySelector($"table.applicants tr[data-applicant-id='{applicant}']");

    private static List<Guid> Ids(HtmlPage page) =>
        page.Document.QuerySelectorAll("table.applicants tr[data-applicant-id]").Select(r => Guid.Parse(r.GetAttribute("data-applicant-id")!)).ToList();

    /// <summary>Ticks <paramref name="applicants"/> on the list at <paramref name="url"/> and runs the bulk action.</summary>
    private async Task<HtmlPage> BulkAsync(string url, Guid[] applicants, string action, Guid? meeting = null, Dictionary<string, string>? more = null)
    {
        var page = await Admin.GetAsync(url);
        var form = page.Document.QuerySelector("form#bulk-applicants")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("bulkAction", action), new("meetingId", meeting?.ToString() ?? ""),
        };
        fields.AddRange((more ?? []).Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        fields.AddRange(applicants.Select(a => new KeyValuePair<string, string>("ApplicantIds", a.ToString())));
        return await Admin.PostRawAsync(new Uri(page.Url, form.GetAttribute("action")!).PathAndQuery, fields);
    }
}
