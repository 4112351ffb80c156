using System.Globalization;
using System.Net;
using MimeKit;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// Two Saiyo nodes on one database and SMTP server, one clock; a 選考会 in 一次面接 (an イベント without Zoom) followed by
/// one in 二次面接: shared by the 合否 mail tests.
/// </summary>
public sealed class ResultsWorld : IAsyncLifetime
{
    public ZoomWorld World { get; private set; } = null!;
    public SaiyoClient Admin { get; private set; } = null!;
    public Guid First { get; private set; }
    public Guid EventId { get; private set; }
    public Guid Second { get; private set; }
    public Guid SecondEvent { get; private set; }

    public async ValueTask InitializeAsync()
    {
        World = await ZoomWorld.StartAsync(nodes: 2);
        Admin = World.Browser();
        Assert.Equal("/", (await Admin.SignInAsync(Demo.AdminEmail)).Path);
        First = await Admin.CreateSelectionMeetingAsync("一次面接 東京");
        await Admin.SetStepAsync(First, "一次面接 東京", "一次面接");
        EventId = await Admin.AddEventAsync(First, "個別面接");
        Second = await Admin.CreateSelectionMeetingAsync("二次面接 東京");
        await Admin.SetStepAsync(Second, "二次面接 東京", "二次面接");
        SecondEvent = await Admin.AddEventAsync(Second, "役員面接");
    }

    public async ValueTask DisposeAsync() => await World.DisposeAsync();

    /// <summary>A 日程 of the 一次面接 with room for <paramref name="capacity"/>.</summary>
    public async Task<Guid> ScheduleAsync(int day, string start, string end, int capacity)
    {
        var date = SelectionSetup.TokyoDate(World.Clock, day);
        var page = await Admin.CreateScheduleAsync(EventId, date, start, end, capacity: capacity, acceptWarnings: true);
        Assert.True(page.Path.EndsWith("/Schedules", StringComparison.Ordinal), string.Join(" | ", page.Errors));
        return SelectionSetup.ScheduleId(page, date, start, end);
    }

    public async Task<Guid> BookedAsync(string name, string email, Guid schedule)
    {
        var id = await Admin.CreateApplicantAsync(name, email);
        await Admin.InviteAsync(id, First);
        await Admin.ProxyBookAsync(schedule, id);
        return id;
    }
}

/// <summary>
/// 合否 mails beyond "now": a 不合格 mail at a chosen time (entered in the company's zone) is one outbox row that of two
/// nodes exactly one sends at that time, withdrawn when the 合否 changes back; bulk 合否 from the 日程's 予約 page shows who
/// gets which mail before anything changes, and its 「確定」 sets them all.
/// </summary>
public sealed class ResultMailTests(ResultsWorld world) : IClassFixture<ResultsWorld>
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private SaiyoClient Admin => world.Admin;
    private string Results => $"/SelectionMeetings/{world.First}/Results";

    [Fact]
    public async Task A_rejection_at_a_chosen_time_is_sent_once_at_that_time_and_withdrawn_when_the_result_changes_back()
    {
        var schedule = await world.ScheduleAsync(2, "10:00", "11:00", capacity: 3);
        var later = await world.BookedAsync("後日 一郎", "later.ichiro@example.test", schedule);
        var changed = await world.BookedAsync("変更 二郎", "changed.jiro@example.test", schedule);
        var tokyoNow = TimeZoneInfo.ConvertTime(world.World.Clock.GetUtcNow(), Tokyo).DateTime;
        var inTwoHours = tokyoNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var inOneHour = tokyoNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        // A time already past is refused with a message, and nothing is set.
        var past = await SetAsync(later, "Reject", "At", tokyoNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        Assert.Contains(past.Errors, e => e.Contains("現在より後", StringComparison.Ordinal));
        Assert.Null(Row(await Admin.GetAsync(Results), later)!.GetAttribute("data-outcome") is { Length: > 0 } o ? o : null);

        var set = await SetAsync(later, "Reject", "At", inTwoHours);
        Assert.Empty(set.Errors);
        // Shown in the company's zone, as entered.
        var due = tokyoNow.AddHours(2);
        Assert.Contains(due.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), Row(set, later)!.QuerySelector(".scheduled-mail")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(due.ToString("HH:mm", CultureInfo.InvariantCulture), Row(set, later)!.QuerySelector(".scheduled-mail")!.TextContent, StringComparison.Ordinal);
        await SetAsync(changed, "Reject", "At", inOneHour);
        // Changed back to 保留: the waiting mail is withdrawn.
        var held = await SetAsync(changed, "Hold", "None");
        Assert.Equal("Hold", Row(held, changed)!.GetAttribute("data-outcome"));
        Assert.Equal("Cancelled", Row(held, changed)!.GetAttribute("data-mail-state"));
        Assert.Equal("Pending", Row(held, later)!.GetAttribute("data-mail-state"));

        // Nothing goes before its time; at its time exactly one mail, from one of the two nodes.
        world.World.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await ZoomWorld.EventuallyAsync(async () => Row(await Admin.GetAsync(Results), later)!.GetAttribute("data-mail-state") == "Sent",
            "the scheduled rejection was sent", seconds: 60);
        var mail = Assert.Single(ApplicantSetup.MailsTo(world.World.Smtp, "later.ichiro@example.test"), IsRejection);
        Assert.Contains("一次面接 東京", mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(ApplicantSetup.MailsTo(world.World.Smtp, "changed.jiro@example.test"), IsRejection);
        var after = await Admin.GetAsync(Results);
        Assert.Equal("Cancelled", Row(after, changed)!.GetAttribute("data-mail-state"));
        Assert.Equal("Reject", Row(after, later)!.GetAttribute("data-outcome"));
    }

    [Fact]
    public async Task Bulk_results_from_a_schedules_bookings_show_who_gets_which_mail_before_anything_changes_and_confirm_sets_all()
    {
        var schedule = await world.ScheduleAsync(3, "13:00", "14:00", capacity: 3);
        var other = await world.ScheduleAsync(3, "15:00", "16:00", capacity: 1);
        var a = await world.BookedAsync("一括 花子", "bulk.hanako@example.test", schedule);
        var b = await world.BookedAsync("一括 桃子", "bulk.momoko@example.test", schedule);
        var elsewhere = await world.BookedAsync("別枠 三郎", "bulk.saburo@example.test", other);

        // 予約 page of the 日程 → 合否: only its applicants.
        var bookings = await Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        var link = bookings.Document.QuerySelector("a.results-link")!.GetAttribute("href")!;
        var page = await Admin.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(Row(page, a));
        Assert.NotNull(Row(page, b));
        Assert.Null(Row(page, elsewhere));

        // Nobody selected: a message, no preview.
        var none = await PreviewAsync(link, [], "Pass");
        Assert.Contains(none.Errors, e => e.Contains("選択", StringComparison.Ordinal));
        Assert.Null(none.Document.QuerySelector(".result-preview"));

        // 不合格 at a time: each name, 選考結果のお知らせ, the time in the company's zone. Nothing is set by the preview.
        var at = TimeZoneInfo.ConvertTime(world.World.Clock.GetUtcNow(), Tokyo).DateTime.AddDays(1).Date.AddHours(9);
        var rejectPreview = await PreviewAsync(link, [a, b], "Reject", "At", at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        var rows = rejectPreview.Document.QuerySelectorAll(".result-preview tr[data-applicant-id]");
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Contains("選考結果のお知らせ", r.TextContent, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains(at.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), r.QuerySelector(".send-time")!.TextContent, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("09:00", r.QuerySelector(".send-time")!.TextContent, StringComparison.Ordinal));
        Assert.Contains("一括 花子", rejectPreview.Document.QuerySelector(".result-preview")!.TextContent, StringComparison.Ordinal);

        // 通過 for both: 次の選考のご案内 with the next 選考会, right after confirming; still nothing set or sent.
        var preview = await PreviewAsync(link, [a, b], "Pass");
        var passRows = preview.Document.QuerySelectorAll(".result-preview tr[data-applicant-id]");
        Assert.Equal(["NextStep", "NextStep"], passRows.Select(r => r.GetAttribute("data-mail")));
        Assert.All(passRows, r => Assert.Contains("二次面接 東京", r.TextContent, StringComparison.Ordinal));
        var before = await Admin.GetAsync(link);
        Assert.All(new[] { a, b }, id => Assert.True(string.IsNullOrEmpty(Row(before, id)!.GetAttribute("data-outcome"))));
        Assert.DoesNotContain(ApplicantSetup.MailsTo(world.World.Smtp, "bulk.hanako@example.test"), IsNextStep);

        // 確定: both set in one go, each gets exactly one invitation; the other 日程's applicant is untouched.
        var confirmed = await Admin.SubmitAsync(preview, formSelector: "form.confirm-results");
        Assert.Empty(confirmed.Errors);
        Assert.Equal("Pass", Row(confirmed, a)!.GetAttribute("data-outcome"));
        Assert.Equal("Pass", Row(confirmed, b)!.GetAttribute("data-outcome"));
        foreach (var to in new[] { "bulk.hanako@example.test", "bulk.momoko@example.test" })
        {
            await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(world.World.Smtp, to).Any(IsNextStep)), $"次の選考のご案内 to {to}", seconds: 60);
            Assert.Single(ApplicantSetup.MailsTo(world.World.Smtp, to), IsNextStep);
        }
        Assert.True(string.IsNullOrEmpty(Row(await Admin.GetAsync(Results), elsewhere)!.GetAttribute("data-outcome")));

        // Confirming the same preview again changes nothing and sends nothing more (its content changed: all are 通過 now).
        var again = await Admin.SubmitAsync(preview, formSelector: "form.confirm-results");
        Assert.Contains(again.Errors, e => e.Contains("もう一度確認", StringComparison.Ordinal));
        Assert.Single(ApplicantSetup.MailsTo(world.World.Smtp, "bulk.hanako@example.test"), IsNextStep);
    }

    private static bool IsRejection(MimeMessage m) => (m.Subject ?? "").Contains("選考結果", StringComparison.Ordinal);

    private static bool IsNextStep(MimeMessage m) => (m.Subject ?? "").Contains("次の選考のご案内", StringComparison.Ordinal);

    private static AngleSharp.Dom.IElement? Row(HtmlPage page, Guid applicant) =>
        page.Document.QuerySelector($"table.results tr[data-applicant-id='{applicant}']");

    private Task<HtmlPage> SetAsync(Guid applicant, string outcome, string rejectMail, string sendAt = "") =>
        Admin.SubmitAsync(Results, new Dictionary<string, string> { ["Outcome"] = outcome, ["RejectMail"] = rejectMail, ["SendAt"] = sendAt },
            $"form.set-result[action*='applicantId={applicant}']");

    /// <summary>Ticks <paramref name="applicants"/> on the 合否 list and asks for the preview of the chosen 合否.</summary>
    private async Task<HtmlPage> PreviewAsync(string url, Guid[] applicants, string outcome, string rejectMail = "None", string sendAt = "")
    {
        var page = await Admin.GetAsync(url);
        var form = page.Document.QuerySelector("form#bulk-results")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Outcome", outcome), new("RejectMail", rejectMail), new("SendAt", sendAt),
        };
        fields.AddRange(applicants.Select(a => new KeyValuePair<string, string>("ApplicantIds", a.ToString())));
        return await Admin.PostRawAsync(new Uri(page.Url, form.GetAttribute("action")!).PathAndQuery, fields);
    }
}
