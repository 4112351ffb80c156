using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Data;
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
        var (slot, link) = await OneSlotOfferedAsync("読み取り 説明会", "10:00", "読取 陽", "hinata.reader@example.test");
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

    [Fact]
    public async Task The_my_page_answers_while_a_writer_holds_the_database()
    {
        var ct = TestContext.Current.CancellationToken;
        var (slot, link) = await OneSlotOfferedAsync("読み取り 書き込み中", "15:00", "書込 楓", "kaede.reader@example.test");
        var client = _app.CreateSaiyoClient();
        var booked = await client.BookAsync(link, slot);
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        var bookingId = booked.Document.QuerySelector("[data-booking-id]")!.GetAttribute("data-booking-id");

        // A write transaction held open (on SQLite: the file's write gate and its write lock, as a booking in a rush holds
        // them). The my page's reads never wait for it: no GET writes (no "last seen", no TempData or key written).
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        await using var writer = await db.Database.BeginTransactionAsync(ct);
        var page = await client.GetAsync(link).WaitAsync(TimeSpan.FromSeconds(120), ct);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Single(page.Document.QuerySelectorAll("[data-booking-id]"));
        var step = await client.GetAsync($"{link}?handler=Cancel&bookingId={bookingId}").WaitAsync(TimeSpan.FromSeconds(120), ct);
        Assert.Equal("confirmcancel", step.Document.QuerySelector("[data-step]")?.GetAttribute("data-step"));
        await writer.RollbackAsync(ct);
    }

    [Fact]
    public async Task The_my_page_switches_language_through_its_own_link_without_an_antiforgery_token()
    {
        var (slot, link) = await OneSlotOfferedAsync("読み取り 言語", "13:00", "言語 翼", "tsubasa.reader@example.test");
        var client = _app.CreateSaiyoClient();

        // A render makes no antiforgery token nor its cookie: the switch posts to the page's own handler (the link is the credential).
        using (var response = await client.Http.GetAsync(link, TestContext.Current.CancellationToken))
        {
            var page = await HtmlPage.ReadAsync(response);
            Assert.Equal("ja", page.Document.DocumentElement.GetAttribute("lang"));
            var form = page.Document.QuerySelector("form.lang-switch")!;
            Assert.Equal(link + "?handler=Culture", form.GetAttribute("action"));
            Assert.Null(form.QuerySelector("input[name='__RequestVerificationToken']"));
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var set), $"Set-Cookie: {string.Join("; ", set ?? [])}");
        }

        // From a confirmation step (a GET with a query) the switch returns to that step, in English, and English stays.
        var booked = await client.BookAsync(link, slot);
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        var bookingId = booked.Document.QuerySelector("[data-booking-id]")!.GetAttribute("data-booking-id");
        var step = await client.GetAsync($"{link}?handler=Cancel&bookingId={bookingId}");
        Assert.Equal("confirmcancel", step.Document.QuerySelector("[data-step]")?.GetAttribute("data-step"));
        var english = await client.SubmitAsync(step, new Dictionary<string, string> { ["culture"] = "en" }, "form.lang-switch");
        Assert.Equal(HttpStatusCode.OK, english.Status);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("confirmcancel", english.Document.QuerySelector("[data-step]")?.GetAttribute("data-step"));
        Assert.Equal("en", (await client.GetAsync(link)).Document.DocumentElement.GetAttribute("lang"));

        // A return address elsewhere is not followed (back to the my page), and an unknown language changes nothing.
        var odd = await client.PostRawAsync(link + "?handler=Culture", [new("culture", "xx"), new("returnUrl", "/Applicants")]);
        Assert.Equal((HttpStatusCode.OK, "en"), (odd.Status, odd.Document.DocumentElement.GetAttribute("lang")));
        Assert.Equal(link, odd.Url.AbsolutePath);
        Assert.Single(odd.Document.QuerySelectorAll("[data-booking-id]"));

        // Someone else's link is no way in: the plain "link not valid" page.
        var forged = await client.PostRawAsync("/my/" + new string('B', 43) + "?handler=Culture", [new("culture", "ja")]);
        Assert.Equal((HttpStatusCode.NotFound, "invalid-link"), (forged.Status, ApplicantSetup.Outcome(forged)));
    }

    [Fact]
    public async Task A_link_no_longer_valid_still_switches_language_and_stays_on_its_page()
    {
        // No credential to post with: the switch is the site-wide form (with its antiforgery token), back to the same page.
        var client = _app.CreateSaiyoClient();
        var expired = "/my/" + new string('C', 43);
        var page = await client.GetAsync(expired);
        Assert.Equal((HttpStatusCode.NotFound, "invalid-link", "ja"), (page.Status, ApplicantSetup.Outcome(page), page.Document.DocumentElement.GetAttribute("lang")));
        Assert.Equal("/Culture", page.Document.QuerySelector("form.lang-switch")?.GetAttribute("action"));

        var english = await client.SubmitAsync(page, new Dictionary<string, string> { ["culture"] = "en" }, "form.lang-switch");
        Assert.Equal((HttpStatusCode.NotFound, "invalid-link", "en"), (english.Status, ApplicantSetup.Outcome(english), english.Document.DocumentElement.GetAttribute("lang")));
        Assert.Equal(expired, english.Url.AbsolutePath);
    }

    /// <summary>A 選考会 with one shown one-hour 日程 in five days, offered to a new applicant: the 日程 and their my page link.</summary>
    private async Task<(Guid Slot, string Link)> OneSlotOfferedAsync(string meetingName, string start, string name, string email)
    {
        var meeting = await _staff.CreateSelectionMeetingAsync(meetingName);
        var ev = await _staff.AddEventAsync(meeting, "会社説明会");
        var end = TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture).AddHours(1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var slot = await _staff.CreateShownScheduleAsync(ev, SelectionSetup.TokyoDate(TimeProvider.System, 5), start, end);
        var applicant = await _staff.CreateApplicantAsync(name, email);
        await _staff.InviteAsync(applicant, meeting);
        return (slot, await _staff.SendMyPageLinkAsync(applicant));
    }

    private static List<Guid> Slots(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll("tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!))];
}
