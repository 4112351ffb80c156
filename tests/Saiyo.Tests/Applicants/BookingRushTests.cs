using System.Collections.Concurrent;
using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// A rush on the last seats: 200 applicants press 「予約する」 on a 5-seat schedule at the same moment. Exactly 5 get it,
/// the 195 others a clear 満席 answer; run against SQLite and PostgreSQL alike (SAIYO_TEST_DATABASE).
/// </summary>
public sealed class BookingRushTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SaiyoAppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _app = new SaiyoAppFactory(_db);
        _app.Settings["Applicants:BookingAttemptsPerMinute"] = "5";
        _ = _app.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Two_hundred_concurrent_attempts_at_five_seats_make_exactly_five_bookings_and_195_full_answers()
    {
        var staff = _app.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var meeting = await staff.CreateSelectionMeetingAsync("説明会");
        var ev = await staff.AddEventAsync(meeting, "会社説明会");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 3);
        var settings = await staff.CreateScheduleAsync(ev, day, "10:00", "11:00", capacity: 5, acceptWarnings: true);
        var schedule = SelectionSetup.ScheduleId(settings, day, "10:00", "11:00");

        var links = new ConcurrentBag<string>();
        // Four recruiters register the 200 applicants side by side (each its own sign-in: the link is shown once via TempData).
        await Parallel.ForAsync(0, 4, async (worker, _) =>
        {
            var client = _app.CreateSaiyoClient();
            await client.SignInAsync(Demo.RecruiterEmail);
            for (var i = worker * 50; i < (worker + 1) * 50; i++)
            {
                var id = await client.CreateApplicantAsync($"応募者 {i:D3}", $"rush{i:D3}@example.test");
                await client.InviteAsync(id, meeting);
                links.Add(await client.SendMyPageLinkAsync(id));
            }
        });

        var applicants = links.Select(l => (Link: l, Client: _app.CreateSaiyoClient())).ToList();
        using var start = new ManualResetEventSlim(false);
        var attempts = applicants.Select(a => Task.Run(async () =>
        {
            start.Wait();
            return await a.Client.BookAsync(a.Link, schedule);
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(attempts);

        // A booking is redirected to the my page (its message shown once); 満席 is the POST's own answer, 409.
        var outcomes = answers.GroupBy(ApplicantSetup.Outcome).ToDictionary(g => g.Key ?? "(none)", g => g.Count());
        Assert.True(outcomes.GetValueOrDefault("booked") == 5 && outcomes.GetValueOrDefault("full") == 195,
            string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")) + " " + answers.FirstOrDefault(a => ApplicantSetup.Outcome(a) is not "booked" and not "full")?.Text);
        Assert.All(answers.Where(a => ApplicantSetup.Outcome(a) == "booked"), a => Assert.Equal((HttpStatusCode.OK, ""), (a.Status, a.Url.Query)));
        Assert.All(answers.Where(a => ApplicantSetup.Outcome(a) == "full"), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Contains("満席", a.Text);
        });

        var bookings = await staff.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        Assert.Equal(5, bookings.Document.QuerySelectorAll("tr[data-state='Active']").Length);
        var count = bookings.Document.QuerySelector(".booked-count")!;
        Assert.Equal("5", count.GetAttribute("data-booked"));

        // A late applicant sees the schedule as 満席, with nothing to press.
        var late = applicants.First(a => ApplicantSetup.Outcome(answers[applicants.IndexOf(a)]) == "full");
        var row = (await late.Client.GetAsync(late.Link)).Document.QuerySelector($"tr[data-schedule-id='{schedule}']")!;
        Assert.Equal("満席", row.QuerySelector(".full")?.TextContent.Trim());
        Assert.Null(row.QuerySelector("button"));

        // One link hammering the booking button is cut off (per link, per node), while another link is not.
        var hammer = applicants[0];
        var statuses = new List<int>();
        for (var i = 0; i < 8; i++) statuses.Add((int)(await hammer.Client.BookAsync(hammer.Link, schedule)).Status);
        Assert.Contains(429, statuses);
        Assert.NotEqual(429, (int)(await applicants[1].Client.BookAsync(applicants[1].Link, schedule)).Status);
    }
}
