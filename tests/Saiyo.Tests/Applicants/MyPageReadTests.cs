using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// The マイページ's read path (issue 16 point 3: one token lookup shared by the language and the page, 予約できる日程 read from
/// the applicant's invitations down, the applicant's own bookings): each applicant sees exactly the shown 日程 of the 選考会
/// offered to them, in their language, and their own bookings; nobody else's.
/// </summary>
public sealed class MyPageReadTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SaiyoAppFactory _app = null!;
    private SaiyoClient _staff = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _app = new SaiyoAppFactory(_db);
        _staff = _app.CreateSaiyoClient();
        await _staff.SignInAsync(Demo.RecruiterEmail);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Each_applicant_sees_the_shown_schedules_of_their_own_selection_meetings_in_their_language_and_only_their_bookings()
    {
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 6);
        var offered = await _staff.CreateSelectionMeetingAsync("読み取り 一次面接");
        var briefing = await _staff.AddEventAsync(offered, "説明会");
        var interview = await _staff.AddEventAsync(offered, "個別面接");
        var shown = await _staff.CreateShownScheduleAsync(briefing, day, "10:00", "10:30");
        var hidden = await _staff.CreateShownScheduleAsync(briefing, day, "11:00", "11:30", shown: false);
        var other = await _staff.CreateShownScheduleAsync(interview, day.AddDays(1), "14:00", "14:45");
        var elsewhere = await _staff.CreateSelectionMeetingAsync("読み取り 二次面接");
        var notOffered = await _staff.CreateShownScheduleAsync(await _staff.AddEventAsync(elsewhere, "役員面接"), day, "10:00", "10:30");

        var emma = await _staff.CreateApplicantAsync("Emma Reader", "emma.reader@example.test", "en");
        await _staff.InviteAsync(emma, offered);
        var emmaLink = await _staff.SendMyPageLinkAsync(emma);
        var ren = await _staff.CreateApplicantAsync("読取 蓮", "ren.reader@example.test");
        await _staff.InviteAsync(ren, elsewhere);
        var renLink = await _staff.SendMyPageLinkAsync(ren);
        var emmaClient = _app.CreateSaiyoClient();
        var renClient = _app.CreateSaiyoClient();

        var page = await emmaClient.GetAsync(emmaLink);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Emma Reader", page.Text);
        Assert.Equal(new List<Guid> { shown, other }, Slots(page));
        Assert.Empty(page.Document.QuerySelectorAll("[data-booking-id]"));

        Assert.Equal("booked", ApplicantSetup.Outcome(await emmaClient.BookAsync(emmaLink, shown)));
        page = await emmaClient.GetAsync(emmaLink);
        Assert.Single(page.Document.QuerySelectorAll("[data-booking-id]"));
        Assert.Contains("読み取り 一次面接 / 説明会", page.Document.QuerySelector("[data-booking-id]")!.TextContent);
        Assert.DoesNotContain(shown, Slots(page));

        // The other applicant: Japanese, only their 選考会's 日程, none of Emma's booking.
        var theirs = await renClient.GetAsync(renLink);
        Assert.Equal("ja", theirs.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("読取 蓮", theirs.Text);
        Assert.Equal(new List<Guid> { notOffered }, Slots(theirs));
        Assert.Empty(theirs.Document.QuerySelectorAll("[data-booking-id]"));
        Assert.DoesNotContain(hidden, Slots(page).Concat(Slots(theirs)));

        // A well-formed token nobody holds: the plain "link not valid" page, 404.
        var unknown = await renClient.GetAsync("/my/" + new string('A', 43));
        Assert.Equal((HttpStatusCode.NotFound, "invalid-link"), (unknown.Status, ApplicantSetup.Outcome(unknown)));
    }

    [Fact]
    public async Task Rendering_the_my_page_logs_nothing_and_keeps_it_out_of_caches()
    {
        var meeting = await _staff.CreateSelectionMeetingAsync("読み取り 説明会");
        var ev = await _staff.AddEventAsync(meeting, "会社説明会");
        var slot = await _staff.CreateShownScheduleAsync(ev, SelectionSetup.TokyoDate(TimeProvider.System, 5), "10:00", "11:00");
        var applicant = await _staff.CreateApplicantAsync("読取 陽", "hinata.reader@example.test");
        await _staff.InviteAsync(applicant, meeting);
        var link = await _staff.SendMyPageLinkAsync(applicant);
        var client = _app.CreateSaiyoClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.Http.GetAsync(link, TestContext.Current.CancellationToken);
            var page = await HtmlPage.ReadAsync(response);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal([slot], Slots(page));
            // The row's 予約する posts to this page's Book handler, without an antiforgery field (the link is the credential).
            var form = page.Document.QuerySelector($"tr[data-schedule-id='{slot}'] form")!;
            Assert.Equal(link + "?handler=Book", form.GetAttribute("action"));
            Assert.Null(form.QuerySelector("input[name='__RequestVerificationToken']"));
            // Personal data: never stored by the browser or a proxy (the language switch's antiforgery token asks the same).
            Assert.True(response.Headers.CacheControl is { NoStore: true, NoCache: true }, $"Cache-Control: {response.Headers.CacheControl}");
        }
        // Antiforgery used to warn on every render that it overrode the page's Cache-Control.
        Assert.DoesNotContain(_app.Warnings, w => w.StartsWith("Microsoft.AspNetCore.Antiforgery", StringComparison.Ordinal));
    }

    private static List<Guid> Slots(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!))];
}
