using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// 送信メール before the dispatcher has written a booking's mail (the booking only records its kind: issue 16): the recruiter
/// sees which mail it is, in the staff's language and marked as not written yet, never an empty subject. The dispatcher
/// polls once an hour here, so the mail stays recorded for the whole test.
/// </summary>
public sealed class RecordedMailSubjectTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(settings: s => s["Smtp:PollInterval"] = "01:00:00");
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_booking_mail_not_yet_written_shows_its_kind_as_subject_in_the_staffs_language()
    {
        const string email = "recorded.subject@example.test";
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(3), "13:00", "13:30");
        var (applicant, link) = await _w.InvitedApplicantAsync("記録 待子", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));

        const string ja = "予約完了のお知らせ（未作成: 送信時に作成されます）";
        var list = await _w.Admin.GetAsync("/Settings/Mails");
        var subject = Assert.Single(Subjects(list, email), s => s.TextContent.Trim() == ja);
        Assert.Contains("送信待ち", subject.Closest("tr")!.TextContent, StringComparison.Ordinal);
        var detail = await _w.Admin.GetAsync(subject.GetAttribute("href")!);
        Assert.Equal(ja, detail.Document.QuerySelector("#mail-subject")!.TextContent.Trim());
        Assert.Contains("送信する直前にその時点の日程で作成されます", detail.Text, StringComparison.Ordinal);

        var english = await _w.Admin.SubmitAsync(list, new Dictionary<string, string> { ["culture"] = "en" }, "form.lang-switch");
        var same = Assert.Single(Subjects(english, email), s => s.GetAttribute("href") == subject.GetAttribute("href"));
        Assert.Equal("Booking confirmation (not written yet: written when sent)", same.TextContent.Trim());
        Assert.Empty(ApplicantSetup.MailsTo(_w.World.Smtp, email)); // still recorded only: nothing was written or sent
    }

    /// <summary>The subjects of the mails to <paramref name="to"/> (the my page link's, the booking's, …): none empty.</summary>
    private static List<AngleSharp.Dom.IElement> Subjects(HtmlPage page, string to)
    {
        var subjects = page.Document.QuerySelectorAll("tbody tr").Where(r => r.TextContent.Contains(to, StringComparison.Ordinal))
            .Select(r => r.QuerySelector("td:nth-child(3) a")!).ToList();
        Assert.NotEmpty(subjects);
        Assert.All(subjects, s => Assert.False(string.IsNullOrWhiteSpace(s.TextContent)));
        return subjects;
    }
}
