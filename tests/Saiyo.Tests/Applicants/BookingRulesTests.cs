using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// 予約動作設定 「予約できる数」: one booking per イベント by default, one per 選考会, or no limit. With a limit the マイページ shows the
/// booking with 変更 / キャンセル and no other 予約する of that イベント; a second attempt is refused with a message and changes
/// nothing, also when one applicant fires 20 attempts at 20 slots at once (the database decides, on SQLite and PostgreSQL).
/// </summary>
public sealed class BookingRulesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SaiyoAppFactory _app = null!;
    private SaiyoClient _staff = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _app = new SaiyoAppFactory(_db);
        _app.Settings["Applicants:BookingAttemptsPerMinute"] = "100"; // the concurrency test's 20 attempts are not rate limited
        _staff = _app.CreateSaiyoClient();
        await _staff.SignInAsync(Demo.RecruiterEmail);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task By_default_one_booking_per_event_the_my_page_offers_change_instead_and_a_second_attempt_changes_nothing()
    {
        var meeting = await _staff.CreateSelectionMeetingAsync("既定 一次面接");
        var ev = await _staff.AddEventAsync(meeting, "個別面接");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 4);
        var first = await _staff.CreateShownScheduleAsync(ev, day, "10:00", "10:30");
        var second = await _staff.CreateShownScheduleAsync(ev, day, "11:00", "11:30");
        Assert.Equal("PerEvent", (await _staff.GetAsync($"/SelectionMeetings/Events/{ev}")).Document
            .QuerySelector("input[name='Input.BookingLimit'][checked]")!.GetAttribute("value"));
        var (applicant, link) = await ApplicantAsync("佐々木 蓮", "ren.rules@example.test", meeting);

        var booked = await applicant.BookAsync(link, first);
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        Assert.Single(booked.Document.QuerySelectorAll("[data-booking-id]"));
        var booking = booked.Document.QuerySelector("[data-booking-id]")!;
        Assert.NotNull(booking.QuerySelector("form.change button"));
        Assert.NotNull(booking.QuerySelector("form.cancel button"));
        Assert.Null(booked.Document.QuerySelector($"tr[data-schedule-id='{second}']")); // no 予約する for the event's other slot
        Assert.Contains("ご予約の日程を変えるには「変更」をご利用ください", booked.Text);

        var again = await applicant.BookAsync(link, second);
        Assert.Equal((HttpStatusCode.Conflict, "limitreached"), (again.Status, ApplicantSetup.Outcome(again)));
        Assert.Contains("予約できる数の上限に達しているため、予約できませんでした", again.Text);
        Assert.Empty(await ActiveBookingsAsync(second));
        Assert.Single(await ActiveBookingsAsync(first));

        // Staff booking on the applicant's behalf is held to the same rule, with the same message.
        var proxy = await _staff.SubmitAsync($"/SelectionMeetings/Schedules/{second}/Bookings", formSelector: "form.proxy");
        Assert.Contains("予約できる数の上限に達しているため", proxy.Text);
        Assert.Empty(await ActiveBookingsAsync(second));

        // A confirmation step for a booking that is not the applicant's is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"{link}?handler=Cancel&bookingId={Guid.NewGuid()}")).Status);

        // After a cancel the event is open again.
        Assert.Equal("cancelled", ApplicantSetup.Outcome(await applicant.PostRawAsync(link + "?handler=Cancel", [new("bookingId", booking.GetAttribute("data-booking-id")!)])));
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, second)));
    }

    [Fact]
    public async Task One_per_selection_meeting_covers_its_other_events_and_no_limit_allows_several()
    {
        var meeting = await _staff.CreateSelectionMeetingAsync("選考会単位 説明会");
        var morning = await _staff.AddEventAsync(meeting, "午前の部");
        var evening = await _staff.AddEventAsync(meeting, "午後の部");
        await SetLimitAsync(morning, "PerSelectionMeeting");
        await SetLimitAsync(evening, "PerSelectionMeeting");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 5);
        var a = await _staff.CreateShownScheduleAsync(morning, day, "10:00", "11:00");
        var b = await _staff.CreateShownScheduleAsync(evening, day, "15:00", "16:00");
        var (applicant, link) = await ApplicantAsync("Emma Clark", "emma.rules@example.test", meeting, "en");

        var booked = await applicant.BookAsync(link, a);
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        Assert.Null(booked.Document.QuerySelector($"tr[data-schedule-id='{b}']"));
        var refused = await applicant.BookAsync(link, b);
        Assert.Equal((HttpStatusCode.Conflict, "limitreached"), (refused.Status, ApplicantSetup.Outcome(refused)));
        Assert.Contains("you already hold as many bookings as this event allows", refused.Text);
        Assert.Empty(await ActiveBookingsAsync(b));

        // 制限なし on both: a second slot of the same event is bookable and offered.
        await SetLimitAsync(morning, "None");
        await SetLimitAsync(evening, "None");
        var a2 = await _staff.CreateShownScheduleAsync(morning, day, "11:00", "12:00");
        var page = await applicant.GetAsync(link);
        Assert.NotNull(page.Document.QuerySelector($"tr[data-schedule-id='{a2}'] button"));
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, a2)));
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, b)));
        Assert.Equal(3, (await applicant.GetAsync(link)).Document.QuerySelectorAll("[data-booking-id]").Length);

        // A value that is not a choice is refused with a message and saves nothing.
        var form = await _staff.GetAsync($"/SelectionMeetings/Events/{morning}");
        var bad = await _staff.SubmitAsync(form, new Dictionary<string, string> { ["Input.BookingLimit"] = "7" });
        Assert.Contains("「7」は正しい値ではありません", bad.Document.QuerySelector("fieldset.booking-limit")!.TextContent);
        Assert.Equal("None", (await _staff.GetAsync($"/SelectionMeetings/Events/{morning}")).Document
            .QuerySelector("input[name='Input.BookingLimit'][checked]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Twenty_parallel_attempts_by_one_applicant_on_twenty_slots_make_exactly_one_booking()
    {
        var meeting = await _staff.CreateSelectionMeetingAsync("同時 一次面接");
        var ev = await _staff.AddEventAsync(meeting, "個別面接");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 6);
        var slots = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var start = new TimeOnly(9, 0).AddMinutes(20 * i);
            slots.Add(await _staff.CreateShownScheduleAsync(ev, day, start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                start.AddMinutes(15).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        }
        var (_, link) = await ApplicantAsync("並列 太郎", "taro.parallel@example.test", meeting);

        var outcomes = await AllAtOnceAsync(link, slots);
        Assert.True(outcomes.GetValueOrDefault("booked") == 1 && outcomes.GetValueOrDefault("limitreached") == 19,
            string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
        Assert.Single((await _app.CreateSaiyoClient().GetAsync(link)).Document.QuerySelectorAll("[data-booking-id]"));
        var held = 0;
        foreach (var slot in slots)
        {
            var bookings = await _staff.GetAsync($"/SelectionMeetings/Schedules/{slot}/Bookings");
            held += int.Parse(bookings.Document.QuerySelector(".booked-count")!.GetAttribute("data-booked")!, System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Equal(1, held); // no seat counted for a refused attempt
    }

    // Capacity 1: the attempts that lose the race lose the last seat to the applicant's own booking: 予約済み, not 満席.
    [Theory]
    [InlineData(30)]
    [InlineData(1)]
    public async Task Twenty_parallel_attempts_by_one_applicant_on_one_slot_without_a_limit_make_one_booking_take_one_seat_and_answer_already_booked(int capacity)
    {
        var meeting = await _staff.CreateSelectionMeetingAsync("同時 同一日程");
        var ev = await _staff.AddEventAsync(meeting, "個別面接");
        await SetLimitAsync(ev, "None"); // only the (applicant, 日程) unique index (and with capacity 1 the seat) stands between the attempts
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 7);
        var created = await _staff.CreateScheduleAsync(ev, day, "10:00", "10:30", capacity: capacity, acceptWarnings: true);
        var slot = SelectionSetup.ScheduleId(created, day, "10:00", "10:30");
        var (_, link) = await ApplicantAsync("重複 花子", "hanako.twice@example.test", meeting);

        var outcomes = await AllAtOnceAsync(link, Enumerable.Repeat(slot, 20));
        Assert.True(outcomes.GetValueOrDefault("booked") == 1 && outcomes.GetValueOrDefault("alreadybooked") == 19,
            string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
        var bookings = await _staff.GetAsync($"/SelectionMeetings/Schedules/{slot}/Bookings");
        // A refused insert took no seat: the seat's UPDATE and the booking are one (statement or transaction).
        Assert.Equal("1", bookings.Document.QuerySelector(".booked-count")!.GetAttribute("data-booked"));
    }

    /// <summary>One booking attempt per slot, each from its own connection, released together; the answers counted by outcome.</summary>
    private async Task<Dictionary<string, int>> AllAtOnceAsync(string link, IEnumerable<Guid> slots)
    {
        using var go = new ManualResetEventSlim(false);
        var attempts = slots.Select(slot => Task.Run(async () =>
        {
            var client = _app.CreateSaiyoClient();
            go.Wait();
            return await client.BookAsync(link, slot);
        })).ToList();
        go.Set();
        var answers = await Task.WhenAll(attempts);
        return answers.GroupBy(ApplicantSetup.Outcome).ToDictionary(g => g.Key ?? "(none)", g => g.Count());
    }

    private async Task SetLimitAsync(Guid eventId, string limit)
    {
        var form = await _staff.GetAsync($"/SelectionMeetings/Events/{eventId}");
        var saved = await _staff.SubmitAsync(form, new Dictionary<string, string> { ["Input.BookingLimit"] = limit });
        Assert.True(saved.Path.EndsWith("/Schedules", StringComparison.Ordinal), string.Join(" | ", saved.Errors));
    }

    private async Task<(SaiyoClient Applicant, string Link)> ApplicantAsync(string name, string email, Guid meeting, string language = "ja")
    {
        var id = await _staff.CreateApplicantAsync(name, email, language);
        await _staff.InviteAsync(id, meeting);
        return (_app.CreateSaiyoClient(), await _staff.SendMyPageLinkAsync(id));
    }

    private async Task<List<AngleSharp.Dom.IElement>> ActiveBookingsAsync(Guid schedule) =>
        [.. (await _staff.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings")).Document.QuerySelectorAll("tr[data-state='Active']")];
}
