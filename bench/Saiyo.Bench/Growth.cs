using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data.Selection;

namespace Saiyo.Bench;

/// <summary>
/// Growth: the admin schedule list (日程設定 of one 選考会 with 10 schedules) and one applicant's マイページ while the database
/// holds 10, 1,000 and 100,000 schedules in all. The bulk rows belong to 100 other 選考会 and are bulk-inserted directly
/// (EF, batches of 5,000): creating 100,000 through the pages would take longer than the whole benchmark.
/// </summary>
public static class Growth
{
    public static async Task RunAsync(BenchOptions o, SaiyoRun run, DbResult result)
    {
        Console.WriteLine($"-- growth: {string.Join(", ", o.GrowthSizes)} schedules in the database");
        var view = await Rush.ArrangeAsync(run, "Growth", 1, 10, 10);
        using var admin = await run.SignInAdminAsync();
        using var anon = LoadGenerator.Client(1);
        var now = DateTime.UtcNow;
        var bulkMeetings = Enumerable.Range(0, 100).Select(i => new SelectionMeeting { CompanyId = run.CompanyId, Name = $"Bulk {i}", CreatedAtUtc = now }).ToList();
        var bulkEvents = bulkMeetings.Select(m => new InterviewEvent { CompanyId = run.CompanyId, SelectionMeetingId = m.Id, Name = "Bulk", CreatedAtUtc = now, UpdatedAtUtc = now }).ToList();
        await run.DbAsync(async db => { db.SelectionMeetings.AddRange(bulkMeetings); db.InterviewEvents.AddRange(bulkEvents); return await db.SaveChangesAsync(); });
        var n = 0;
        foreach (var size in o.GrowthSizes)
        {
            var total = await run.DbAsync(db => db.Schedules.CountAsync());
            var add = size - total;
            var insert = Stopwatch.StartNew();
            for (var done = 0; done < add; done += 5000)
            {
                await run.DbAsync(async db =>
                {
                    db.ChangeTracker.AutoDetectChangesEnabled = false;
                    for (var i = done; i < Math.Min(add, done + 5000); i++, n++)
                    {
                        var start = now.Date.AddDays(1 + n % 300).AddMinutes(15 * (n / 300 % 60));
                        db.Schedules.Add(new Schedule
                        {
                            CompanyId = run.CompanyId, EventId = bulkEvents[n % bulkEvents.Count].Id, StartUtc = start, EndUtc = start.AddMinutes(30),
                            Capacity = 5, Shown = true, CreatedAtUtc = now,
                        });
                    }
                    return await db.SaveChangesAsync();
                });
            }
            if (run.Database == "postgresql") await run.DbAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE"));
            else await run.DbAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE"));
            total = await run.DbAsync(db => db.Schedules.CountAsync());
            var list = await TimeAsync(admin, $"/SelectionMeetings/{view.MeetingId}/Schedules", o.PageSamples, "日程");
            var my = await TimeAsync(anon, $"{run.BaseUrl}/my/{view.Applicants[0].Token}", o.PageSamples, null);
            result.Growth.Add(new GrowthRow(total, list.Median, list.P95, my.Median, my.P95));
            Console.WriteLine($"   {total,7} schedules (+{Math.Max(0, add)} in {insert.Elapsed.TotalSeconds:F1} s): schedule list {list.Median:F1} ms (p95 {list.P95:F1}), my page {my.Median:F1} ms (p95 {my.P95:F1})");
        }
        var bulkIds = bulkEvents.Select(e => e.Id).ToList();
        await run.DbAsync(db => db.Schedules.Where(s => bulkIds.Contains(s.EventId)).ExecuteDeleteAsync());
    }

    private static async Task<(double Median, double P95)> TimeAsync(HttpClient client, string url, int samples, string? mustContain)
    {
        var times = new List<double>();
        for (var i = 0; i < samples + 3; i++)
        {
            var sw = Stopwatch.StartNew();
            using var r = await client.GetAsync(url);
            var body = await r.Content.ReadAsStringAsync();
            sw.Stop();
            if (!r.IsSuccessStatusCode || (mustContain is not null && !body.Contains(mustContain, StringComparison.Ordinal)))
                throw new InvalidOperationException($"GET {url}: {(int)r.StatusCode}");
            if (i >= 3) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)]);
    }
}
