using System.Globalization;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// A 評価 still missing the configured hours after the 日程's end gets its 面接官 one reminder, counted at the SMTP
/// server, with two Saiyo nodes polling the same database; an interviewer who evaluated gets none.
/// </summary>
public sealed class EvaluationReminderTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(nodes: 2, settings: s =>
    {
        s["Interviews:EvaluationReminders:After"] = "02:00:00";
        s["Interviews:EvaluationReminders:PollInterval"] = "00:00:00.200";
    });

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_missing_evaluation_is_reminded_once_after_the_configured_hours_and_a_submitted_one_never()
    {
        var (done, doneEmail) = await _w.Admin.AddStaffAsync("評価 済男");
        var (late, lateEmail) = await _w.Admin.AddStaffAsync("評価 未男");
        await _w.Admin.AssignInterviewersAsync("Events", _w.EventId, done, late);
        var day = _w.Day(1);
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:30");
        var applicant = await _w.Admin.CreateApplicantAsync("催促 対象", "reminded@example.test");
        await _w.Admin.InviteAsync(applicant, _w.MeetingId);
        await _w.Admin.ProxyBookAsync(schedule, applicant);
        var end = DateTimeOffset.Parse(SelectionSetup.ZoomUtc(day, "10:30"), CultureInfo.InvariantCulture);

        // Just after the end: one interviewer evaluates (the clock jump outlives the cookie: sign in after it).
        _w.World.Clock.Advance(end.AddMinutes(5) - _w.World.Clock.GetUtcNow());
        var interviewer = _w.World.Browser();
        await interviewer.SignInAsync(doneEmail, InterviewerSetup.Password);
        var evaluated = await interviewer.SubmitAsync($"/Interviews/{schedule}/Evaluate/{applicant}", new Dictionary<string, string> { ["recommendation"] = "Pass" });
        Assert.Equal("/Interviews", evaluated.Path);

        // Not yet two hours: no reminder. Then past them: exactly one, to the one who has not evaluated.
        _w.World.Clock.Advance(TimeSpan.FromMinutes(60));
        await AssertQuietAsync(lateEmail);
        _w.World.Clock.Advance(TimeSpan.FromMinutes(60));
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(Reminders(lateEmail).Count >= 1), "the reminder", seconds: 90);
        var reminder = Assert.Single(Reminders(lateEmail));
        Assert.Contains("催促 対象", reminder.TextBody!, StringComparison.Ordinal);
        Assert.Contains($"/Interviews/{schedule}/Evaluate/{applicant}", reminder.TextBody!, StringComparison.Ordinal);
        // Both nodes keep polling: still one, and none for the one who evaluated.
        await AssertQuietAsync(lateEmail, expected: 1);
        Assert.Empty(Reminders(doneEmail));
    }

    /// <summary>A mail written now (a マイページ link) is delivered while the workers keep polling; <paramref name="to"/> has no more than expected.</summary>
    private async Task AssertQuietAsync(string to, int expected = 0)
    {
        await _w.Admin.SignInAsync(Demo.AdminEmail);
        var sentinel = $"sentinel-{Guid.NewGuid():N}@example.test";
        await _w.Admin.SendMyPageLinkAsync(await _w.Admin.CreateApplicantAsync("送信確認", sentinel));
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(_w.World.Smtp, sentinel).Count == 1), "the sentinel mail", seconds: 90);
        Assert.Equal(expected, Reminders(to).Count);
    }

    private List<MimeKit.MimeMessage> Reminders(string to) =>
        ApplicantSetup.MailsTo(_w.World.Smtp, to).Where(m => (m.Subject ?? "").Contains("評価のお願い", StringComparison.Ordinal)).ToList();
}
