using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Meetings;

namespace Saiyo.Bench;

/// <summary>
/// Issuance over a ホストプール: the demo admin links Zoom through the sandbox's own pages (sign-in, 「Allow」), H licensed
/// users (the sandbox's control API adds what the seed lacks) form the pool of one イベント, and K shown 日程 (H parallel
/// 日程 at each time) are saved at once as the 日程 pages save them (HostAssignment: a free host each, MeetingPlan.Touch).
/// The meeting workers of N Saiyo nodes on the one database (a second process on PostgreSQL) issue them against the sandbox,
/// which enforces Zoom's Pro limits (20 creates/s per account, 100/day/user) and counts its own 429 answers.
/// </summary>
public static class Issuance
{
    public const int DailyLimit = 100;
    public const int CreateLimitPerSecond = 20; // the sandbox's Pro limit of the Medium category (meeting create)

    public static async Task RunAsync(BenchOptions o, SaiyoRun run, DbResult result)
    {
        var nodes = o.IssuanceNodes ?? (run.Database == "sqlite" ? 1 : 2);
        result.IssuanceNodes = nodes;
        Console.WriteLine($"-- issuance: {o.Schedules} schedules over a pool of {o.Hosts} hosts, {nodes} node(s)");
        using var control = new HttpClient();
        var sandbox = $"{run.BaseUrl}/zoom-sandbox/_sandbox";
        async Task<JsonNode> StateAsync() => JsonNode.Parse(await control.GetStringAsync($"{sandbox}/state"))!;
        List<string> Licensed(JsonNode state) => [.. state["users"]!.AsArray()
            .Where(u => (string?)u!["account_id"] == "sbxAcctSandboxCorp01" && (int)u["type"]! == 2)
            .Select(u => (string)u!["id"]!)];
        for (var i = Licensed(await StateAsync()).Count; i < o.Hosts; i++)
        {
            using var added = await control.PostAsync($"{sandbox}/users", new StringContent($$"""{"email":"pool{{i + 1}}@bench.zoom.test"}""", Encoding.UTF8, "application/json"));
            if (!added.IsSuccessStatusCode) throw new InvalidOperationException("sandbox user not added: " + await added.Content.ReadAsStringAsync());
        }
        var hosts = Licensed(await StateAsync()).Take(o.Hosts).ToList();
        // Linked after the users were added, so that Saiyo's user list (「Zoomユーザ選択」) has them all.
        using var admin = await run.SignInAdminAsync();
        await LinkZoomAsync(run, admin);

        await using var second = nodes > 1 ? await run.StartNodeAsync(2) : null;
        var before = await StateAsync();

        var now = DateTime.UtcNow;
        var meeting = new SelectionMeeting { CompanyId = run.CompanyId, Name = "Issuance", CreatedAtUtc = now };
        var ev = new InterviewEvent
        {
            CompanyId = run.CompanyId, SelectionMeetingId = meeting.Id, Name = "Web面接 プール", VideoProvider = VideoProvider.Zoom,
            HostMode = HostMode.Pool, DefaultCapacity = 1, CreatedAtUtc = now, UpdatedAtUtc = now,
            PoolHosts = [.. hosts.Select(h => new EventPoolHost { CompanyId = run.CompanyId, ExternalUserId = h, DisplayName = h })],
        };
        await run.DbAsync(async db =>
        {
            db.SelectionMeetings.Add(meeting);
            db.InterviewEvents.Add(ev);
            return await db.SaveChangesAsync();
        });

        var clock = Stopwatch.StartNew();
        var published = DateTime.UtcNow;
        var ids = await run.DbAsync(async db =>
        {
            var tracked = await db.InterviewEvents.Include(e => e.PoolHosts).FirstAsync(e => e.Id == ev.Id);
            var batch = Enumerable.Range(0, o.Schedules).Select(i =>
            {
                // H parallel 日程 at each time, 30 minutes apart, from 00:00 UTC the day after tomorrow.
                var start = now.Date.AddDays(2).AddMinutes(30 * (i / hosts.Count));
                return new Schedule { CompanyId = run.CompanyId, EventId = ev.Id, StartUtc = start, EndUtc = start.AddMinutes(30), Capacity = 1, Shown = true, CreatedAtUtc = published };
            }).ToList();
            db.Schedules.AddRange(batch);
            var refusals = await HostAssignment.SaveAsync(db, tracked, batch, published, DailyLimit,
                () => { foreach (var s in batch) MeetingPlan.Touch(db, s, tracked, published); }, CancellationToken.None);
            if (refusals is { Count: > 0 }) throw new InvalidOperationException($"{refusals.Count} 日程 got no host from the pool");
            return batch.Select(s => s.Id).ToList();
        });
        var expectedIssued = Math.Min(o.Schedules, hosts.Count * DailyLimit);

        // Done when every 日程 has left 発行待ち (issued, or waiting for tomorrow's quota, or failed).
        List<Schedule> rows;
        while (true)
        {
            rows = await run.DbAsync(db => db.Schedules.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync());
            if (rows.All(s => s.Meeting.State is not MeetingState.Pending) || clock.Elapsed.TotalSeconds > o.IssuanceTimeoutSeconds) break;
            await Task.Delay(250);
        }
        var issued = rows.Where(s => s.Meeting.State == MeetingState.Issued && s.Meeting.JoinUrl is not null).ToList();
        var times = issued.Select(s => s.Meeting.IssuedAtUtc!.Value).Order().ToList();
        var firstLink = times.Count == 0 ? double.NaN : (times[0] - published).TotalSeconds;
        var lastLink = times.Count == 0 ? double.NaN : (times[^1] - published).TotalSeconds;

        var after = await StateAsync();
        int Sum(JsonNode state, string name) => state[name]?.AsObject().Sum(kv => kv.Value!.GetValue<int>()) ?? 0;
        var live = after["meetings"]!.AsArray().Where(m => !(bool)m!["deleted"]! && hosts.Contains((string)m["host_id"]!)).ToList();
        var scheduleMeetingIds = rows.Where(s => s.Meeting.ZoomId is not null).Select(s => s.Meeting.ZoomId!.Value).ToList();
        result.Issued = issued.Count;
        result.IssuanceExpected = expectedIssued;
        result.Waiting = rows.Count(s => s.Meeting.State == MeetingState.Waiting);
        result.FailedOrPending = rows.Count(s => s.Meeting.State is MeetingState.Failed or MeetingState.Pending);
        result.WaitingReason = string.Join(", ", rows.Where(s => s.Meeting.State == MeetingState.Waiting).Select(s => $"{s.Meeting.LastError} until {s.Meeting.NextAttemptAtUtc:yyyy-MM-dd HH:mm}Z").Distinct().Take(3));
        result.Duplicates = (live.Count - scheduleMeetingIds.Distinct().Count()) + (scheduleMeetingIds.Count - scheduleMeetingIds.Distinct().Count());
        result.Missing = Math.Max(0, expectedIssued - issued.Count);
        result.SecondsToLastLink = lastLink;
        result.SecondsToFirstLink = firstLink;
        result.MeetingsPerSecond = issued.Count / lastLink;
        // The steady rate, first link to last: the worker's 2 s poll before the first link is not issuance.
        result.SteadyMeetingsPerSecond = times.Count < 2 ? double.NaN : (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
        result.QpsRefusals = Sum(after, "qps_refusals") - Sum(before, "qps_refusals");
        result.DailyRefusals = Sum(after, "daily_limit_refusals") - Sum(before, "daily_limit_refusals");
        result.HostClashes = live.GroupBy(m => (string)m!["host_id"]!).Sum(g =>
        {
            var spans = g.Select(m => (Start: DateTime.Parse((string)m!["start_time"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), Minutes: (int)m["duration"]!))
                .OrderBy(x => x.Start).ToList();
            return spans.Zip(spans.Skip(1)).Count(p => p.Second.Start < p.First.Start.AddMinutes(p.First.Minutes));
        });
        // The sandbox's own clock, per calendar second as its limit counts: how full each second was. Seconds strictly
        // between the first and the last create show whether the pacing (at most 19 turns a second) or Saiyo set the pace.
        var perSecond = live.Select(m => (string)m!["created_at"]!).GroupBy(t => t).Select(g => (Second: g.Key, Count: g.Count())).OrderBy(x => x.Second).ToList();
        var inner = perSecond.Count > 2 ? perSecond.Skip(1).SkipLast(1).Select(x => x.Count).ToList() : [];
        result.CreatesPerSecondMax = perSecond.Count == 0 ? 0 : perSecond.Max(x => x.Count);
        result.CreatesPerSecondInnerMean = inner.Count == 0 ? double.NaN : inner.Average();
        result.CreatesPerSecondInnerMin = inner.Count == 0 ? 0 : inner.Min();
        result.IssuanceHosts = hosts.Count;
        result.IssuanceInFlight = int.TryParse(run.Environment.GetValueOrDefault("Meetings__InFlight") ?? Environment.GetEnvironmentVariable("Meetings__InFlight"), out var f) ? f : new MeetingSyncOptions().InFlight;
        Console.WriteLine($"   issued {issued.Count}/{expectedIssued} expected, {result.SteadyMeetingsPerSecond:F1} meetings/s first→last link ({result.MeetingsPerSecond:F1} from publishing), first link {firstLink:F1} s, last link {lastLink:F1} s, " +
            $"creates per second at the sandbox max {result.CreatesPerSecondMax}, inner mean {result.CreatesPerSecondInnerMean:F1} (min {result.CreatesPerSecondInnerMin}) [{string.Join(' ', perSecond.Select(x => x.Count))}], per-second 429s {result.QpsRefusals}, daily 429s {result.DailyRefusals}, waiting {result.Waiting}, failed/pending {result.FailedOrPending}, duplicates {result.Duplicates}, missing {result.Missing}, host clashes {result.HostClashes}");
        if (result.Duplicates != 0) result.Failures.Add($"duplicate meetings {result.Duplicates}");
        if (result.Missing != 0) result.Failures.Add($"missing meetings {result.Missing}");
        if (result.HostClashes != 0) result.Failures.Add($"host clashes {result.HostClashes}");
    }

    /// <summary>As ZoomWorld.LinkZoomAsync in the tests: 連携設定 → 認可 → Zoom sign-in → 「Allow」 → back to Saiyo.</summary>
    internal static async Task LinkZoomAsync(SaiyoRun run, HttpClient admin)
    {
        var page = await admin.GetAsync("/Integrations");
        var html = await page.Content.ReadAsStringAsync();
        if (html.Contains("handler=Status", StringComparison.Ordinal))
        {
            var status = Form.Parse(html, "handler=Status");
            status.Fields["WantedStatus"] = nameof(LinkageStatus.AwaitingAuthorization);
            page = await status.SubmitAsync(admin, page.RequestMessage!.RequestUri!);
            html = await page.Content.ReadAsStringAsync();
        }
        var authorize = Form.Parse(html, "handler=Authorize");
        page = await authorize.SubmitAsync(admin, page.RequestMessage!.RequestUri!);
        html = await page.Content.ReadAsStringAsync();
        if (html.Contains("name=\"password\"", StringComparison.Ordinal))
        {
            var signIn = Form.Parse(html, "name=\"password\"");
            signIn.Fields["email"] = "admin@sandbox.zoom.test";
            signIn.Fields["password"] = "Sandbox-Pass1";
            page = await signIn.SubmitAsync(admin, page.RequestMessage!.RequestUri!);
            html = await page.Content.ReadAsStringAsync();
        }
        var consent = Form.Parse(html, "decision");
        consent.Fields["decision"] = "allow";
        page = await consent.SubmitAsync(admin, page.RequestMessage!.RequestUri!);
        var linked = await run.DbAsync(db => db.VideoLinkages.AnyAsync(l => l.CompanyId == run.CompanyId && l.Status == LinkageStatus.Linked));
        if (!linked) throw new InvalidOperationException("Zoom linkage failed: " + (await page.Content.ReadAsStringAsync())[..500]);
        Console.WriteLine("   Zoom linked through the sandbox's pages");
    }
}
