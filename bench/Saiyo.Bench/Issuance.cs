using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Meetings;

namespace Saiyo.Bench;

/// <summary>
/// Issuance: the demo admin links Zoom through the sandbox's own pages (sign-in, 「Allow」), then K shown schedules are
/// published at once across H licensed hosts (rows written as the 連続作成 page writes them, MeetingPlan.Touch), and the
/// meeting worker in Saiyo issues them against the sandbox, which enforces Zoom's Pro limits (per second, 100/day/user).
/// </summary>
public static class Issuance
{
    public const int DailyLimit = 100;

    public static async Task RunAsync(BenchOptions o, SaiyoRun run, DbResult result)
    {
        Console.WriteLine($"-- issuance: {o.Schedules} schedules across {o.Hosts} hosts");
        using var admin = await run.SignInAdminAsync();
        await LinkZoomAsync(run, admin);

        using var control = new HttpClient();
        var state = JsonNode.Parse(await control.GetStringAsync($"{run.BaseUrl}/zoom-sandbox/_sandbox/state"))!;
        var hosts = state["users"]!.AsArray()
            .Where(u => (string?)u!["account_id"] == "sbxAcctSandboxCorp01" && (int)u["type"]! == 2)
            .Select(u => (string)u!["id"]!).Take(o.Hosts).ToList();
        if (hosts.Count < o.Hosts) throw new InvalidOperationException($"only {hosts.Count} licensed sandbox users");

        var now = DateTime.UtcNow;
        var meeting = new SelectionMeeting { CompanyId = run.CompanyId, Name = "Issuance", CreatedAtUtc = now };
        var events = hosts.Select((h, i) => new InterviewEvent
        {
            CompanyId = run.CompanyId, SelectionMeetingId = meeting.Id, Name = $"Web面接 {i + 1}", VideoProvider = VideoProvider.Zoom,
            HostExternalUserId = h, HostDisplayName = h, DefaultCapacity = 1, CreatedAtUtc = now, UpdatedAtUtc = now,
        }).ToList();
        var clock = Stopwatch.StartNew();
        var published = DateTime.UtcNow;
        var ids = await run.DbAsync(async db =>
        {
            db.SelectionMeetings.Add(meeting);
            db.InterviewEvents.AddRange(events);
            var list = new List<Guid>();
            for (var i = 0; i < o.Schedules; i++)
            {
                var ev = events[i % events.Count];
                var start = now.Date.AddDays(2 + i / 40).AddMinutes(30 * (i % 40));
                var s = new Schedule { CompanyId = run.CompanyId, EventId = ev.Id, StartUtc = start, EndUtc = start.AddMinutes(30), Capacity = 1, Shown = true, CreatedAtUtc = published };
                db.Schedules.Add(s);
                MeetingPlan.Touch(db, s, ev, published);
                list.Add(s.Id);
            }
            await db.SaveChangesAsync();
            return list;
        });
        var expectedIssued = hosts.Select((_, h) => Math.Min(DailyLimit, Enumerable.Range(0, o.Schedules).Count(i => i % hosts.Count == h))).Sum();

        // Done when every schedule has left 発行待ち (issued, or waiting for tomorrow's quota, or failed).
        List<Schedule> rows;
        while (true)
        {
            rows = await run.DbAsync(db => db.Schedules.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync());
            if (rows.All(s => s.Meeting.State is not MeetingState.Pending) || clock.Elapsed.TotalSeconds > o.IssuanceTimeoutSeconds) break;
            await Task.Delay(250);
        }
        var issued = rows.Where(s => s.Meeting.State == MeetingState.Issued && s.Meeting.JoinUrl is not null).ToList();
        var lastLink = issued.Count == 0 ? double.NaN : (issued.Max(s => s.Meeting.IssuedAtUtc!.Value) - published).TotalSeconds;
        var firstLink = issued.Count == 0 ? double.NaN : (issued.Min(s => s.Meeting.IssuedAtUtc!.Value) - published).TotalSeconds;

        state = JsonNode.Parse(await control.GetStringAsync($"{run.BaseUrl}/zoom-sandbox/_sandbox/state"))!;
        var live = state["meetings"]!.AsArray().Where(m => !(bool)m!["deleted"]! && hosts.Contains((string)m["host_id"]!)).ToList();
        var byTag = live.GroupBy(m => (string?)m!["agenda"] ?? "").ToList();
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
        Console.WriteLine($"   issued {issued.Count}/{expectedIssued} expected, {result.MeetingsPerSecond:F1} meetings/s, first link {firstLink:F1} s, last link {lastLink:F1} s, waiting {result.Waiting}, failed/pending {result.FailedOrPending}, duplicates {result.Duplicates}, missing {result.Missing}");
        if (result.Duplicates != 0) result.Failures.Add($"duplicate meetings {result.Duplicates}");
        if (result.Missing != 0) result.Failures.Add($"missing meetings {result.Missing}");
    }

    /// <summary>As ZoomWorld.LinkZoomAsync in the tests: 連携設定 → 認可 → Zoom sign-in → 「Allow」 → back to Saiyo.</summary>
    private static async Task LinkZoomAsync(SaiyoRun run, HttpClient admin)
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
