using System.Net;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>One Saiyo with Zoom linked and an イベント with personal join links, shared by the deletion tests.</summary>
public sealed class DeletionWorld : IAsyncLifetime
{
    public MeetingWorld W { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        W = await MeetingWorld.StartAsync();
        var form = await W.Admin.GetAsync($"/SelectionMeetings/Events/{W.EventId}");
        var saved = await W.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.PersonalJoinLinks"] = "true", ["Input.ConfirmImpact"] = "true" });
        Assert.Equal(W.SettingsUrl, saved.Path);
    }

    public async ValueTask DisposeAsync() => await W.DisposeAsync();
}

/// <summary>
/// 個人情報の削除 by an admin, against the Zoom sandbox and the test's SMTP server: the coming booking is cancelled with
/// exactly one mail, the Zoom registration is cancelled, the マイページ link answers 404, the person appears on no staff page
/// (list, search, bookings, 送信メール) while the 日程's counts stay, and the audit names who did it. Recruiters cannot.
/// </summary>
public sealed class ApplicantDeletionTests(DeletionWorld world) : IClassFixture<DeletionWorld>
{
    private const string Cancelled = "キャンセル";
    private MeetingWorld W => world.W;

    private async Task<(Guid Applicant, string MyPage)> BookedAsync(Guid schedule, string name, string email, string? organization = null)
    {
        var applicant = await W.Admin.CreateApplicantAsync(name, email, organization: organization);
        await W.Admin.InviteAsync(applicant, W.MeetingId);
        var myPage = await W.Admin.SendMyPageLinkAsync(applicant);
        Assert.Equal("booked", ApplicantSetup.Outcome(await W.World.Browser().BookAsync(myPage, schedule)));
        return (applicant, myPage);
    }

    private async Task<Guid> IssuedScheduleAsync(int day, string start, string end)
    {
        var created = await W.Admin.CreateScheduleAsync(W.EventId, W.Day(day), start, end, capacity: 2, acceptWarnings: true);
        Assert.True(created.Path.EndsWith("/Schedules", StringComparison.Ordinal), string.Join(" | ", created.Errors));
        var schedule = SelectionSetup.ScheduleId(created, W.Day(day), start, end);
        await W.RowStateAsync(schedule, "Issued");
        return schedule;
    }

    private async Task<int> BookedCountAsync(Guid schedule) =>
        int.Parse((await W.Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings")).Document.QuerySelector(".booked-count")!.GetAttribute("data-booked")!,
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Deleting_an_applicant_cancels_the_coming_booking_with_one_mail_and_the_zoom_registration_and_leaves_no_personal_data()
    {
        const string name = "削除 花子", email = "delete.hanako@example.test";
        var schedule = await IssuedScheduleAsync(3, "14:00", "14:45");
        var (applicant, myPage) = await BookedAsync(schedule, name, email, "削除大学");
        var (other, _) = await BookedAsync(schedule, "残留 次郎", "stays.jiro@example.test");
        await ZoomWorld.EventuallyAsync(async () =>
            BookingLinkTests.Registrants(await W.World.SandboxStateAsync(), email).Any(r => r["status"]!.GetValue<string>() == "approved"), "the applicant registered at Zoom");
        await BookingLinkTests.MailAsync(W.World, email, "ご予約を承りました");
        Assert.Equal(2, await BookedCountAsync(schedule));

        // The confirmation page says what will happen, and changes nothing by itself.
        var edit = await W.Admin.GetAsync($"/Applicants/{applicant}");
        Assert.NotNull(edit.Document.QuerySelector($"a[href='/Applicants/{applicant}/Delete']"));
        var confirm = await W.Admin.GetAsync($"/Applicants/{applicant}/Delete");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Single(confirm.Document.QuerySelectorAll("ul.coming-bookings li"));
        Assert.Contains("これからの予約1件をキャンセルし、応募者にキャンセルのメールを1通ずつ送ります", confirm.Text);
        Assert.Contains("個人用参加URLのZoomへの登録を取り消します", confirm.Text);
        Assert.Contains(email, confirm.Text);
        Assert.Equal(HttpStatusCode.OK, (await W.World.Browser().GetAsync(myPage)).Status);

        var done = await W.Admin.SubmitAsync(confirm, formSelector: "form.applicant-delete");
        Assert.Equal("/Applicants", done.Path);
        Assert.Contains("応募者の個人情報を削除しました（キャンセルした予約: 1件）", done.Text);

        // The applicant gets exactly one cancellation mail; Zoom's registration is cancelled.
        await BookingLinkTests.MailAsync(W.World, email, Cancelled);
        await ZoomWorld.EventuallyAsync(async () =>
            BookingLinkTests.Registrants(await W.World.SandboxStateAsync(), email).All(r => r["status"]!.GetValue<string>() == "cancelled"), "the registration cancelled at Zoom");
        await ZoomWorld.EventuallyAsync(async () => !(await W.Admin.GetAsync("/Settings/Mails")).Text.Contains("送信待ち", StringComparison.Ordinal), "the outbox sent");
        Assert.Single(ApplicantSetup.MailsTo(W.World.Smtp, email), m => (m.Subject ?? "").Contains(Cancelled, StringComparison.Ordinal));

        // The link and the applicant's page are gone; a second delete finds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await W.World.Browser().GetAsync(myPage)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await W.Admin.GetAsync($"/Applicants/{applicant}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await W.Admin.GetAsync($"/Applicants/{applicant}/Delete")).Status);

        // No staff page shows the person; the 日程 keeps the other applicant's seat, and the cancelled row stays anonymous.
        var bookings = await W.Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        Assert.Equal(1, await BookedCountAsync(schedule));
        Assert.Contains("（削除済みの応募者）", bookings.Text);
        Assert.Contains("残留 次郎", bookings.Text);
        var pages = new List<HtmlPage>
        {
            bookings, await W.Admin.GetAsync("/Applicants"), await W.Admin.GetAsync("/Applicants?Q=" + Uri.EscapeDataString("削除")),
            await W.Admin.GetAsync("/Applicants?Q=delete.hanako"), await W.Admin.GetAsync("/Settings/Mails"), await W.Admin.GetAsync("/Integrations/Audit"),
            await W.Admin.GetAsync($"/Applicants/{other}"),
        };
        var mailList = pages[4];
        foreach (var link in mailList.Document.QuerySelectorAll("a[href^='/Settings/Mails/']").Select(a => a.GetAttribute("href")!).Distinct())
            pages.Add(await W.Admin.GetAsync(link));
        foreach (var page in pages)
        {
            Assert.DoesNotContain(name, page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(email, page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("削除大学", page.Text, StringComparison.Ordinal);
        }
        Assert.Contains("残留 次郎", pages[1].Text);

        // The audit says who and when, without the person.
        var audit = pages[5].Document.QuerySelector("tr[data-action='applicant.deleted']");
        Assert.NotNull(audit);
        Assert.Contains("の個人情報を削除しました", audit.TextContent);
    }

    [Fact]
    public async Task A_recruiter_cannot_delete_an_applicant()
    {
        var applicant = await W.Admin.CreateApplicantAsync("採用 担当見", "recruiter.cannot@example.test");
        var recruiter = W.World.Browser();
        Assert.Equal("/", (await recruiter.SignInAsync(Demo.RecruiterEmail)).Path);
        Assert.Null((await recruiter.GetAsync($"/Applicants/{applicant}")).Document.QuerySelector($"a[href='/Applicants/{applicant}/Delete']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync($"/Applicants/{applicant}/Delete")).Status);
        var token = (await recruiter.GetAsync($"/Applicants/{applicant}")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await recruiter.PostRawAsync($"/Applicants/{applicant}/Delete", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Contains("採用 担当見", (await W.Admin.GetAsync($"/Applicants/{applicant}")).Text);
    }
}
