using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// 予約動作設定 「同時刻の日程をまとめて表示する」: parallel 日程 (「同時に開催する枠数」) are one slot on the マイページ with their
/// seats added up; booking it takes a seat on one of them that still has one, also when the 日程 the page offered filled
/// meanwhile; only when all are full the answer is 満席. 変更 to a merged slot works the same. Off (the default), applicants
/// see each 日程, and staff always do. Two nodes on one database, SQLite and PostgreSQL.
/// </summary>
public sealed class ParallelSlotBookingTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SaiyoAppFactory _nodeA = null!;
    private SaiyoAppFactory _nodeB = null!;
    private SaiyoClient _staff = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _nodeA = new SaiyoAppFactory(_db);
        _nodeA.Settings["Applicants:BookingAttemptsPerMinute"] = "100";
        _ = _nodeA.Server;
        _nodeB = new SaiyoAppFactory(_db);
        _nodeB.Settings["Applicants:BookingAttemptsPerMinute"] = "100";
        _ = _nodeB.Server;
        _staff = _nodeA.CreateSaiyoClient();
        await _staff.SignInAsync(Demo.RecruiterEmail);
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_merged_slot_shows_the_total_seats_books_any_parallel_schedule_with_a_seat_and_is_full_only_when_all_are()
    {
        var meeting = await _staff.CreateSelectionMeetingAsync("並行 一次面接");
        var ev = await _staff.AddEventAsync(meeting, "個別面接");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 4);
        var ten = await CreateParallelAsync(ev, day, "10:00", "10:30", parallel: 3);
        var eleven = await CreateParallelAsync(ev, day, "11:00", "11:30", parallel: 1);
        var (amy, amyLink) = await ApplicantAsync("青木 亜美", "amy.parallel@example.test", meeting);

        // Off (the default): each 日程 is a row of its own.
        var separate = await amy.GetAsync(amyLink);
        Assert.Equal(3, ten.Count(id => separate.Document.QuerySelector($"tr[data-schedule-id='{id}']") is not null));
        Assert.Empty(separate.Document.QuerySelectorAll("tr.merged"));

        await SetMergeAsync(ev, true);
        Assert.NotNull((await _staff.GetAsync($"/SelectionMeetings/Events/{ev}")).Document.QuerySelector("input[name='Input.MergeParallelSlots'][type=checkbox][checked]"));
        var merged = await amy.GetAsync(amyLink);
        var row = Assert.Single(merged.Document.QuerySelectorAll("tr.merged"));
        Assert.Equal(ten.Order(), row.GetAttribute("data-members")!.Split(' ').Select(Guid.Parse).Order());
        Assert.Equal("3", row.QuerySelector("td.seats")!.TextContent.Trim());
        Assert.Contains(ApplicantSetup.ApplicantWhen(day, "10:00", "10:30", "ja"), row.TextContent);
        Assert.Equal(2, merged.Document.QuerySelectorAll("table.bookable tr[data-schedule-id]").Length); // 10:00 once, 11:00

        // The page's choice is booked; the 10:00 slot is no longer offered to this applicant.
        var offered = Guid.Parse(row.GetAttribute("data-schedule-id")!);
        var booked = await amy.BookAsync(amyLink, offered);
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        Assert.Null(booked.Document.QuerySelector("tr.merged"));
        Assert.Equal(1, await BookedAsync(offered));

        // Two applicants on the two nodes send the 日程 that page offered, now full: each gets a seat on another one.
        var (ben, benLink) = await ApplicantAsync("馬場 勉", "ben.parallel@example.test", meeting, node: _nodeB);
        Assert.Equal("2", (await ben.GetAsync(benLink)).Document.QuerySelector("tr.merged td.seats")!.TextContent.Trim());
        var (cho, choLink) = await ApplicantAsync("千葉 蝶", "cho.parallel@example.test", meeting);
        Assert.Equal("booked", ApplicantSetup.Outcome(await ben.BookAsync(benLink, offered)));
        Assert.Equal("booked", ApplicantSetup.Outcome(await cho.BookAsync(choLink, offered)));
        foreach (var id in ten) Assert.Equal(1, await BookedAsync(id)); // staff still see each 日程, one booking each

        // All three full: the merged row says 満席 without 予約する, and any of its 日程 answers 満席 and changes nothing.
        var (dai, daiLink) = await ApplicantAsync("堂本 大", "dai.parallel@example.test", meeting, node: _nodeB);
        var full = (await dai.GetAsync(daiLink)).Document.QuerySelector("tr.merged")!;
        Assert.Contains("満席", full.QuerySelector("td.seats")!.TextContent);
        Assert.Null(full.QuerySelector("button"));
        var refused = await dai.BookAsync(daiLink, ten[2]);
        Assert.Equal((HttpStatusCode.Conflict, "full"), (refused.Status, ApplicantSetup.Outcome(refused)));
        foreach (var id in ten) Assert.Equal(1, await BookedAsync(id));

        // 変更 to a merged slot: 11:00 → 13:00 (two parallel 日程, one taken meanwhile by the page's choice).
        var thirteen = await CreateParallelAsync(ev, day, "13:00", "13:30", parallel: 2);
        Assert.Equal("booked", ApplicantSetup.Outcome(await dai.BookAsync(daiLink, eleven[0])));
        var bookingId = (await dai.GetAsync(daiLink)).Document.QuerySelector("[data-booking-id]")!.GetAttribute("data-booking-id")!;
        var choose = await dai.GetAsync($"{daiLink}?handler=Change&bookingId={bookingId}");
        var radios = choose.Document.QuerySelectorAll("input[name=scheduleId]");
        var pick = Guid.Parse(Assert.Single(radios).GetAttribute("value")!); // 13:00 once
        Assert.Contains(pick, thirteen);
        var (eri, eriLink) = await ApplicantAsync("遠藤 絵里", "eri.parallel@example.test", meeting);
        Assert.Equal("booked", ApplicantSetup.Outcome(await eri.BookAsync(eriLink, pick)));
        var confirm = await dai.GetAsync($"{daiLink}?handler=Change&bookingId={bookingId}&scheduleId={pick}");
        Assert.Equal("confirmchange", confirm.Document.QuerySelector("[data-step]")!.GetAttribute("data-step"));
        var changed = await dai.PostRawAsync(daiLink + "?handler=Change", [new("bookingId", bookingId), new("scheduleId", pick.ToString())]);
        Assert.Equal("changed", ApplicantSetup.Outcome(changed));
        foreach (var id in thirteen) Assert.Equal(1, await BookedAsync(id));
        Assert.Equal(0, await BookedAsync(eleven[0]));
    }

    [Fact]
    public async Task A_rush_on_a_merged_slot_from_two_nodes_fills_every_parallel_schedule_exactly()
    {
        var meeting = await _staff.CreateSelectionMeetingAsync("並行 ラッシュ");
        var ev = await _staff.AddEventAsync(meeting, "集団面接");
        await SetMergeAsync(ev, true);
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 5);
        var slots = await CreateParallelAsync(ev, day, "15:00", "16:00", parallel: 3, capacity: 2);

        var links = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, 2, async (worker, _) =>
        {
            var client = (worker == 0 ? _nodeA : _nodeB).CreateSaiyoClient();
            await client.SignInAsync(Demo.RecruiterEmail);
            for (var i = worker * 8; i < (worker + 1) * 8; i++)
            {
                var id = await client.CreateApplicantAsync($"応募者 {i:D2}", $"rush.parallel{i:D2}@example.test");
                await client.InviteAsync(id, meeting);
                links.Add(await client.SendMyPageLinkAsync(id));
            }
        });
        // Every applicant sends the same 日程 (the one the page offers), half through each node, released together.
        var offered = Guid.Parse((await _nodeA.CreateSaiyoClient().GetAsync(links.First())).Document.QuerySelector("tr.merged")!.GetAttribute("data-schedule-id")!);
        var applicants = links.Select((l, i) => (Link: l, Client: (i % 2 == 0 ? _nodeA : _nodeB).CreateSaiyoClient())).ToList();
        using var go = new ManualResetEventSlim(false);
        var attempts = applicants.Select(a => Task.Run(async () =>
        {
            go.Wait();
            return await a.Client.BookAsync(a.Link, offered);
        })).ToList();
        go.Set();
        var answers = await Task.WhenAll(attempts);

        var outcomes = answers.GroupBy(ApplicantSetup.Outcome).ToDictionary(g => g.Key ?? "(none)", g => g.Count());
        Assert.True(outcomes.GetValueOrDefault("booked") == 6 && outcomes.GetValueOrDefault("full") == 10,
            string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
        foreach (var id in slots) Assert.Equal(2, await BookedAsync(id));
    }

    /// <summary>新規日程作成 with 「同時に開催する枠数」; returns the new 日程's ids.</summary>
    private async Task<List<Guid>> CreateParallelAsync(Guid ev, DateOnly day, string start, string end, int parallel, int capacity = 1)
    {
        var before = (await SettingsAsync(ev)).Document.QuerySelectorAll("tr[data-schedule-id]").Select(r => r.GetAttribute("data-schedule-id")!).ToHashSet();
        var page = await _staff.SubmitAsync($"/SelectionMeetings/Events/{ev}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.StartTime"] = start, ["Input.EndTime"] = end,
            ["Input.Capacity"] = capacity.ToString(CultureInfo.InvariantCulture), ["Input.Shown"] = "true", ["Input.AcceptWarnings"] = "true",
            ["Input.Parallel"] = parallel.ToString(CultureInfo.InvariantCulture),
        });
        Assert.True(page.Path.EndsWith("/Schedules", StringComparison.Ordinal), $"{page.Path}: {string.Join(" | ", page.Errors)}");
        var ids = page.Document.QuerySelectorAll("tr[data-schedule-id]").Select(r => r.GetAttribute("data-schedule-id")!).Where(id => !before.Contains(id)).Select(Guid.Parse).ToList();
        Assert.Equal(parallel, ids.Count);
        return ids;
    }

    private async Task<HtmlPage> SettingsAsync(Guid ev)
    {
        var form = await _staff.GetAsync($"/SelectionMeetings/Events/{ev}");
        var back = form.Document.QuerySelector("a.btn[href$='/Schedules']")?.GetAttribute("href");
        return await _staff.GetAsync(back ?? throw new InvalidOperationException("no link to 日程設定 on the イベント form"));
    }

    private async Task SetMergeAsync(Guid ev, bool on)
    {
        var form = await _staff.GetAsync($"/SelectionMeetings/Events/{ev}");
        var saved = await _staff.SubmitAsync(form, new Dictionary<string, string> { ["Input.MergeParallelSlots"] = on ? "true" : "false" });
        Assert.Empty(saved.Errors);
    }

    /// <summary>予約数 of one 日程 as staff see it on its 予約 page.</summary>
    private async Task<int> BookedAsync(Guid scheduleId)
    {
        var page = await _staff.GetAsync($"/SelectionMeetings/Schedules/{scheduleId}/Bookings");
        return int.Parse(page.Document.QuerySelector(".booked-count")!.GetAttribute("data-booked")!, CultureInfo.InvariantCulture);
    }

    private async Task<(SaiyoClient Applicant, string Link)> ApplicantAsync(string name, string email, Guid meeting, SaiyoAppFactory? node = null)
    {
        var id = await _staff.CreateApplicantAsync(name, email);
        await _staff.InviteAsync(id, meeting);
        return ((node ?? _nodeA).CreateSaiyoClient(), await _staff.SendMyPageLinkAsync(id));
    }
}
