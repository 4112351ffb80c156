using System.Diagnostics;
using System.Net;
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
public static partial class Rush
{
    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+/j/\S+")]
    private static partial System.Text.RegularExpressions.Regex JoinUrlRegex();

    public sealed record Arranged(Guid MeetingId, List<Guid> ScheduleIds, List<(Guid Id, string Token)> Applicants);

    /// <param name="zoomHost">A Zoom user id: the event issues a meeting per 日程 on that host, with personal join links.</param>
    public static async Task<Arranged> ArrangeAsync(SaiyoRun run, string name, int applicants, int seats, int slots, string? zoomHost = null)
    {
        var now = DateTime.UtcNow;
        var meeting = new SelectionMeeting { CompanyId = run.CompanyId, Name = name, CreatedAtUtc = now };
        var ev = new InterviewEvent
        {
            CompanyId = run.CompanyId, SelectionMeetingId = meeting.Id, Name = name + " 説明会", DefaultCapacity = seats / slots,
            BookingDeadlineMinutes = 0, CancellationDeadlineMinutes = 0, CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        if (zoomHost is not null)
        {
            ev.VideoProvider = Saiyo.Data.Integrations.VideoProvider.Zoom;
            ev.HostExternalUserId = zoomHost;
            ev.HostDisplayName = zoomHost;
            ev.PersonalJoinLinks = true;
        }
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
            // Saved as the 日程 page saves a shown 日程: its meeting is wanted, and the meeting worker issues it.
            if (zoomHost is not null) foreach (var s in schedules) Saiyo.Web.Meetings.MeetingPlan.Touch(db, s, ev, now);
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
        await RushAsync(o, run, result, "rush", warm, rush);

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
        if (bareErrors != 0) result.Failures.Add($"bare booking transaction: {bareErrors} errors");
        if (bareBooked != Math.Min(o.Seats, o.Applicants)) result.Failures.Add($"bare booking transaction: booked {bareBooked} of {Math.Min(o.Seats, o.Applicants)} seats");
    }

    /// <summary>The season's database, before any rush (100,000 applicants, 10,000 日程 by default): the my page readers are its applicants.</summary>
    public static async Task SeedPopulationAsync(BenchOptions o, SaiyoRun run, DbResult result)
    {
        if (o.PopulationApplicants <= 0) return;
        var seeded = await Population.SeedAsync(run, o.PopulationApplicants, o.PopulationSchedules);
        (result.PopulationApplicants, result.PopulationInvitations, result.PopulationSchedules, result.PopulationSeconds) = (seeded.Applicants, seeded.Invitations, seeded.Schedules, seeded.Seconds);
        result.Readers = seeded.Tokens;
        Console.WriteLine($"   population: {seeded.Applicants} applicants ({seeded.Invitations} invitations), {seeded.Schedules} 日程 in {seeded.Meetings} 選考会, seeded in {seeded.Seconds:F1} s");
    }

    /// <summary>
    /// The same rush on an event with personal join links (issue 16 point 2): Zoom linked through the sandbox's pages (unless
    /// the issuance part did), one licensed host, a meeting issued per 日程 by the meeting worker before the rush; each booking
    /// registers the applicant at the sandbox. Every booked applicant must get exactly one mail, whose join URL is their own
    /// registrant link, never the meeting's shared one.
    /// </summary>
    public static async Task RunPersonalAsync(BenchOptions o, SaiyoRun run, DbResult result)
    {
        var personal = result.Personal = new DbResult(result.Database);
        Console.WriteLine($"-- booking rush with personal join links: {o.Applicants} applicants, {o.Seats} seats on {o.Slots} schedules, {o.Concurrency} connections");
        using var control = new HttpClient();
        var state = System.Text.Json.Nodes.JsonNode.Parse(await control.GetStringAsync($"{run.BaseUrl}/zoom-sandbox/_sandbox/state"))!;
        var host = state["users"]!.AsArray().Where(u => (string?)u!["account_id"] == "sbxAcctSandboxCorp01" && (int)u["type"]! == 2).Select(u => (string)u!["id"]!).First();
        if (!await run.DbAsync(db => db.VideoLinkages.AnyAsync(l => l.CompanyId == run.CompanyId && l.Status == Saiyo.Data.Integrations.LinkageStatus.Linked)))
        {
            using var admin = await run.SignInAdminAsync();
            await Issuance.LinkZoomAsync(run, admin);
        }
        var warm = await ArrangeAsync(run, "PersonalWarm", 50, 20, 2, host);
        var rush = await ArrangeAsync(run, "Personal", o.Applicants, o.Seats, o.Slots, host);
        var ids = warm.ScheduleIds.Concat(rush.ScheduleIds).ToList();
        var clock = Stopwatch.StartNew();
        while (await run.DbAsync(db => db.Schedules.CountAsync(s => ids.Contains(s.Id) && s.Meeting.State != MeetingState.Issued)) is var left and > 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(o.IssuanceTimeoutSeconds))
            {
                personal.Failures.Add($"{left} 日程 without an issued meeting after {clock.Elapsed.TotalSeconds:F0} s");
                result.Failures.Add("personal-link rush: meetings not issued");
                return;
            }
            await Task.Delay(250);
        }
        Console.WriteLine($"   {ids.Count} meetings issued in {clock.Elapsed.TotalSeconds:F1} s");
        personal.Readers = result.Readers;
        await RushAsync(o, run, personal, "personal", warm, rush);
        var shared = await run.DbAsync(db => db.Schedules.AsNoTracking().Where(s => rush.ScheduleIds.Contains(s.Id)).Select(s => s.Meeting.JoinUrl).ToListAsync());
        personal.SharedUrlMails = personal.MailedJoinUrls.Count(u => shared.Contains(u));
        personal.MailsWithoutUrl = personal.MailsToBooked - personal.MailedJoinUrls.Count;
        Console.WriteLine($"   mailed join URLs: {personal.MailedJoinUrls.Count} personal of {personal.MailsToBooked} mails, {personal.SharedUrlMails} the meeting's shared URL, {personal.MailsWithoutUrl} without a URL");
        if (personal.SharedUrlMails != 0) personal.Failures.Add($"{personal.SharedUrlMails} mails with the shared join URL");
        if (personal.MailsWithoutUrl != 0) personal.Failures.Add($"{personal.MailsWithoutUrl} booking mails without a join URL");
        result.Failures.AddRange(personal.Failures.Select(f => "personal-link rush: " + f));
    }

    /// <summary>One rush: warm-up on <paramref name="warm"/>, then every applicant of <paramref name="rush"/> books once while others read their マイページ.</summary>
    private static async Task RushAsync(BenchOptions o, SaiyoRun run, DbResult result, string name, Arranged warm, Arranged rush)
    {
        var readers = result.Readers.Count > 0 ? result.Readers : [.. warm.Applicants.Select(x => x.Token)];
        using var client = LoadGenerator.Client(o.Concurrency);
        HttpRequestMessage Book(Arranged a, int i) => new(HttpMethod.Post, $"{run.BaseUrl}/my/{a.Applicants[i].Token}?handler=Book")
        {
            Content = new FormUrlEncodedContent([new("scheduleId", a.ScheduleIds[i % a.ScheduleIds.Count].ToString())]),
        };
        // A booking redirects (303, Post/Redirect/Get; the client does not follow); 満席 answers 409 at once.
        var answers = new HashSet<int> { 303, 409 };
        await LoadGenerator.RunAsync(client, warm.Applicants.Count, o.Concurrency, i => Book(warm, i), answers); // JIT, pools
        if (o.MyPageAloneSeconds > 0)
        {
            // The page's own cost: the same GETs with no rush beside them (attach dotnet-trace to this pid meanwhile).
            Console.WriteLine($"   my page alone for {o.MyPageAloneSeconds} s (Saiyo pid {run.Web.Id})");
            using var alone = new CancellationTokenSource(TimeSpan.FromSeconds(o.MyPageAloneSeconds));
            result.MyPageAlone = await MyPageWhileAsync(run.BaseUrl, readers, o.MyPageConnections, alone.Token);
            Console.WriteLine($"   my page alone: {result.MyPageAlone.RequestsPerSecond:F0} GET/s, p50 {result.MyPageAlone.P(50):F0} ms p99 {result.MyPageAlone.P(99):F0} ms, errors {result.MyPageAlone.Errors}");
        }

        // While the rush runs: applicants open their マイページ (GET, other connections), and the web process's memory is sampled.
        using var stopReaders = new CancellationTokenSource();
        var reading = MyPageWhileAsync(run.BaseUrl, readers, o.MyPageConnections, stopReaders.Token);
        var memory = PeakWorkingSetWhileAsync(run, stopReaders.Token);
        var (load, doneAt, status) = await LoadGenerator.RunAsync(client, rush.Applicants.Count, o.Concurrency, i => Book(rush, i), answers);
        await stopReaders.CancelAsync();
        result.MyPage = await reading;
        result.PeakWorkingSetMb = await memory;
        Console.WriteLine($"   my page during the rush: {result.MyPage.RequestsPerSecond:F0} GET/s, p50 {result.MyPage.P(50):F0} ms p99 {result.MyPage.P(99):F0} ms, errors {result.MyPage.Errors}; peak working set {result.PeakWorkingSetMb:F0} MB");
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
        await CountMailsAsync(run, name, booked.Select(i => i).ToList(), result);
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
                catch (Exception ex)
                {
                    // The first error is printed: a bare ceiling that only counts errors hides why.
                    if (Interlocked.Increment(ref errors) == 1) Console.WriteLine($"   first error: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        return (clock.Elapsed.TotalSeconds, booked, errors);
    }

    /// <summary>netDumbster copies its list of mails without a lock: a mail arriving during the copy can make it throw; read again.</summary>
    private static netDumbster.smtp.SmtpMessage[] Snapshot(netDumbster.smtp.SimpleSmtpServer smtp)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return smtp.ReceivedEmail; }
            catch (Exception e) when (attempt < 20 && e is IndexOutOfRangeException or ArgumentException or InvalidOperationException) { }
        }
    }

    /// <summary>
    /// Every booked applicant gets exactly one mail, counted at the SMTP server (bounded wait for the dispatcher: the mails
    /// are rendered after the booking's commit); none reaches an applicant who got 満席.
    /// </summary>
    private static async Task CountMailsAsync(SaiyoRun run, string name, List<int> bookedIndexes, DbResult result)
    {
        string Address(int i) => $"{name}{i}@bench.saiyo.test";
        var wanted = bookedIndexes.Select(Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // "rush12@" but not "rushwarm3@": the name followed by a digit.
        bool Ours(string to) => to.StartsWith(name, StringComparison.OrdinalIgnoreCase) && to.Length > name.Length && char.IsAsciiDigit(to[name.Length]);
        Dictionary<string, int> Received() => Snapshot(run.Smtp)
            .SelectMany(m => m.ToAddresses.Select(t => t.Address))
            .Where(Ours)
            .GroupBy(t => t, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var clock = Stopwatch.StartNew();
        var received = Received();
        while (received.Count(kv => wanted.Contains(kv.Key)) < wanted.Count && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(250);
            received = Received();
        }
        result.MailsSeconds = clock.Elapsed.TotalSeconds;
        // Then until no mail came for 15 s (bounded): a second mail (e.g. 「参加URLのご案内」 after "the link follows") counts too.
        var (total, quietSince) = (received.Values.Sum(), clock.Elapsed);
        while (clock.Elapsed - quietSince < TimeSpan.FromSeconds(15) && clock.Elapsed < TimeSpan.FromMinutes(6))
        {
            await Task.Delay(500);
            received = Received();
            if (received.Values.Sum() != total) (total, quietSince) = (received.Values.Sum(), clock.Elapsed);
        }
        result.MailsToBooked = received.Where(kv => wanted.Contains(kv.Key)).Sum(kv => kv.Value);
        result.BookedWithoutMail = wanted.Count(w => !received.ContainsKey(w));
        result.BookedWithSeveralMails = received.Count(kv => wanted.Contains(kv.Key) && kv.Value > 1);
        result.MailsToOthers = received.Where(kv => !wanted.Contains(kv.Key)).Sum(kv => kv.Value);
        // The join URLs the booked applicants were mailed (the sandbox's join links), for the personal-link check.
        result.MailedJoinUrls = [.. Snapshot(run.Smtp).Where(m => m.ToAddresses.Any(t => wanted.Contains(t.Address)))
            .Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).TextBody ?? "")
            .Select(body => JoinUrlRegex().Match(body)).Where(x => x.Success).Select(x => x.Value)];
        Console.WriteLine($"   mails at the SMTP server: {result.MailsToBooked} to {wanted.Count} booked applicants ({result.BookedWithoutMail} without, {result.BookedWithSeveralMails} with several), {result.MailsToOthers} to others, the first to each within {result.MailsSeconds:F1} s, none after {quietSince.TotalSeconds:F1} s");
        if (result.BookedWithoutMail != 0 || result.BookedWithSeveralMails != 0 || result.MailsToOthers != 0)
            result.Failures.Add($"mails: {result.BookedWithoutMail} booked without, {result.BookedWithSeveralMails} with several, {result.MailsToOthers} to others");
    }

    /// <summary>Closed-loop GETs of applicants' マイページ until <paramref name="stop"/>.</summary>
    public static async Task<LoadResult> MyPageWhileAsync(string baseUrl, IReadOnlyList<string> tokens, int connections, CancellationToken stop)
    {
        using var client = LoadGenerator.Client(connections);
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            while (!stop.IsCancellationRequested)
            {
                // Spread over the whole population (a prime stride), as ten thousand students open their own pages.
                var i = (int)((Interlocked.Increment(ref next) * 7919L) % tokens.Count);
                var start = clock.Elapsed.TotalMilliseconds;
                try
                {
                    using var resp = await client.GetAsync($"{baseUrl}/my/{tokens[i]}", CancellationToken.None);
                    _ = await resp.Content.ReadAsByteArrayAsync(CancellationToken.None);
                    if (resp.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                latencies.Add(clock.Elapsed.TotalMilliseconds - start);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(Worker)));
        var all = latencies.ToArray();
        return new LoadResult { Requests = all.Length, Seconds = clock.Elapsed.TotalSeconds, LatenciesMs = all, Errors = errors };
    }

    /// <summary>The Saiyo process's largest working set (sampled every 50 ms) until <paramref name="stop"/>, in MB.</summary>
    private static async Task<double> PeakWorkingSetWhileAsync(SaiyoRun run, CancellationToken stop)
    {
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            run.Web.Refresh();
            peak = Math.Max(peak, run.Web.WorkingSet64);
            try { await Task.Delay(50, stop); } catch (OperationCanceledException) { }
        }
        return peak / 1024.0 / 1024.0;
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
