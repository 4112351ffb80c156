using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;

namespace Saiyo.Bench;

/// <summary>
/// Booking rush: N applicants (each with their own マイページ link, the real credential) POST 「予約」 on the real endpoint
/// for M seats spread over S schedules; then the bare booking transaction (BookingService, no HTTP) with the same N/M mix.
/// Data (選考会, event, schedules, applicants with tokens and invitations) is inserted directly (as the applicants page would
/// store it), so the rush itself is the only thing timed.
/// </summary>
public static class Rush
{
    public sealed record Arranged(Guid MeetingId, List<Guid> ScheduleIds, List<(Guid Id, string Token)> Applicants);

    public static async Task<Arranged> ArrangeAsync(SaiyoRun run, string name, int applicants, int seats, int slots)
    {
        var now = DateTime.UtcNow;
        var meeting = new SelectionMeeting { CompanyId = run.CompanyId, Name = name, CreatedAtUtc = now };
        var ev = new InterviewEvent
        {
            CompanyId = run.CompanyId, SelectionMeetingId = meeting.Id, Name = name + " 説明会", DefaultCapacity = seats / slots,
            BookingDeadlineMinutes = 0, CancellationDeadlineMinutes = 0, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        var schedules = Enumerable.Range(0, slots).Select(i => new Schedule
        {
            CompanyId = run.CompanyId, EventId = ev.Id, StartUtc = now.Date.AddDays(7).AddHours(i), EndUtc = now.Date.AddDays(7).AddHours(i + 1),
            Capacity = seats / slots + (i < seats % slots ? 1 : 0), Shown = true, CreatedAtUtc = now,
        }).ToList();
        var people = new List<(Guid, string)>();
        await run.DbAsync(async db =>
        {
            db.SelectionMeetings.Add(meeting);
            db.InterviewEvents.Add(ev);
            db.Schedules.AddRange(schedules);
            await db.SaveChangesAsync();
            return 0;
        });
        for (var start = 0; start < applicants; start += 2000)
        {
            await run.DbAsync(async db =>
            {
                for (var i = start; i < Math.Min(applicants, start + 2000); i++)
                {
                    var (token, hash) = MyPageTokens.Create();
                    var a = new Applicant
                    {
                        CompanyId = run.CompanyId, Name = $"応募者 {name} {i}", Email = $"{name.ToLowerInvariant()}{i}@bench.saiyo.test",
                        MyPageTokenHash = hash, MyPageIssuedAtUtc = now, CreatedAtUtc = now, UpdatedAtUtc = now,
                    };
                    db.Applicants.Add(a);
                    db.ApplicantInvitations.Add(new ApplicantInvitation { CompanyId = run.CompanyId, ApplicantId = a.Id, SelectionMeetingId = meeting.Id, CreatedAtUtc = now });
                    people.Add((a.Id, token));
                }
                await db.SaveChangesAsync();
                return 0;
            });
        }
        return new Arranged(meeting.Id, schedules.Select(s => s.Id).ToList(), people);
    }

    public static async Task RunAsync(BenchOptions o, SaiyoRun run, DbResult result)
    {
        Console.WriteLine($"-- booking rush: {o.Applicants} applicants, {o.Seats} seats on {o.Slots} schedules, {o.Concurrency} connections");
        var warm = await ArrangeAsync(run, "Warm", 200, 100, 2);
        var rush = await ArrangeAsync(run, "Rush", o.Applicants, o.Seats, o.Slots);
        using var client = LoadGenerator.Client(o.Concurrency);
        HttpRequestMessage Book(Arranged a, int i) => new(HttpMethod.Post, $"{run.BaseUrl}/my/{a.Applicants[i].Token}?handler=Book")
        {
            Content = new FormUrlEncodedContent([new("scheduleId", a.ScheduleIds[i % a.ScheduleIds.Count].ToString())]),
        };
        // A booking redirects (303, Post/Redirect/Get; the client does not follow); 満席 answers 409 at once.
        var answers = new HashSet<int> { 303, 409 };
        await LoadGenerator.RunAsync(client, warm.Applicants.Count, o.Concurrency, i => Book(warm, i), answers); // JIT, pools

        var (load, doneAt, status) = await LoadGenerator.RunAsync(client, rush.Applicants.Count, o.Concurrency, i => Book(rush, i), answers);
        var booked = Enumerable.Range(0, status.Length).Where(i => status[i] == 303).ToList();
        var lastBooked = booked.Count == 0 ? load.Seconds : booked.Max(i => doneAt[i]);
        result.Rush = load;
        result.RushBooked = booked.Count;
        result.RushBookingsPerSecond = booked.Count / lastBooked;
        (result.Overbooked, result.LostBookings, result.RushCounterMismatch) = await VerifyAsync(run, rush, booked.Select(i => rush.Applicants[i].Id).ToHashSet());
        Console.WriteLine($"   {load.RequestsPerSecond:F0} attempts/s, {result.RushBookingsPerSecond:F0} bookings/s, booked {booked.Count}/{o.Seats}, p50 {load.P(50):F0} ms p95 {load.P(95):F0} ms p99 {load.P(99):F0} ms, errors {load.Errors}, overbooked {result.Overbooked}, lost {result.LostBookings}");
        if (result.Overbooked != 0) result.Failures.Add($"overbooked {result.Overbooked}");
        if (result.LostBookings != 0) result.Failures.Add($"lost bookings {result.LostBookings}");
        if (booked.Count != Math.Min(o.Seats, o.Applicants)) result.Failures.Add($"booked {booked.Count} of {Math.Min(o.Seats, o.Applicants)} seats");

        // Ceiling 2: the bare booking transaction, the endpoint's code path (token → applicant, BookingService.BookAsync) without HTTP.
        Console.WriteLine("-- ceiling: bare booking transaction (BookingService, no HTTP)");
        var bareWarm = await ArrangeAsync(run, "BareWarm", 200, 100, 2);
        await BareAsync(run, bareWarm, o.Concurrency);
        var bare = await ArrangeAsync(run, "Bare", o.Applicants, o.Seats, o.Slots);
        var (bareSeconds, bareBooked, bareErrors) = await BareAsync(run, bare, o.Concurrency);
        result.BareTransactionsPerSecond = bare.Applicants.Count / bareSeconds;
        result.BareBooked = bareBooked;
        result.BareErrors = bareErrors;
        Console.WriteLine($"   {result.BareTransactionsPerSecond:F0} transactions/s (booked {bareBooked}, errors {bareErrors})");
    }

    private static async Task<(double Seconds, int Booked, int Errors)> BareAsync(SaiyoRun run, Arranged a, int concurrency)
    {
        var next = -1;
        var booked = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < a.Applicants.Count)
            {
                try
                {
                    await using var scope = run.Services.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
                    var hash = MyPageTokens.Hash(a.Applicants[i].Token);
                    var applicant = await db.Applicants.FirstAsync(x => x.MyPageTokenHash == hash);
                    var r = await scope.ServiceProvider.GetRequiredService<BookingService>()
                        .BookAsync(applicant, a.ScheduleIds[i % a.ScheduleIds.Count], byStaff: false, CancellationToken.None);
                    if (r.Outcome == BookingOutcome.Booked) Interlocked.Increment(ref booked);
                    else if (r.Outcome != BookingOutcome.Full) Interlocked.Increment(ref errors);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        return (clock.Elapsed.TotalSeconds, booked, errors);
    }

    /// <summary>Overbooking: active bookings beyond capacity; lost: a 303 (booked) without its row or a row without its 303.</summary>
    private static async Task<(int Overbooked, int Lost, int CounterMismatch)> VerifyAsync(SaiyoRun run, Arranged a, HashSet<Guid> answeredBooked)
    {
        return await run.DbAsync(async db =>
        {
            var schedules = await db.Schedules.AsNoTracking().Where(s => a.ScheduleIds.Contains(s.Id)).ToListAsync();
            var rows = await db.Bookings.AsNoTracking().Where(b => a.ScheduleIds.Contains(b.ScheduleId) && b.State == BookingState.Active)
                .Select(b => new { b.ScheduleId, b.ApplicantId }).ToListAsync();
            var overbooked = schedules.Sum(s => Math.Max(0, rows.Count(r => r.ScheduleId == s.Id) - s.Capacity));
            var stored = rows.Select(r => r.ApplicantId).ToHashSet();
            var lost = answeredBooked.Count(id => !stored.Contains(id)) + stored.Count(id => !answeredBooked.Contains(id));
            var mismatch = schedules.Count(s => s.BookedCount != rows.Count(r => r.ScheduleId == s.Id));
            return (overbooked, lost, mismatch);
        });
    }
}
