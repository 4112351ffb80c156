using System.Globalization;
using System.Text;

namespace Saiyo.Bench;

public sealed record GrowthRow(int Total, double ListMs, double ListP95, double MyMs, double MyP95);

public sealed class DbResult(string database)
{
    public string Database { get; } = database;
    public List<string> Failures { get; } = [];
    public LoadResult? Rush;
    public int RushBooked;
    public double RushBookingsPerSecond;
    public int Overbooked, LostBookings, RushCounterMismatch;
    public double BareTransactionsPerSecond;
    public int BareBooked, BareErrors;
    /// <summary>Ceiling 3: the database's own bare booking transaction (pgbench / Microsoft.Data.Sqlite loop).</summary>
    public double DatabaseBarePerSecond = double.NaN;
    public LoadResult? MyPage;
    /// <summary>The same GETs before the rush, alone.</summary>
    public LoadResult? MyPageAlone;
    public int PopulationApplicants, PopulationInvitations, PopulationSchedules;
    /// <summary>The tokens whose マイページ are read during the rushes.</summary>
    public List<string> Readers = [];
    /// <summary>The rush on an event with personal join links (its own figures), and what its mails carried.</summary>
    public DbResult? Personal;
    public Floor.Result? Floor;
    public List<string> MailedJoinUrls = [];
    public int SharedUrlMails, MailsWithoutUrl;
    public double PopulationSeconds = double.NaN;
    public double PeakWorkingSetMb = double.NaN;
    public int MailsToBooked, BookedWithoutMail, BookedWithSeveralMails, MailsToOthers;
    public double MailsSeconds = double.NaN;
    public int Issued, IssuanceExpected, Waiting, FailedOrPending, Duplicates, Missing;
    public string WaitingReason = "";
    public double SecondsToLastLink, SecondsToFirstLink, MeetingsPerSecond, SteadyMeetingsPerSecond = double.NaN;
    public int IssuanceNodes, IssuanceHosts, IssuanceInFlight, QpsRefusals, DailyRefusals, HostClashes, CreatesPerSecondMax, CreatesPerSecondInnerMin;
    public double CreatesPerSecondInnerMean = double.NaN;
    public List<GrowthRow> Growth { get; } = [];
    public double SignInKnownMs = double.NaN, SignInUnknownMs = double.NaN;
    public int SignInSamples;
}

/// <summary>The Markdown table written to bench/results/.</summary>
public sealed class Report(BenchOptions o)
{
    public LoadResult Plain = new();
    public List<DbResult> Results { get; } = [];

    private static string F(double v, string f = "F0") => double.IsNaN(v) ? "–" : v.ToString(f, CultureInfo.InvariantCulture);

    public string Write()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var now = DateTime.UtcNow;
        var sb = new StringBuilder();
        sb.AppendLine($"# Saiyo benchmark {now:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine($"- machine: {Environment.ProcessorCount} cores, {cpu}, {long.Parse(memKb, CultureInfo.InvariantCulture) / 1024 / 1024} GiB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version} (shared, noisy)");
        sb.AppendLine($"- commit: `{o.Commit}`");
        sb.AppendLine($"- load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        sb.AppendLine($"- sizes: rush {o.Applicants} applicants for {o.Seats} seats on {o.Slots} schedules, {o.Concurrency} connections; issuance {o.Schedules} schedules over a pool of {o.Hosts} hosts (Pro); growth {string.Join(" / ", o.GrowthSizes)} schedules");
        sb.AppendLine($"- ceiling 1, plain Kestrel POST (same load generator, same connections): **{F(Plain.RequestsPerSecond)} req/s** (p50 {F(Plain.P(50), "F1")} ms, p99 {F(Plain.P(99), "F1")} ms)");
        sb.AppendLine();
        sb.AppendLine("| figure | " + string.Join(" | ", Results.Select(r => r.Database)) + " |");
        sb.AppendLine("|---|" + string.Concat(Results.Select(_ => "---:|")));
        void Row(string name, Func<DbResult, string> v) => sb.AppendLine($"| {name} | " + string.Join(" | ", Results.Select(v)) + " |");
        Row("population: applicants (invitations) / 日程 in the database before the rush, seeded in s", r => r.PopulationApplicants == 0 ? "–" : $"{r.PopulationApplicants:N0} ({r.PopulationInvitations:N0}) / {r.PopulationSchedules:N0}, {F(r.PopulationSeconds, "F1")} s");
        Row("rush: attempts/s (booked + 満席 answers)", r => F(r.Rush?.RequestsPerSecond ?? double.NaN));
        Row("rush: bookings/s (until the last seat)", r => F(r.RushBookingsPerSecond));
        Row("rush: latency p50 / p95 / p99 ms", r => r.Rush is { } l ? $"{F(l.P(50))} / {F(l.P(95))} / {F(l.P(99))}" : "–");
        Row("rush: booked / errors / overbooked / lost", r => $"{r.RushBooked} / {r.Rush?.Errors} / {r.Overbooked} / {r.LostBookings}");
        Row("rush: mails at the SMTP server to booked applicants (none / several / to others)", r => $"{r.MailsToBooked} ({r.BookedWithoutMail} / {r.BookedWithSeveralMails} / {r.MailsToOthers}), all within {F(r.MailsSeconds, "F1")} s");
        Row("rush: peak working set of the Saiyo process, MB (target < 400)", r => F(r.PeakWorkingSetMb));
        Row("my page GET alone (before the rush): req/s, p50 / p99 ms (errors)", r => r.MyPageAlone is { } m ? $"{F(m.RequestsPerSecond)}, {F(m.P(50))} / {F(m.P(99))} ({m.Errors})" : "–");
        Row("my page GET during the rush: req/s, p50 / p99 ms (errors)", r => r.MyPage is { } m ? $"{F(m.RequestsPerSecond)}, {F(m.P(50))} / {F(m.P(99))} ({m.Errors})" : "–");
        Row("**ratio** my page GET/s ÷ plain Kestrel req/s (target ≥ 30 %)", r => F((r.MyPage?.RequestsPerSecond ?? double.NaN) / Plain.RequestsPerSecond, "P2"));
        Row("personal-link rush: attempts/s, bookings/s", r => r.Personal is { } p ? $"{F(p.Rush?.RequestsPerSecond ?? double.NaN)}, {F(p.RushBookingsPerSecond)}" : "–");
        Row("personal-link rush: latency p50 / p95 / p99 ms", r => r.Personal?.Rush is { } l ? $"{F(l.P(50))} / {F(l.P(95))} / {F(l.P(99))}" : "–");
        Row("personal-link rush: booked / errors / overbooked / lost", r => r.Personal is { } p ? $"{p.RushBooked} / {p.Rush?.Errors} / {p.Overbooked} / {p.LostBookings}" : "–");
        Row("personal-link rush: mails to booked applicants (none / several / to others)", r => r.Personal is { } p ? $"{p.MailsToBooked} ({p.BookedWithoutMail} / {p.BookedWithSeveralMails} / {p.MailsToOthers}), all within {F(p.MailsSeconds, "F1")} s" : "–");
        Row("personal-link rush: mailed join URLs personal / the shared URL / none", r => r.Personal is { } p ? $"{p.MailedJoinUrls.Count - p.SharedUrlMails} / {p.SharedUrlMails} / {p.MailsWithoutUrl}" : "–");
        Row("personal-link rush: my page GET req/s, p50 / p99 ms (errors); peak working set MB", r => r.Personal?.MyPage is { } m ? $"{F(m.RequestsPerSecond)}, {F(m.P(50))} / {F(m.P(99))} ({m.Errors}); {F(r.Personal.PeakWorkingSetMb)}" : "–");
        Row("**ratio** personal-link rush: my page GET/s ÷ plain Kestrel req/s", r => F((r.Personal?.MyPage?.RequestsPerSecond ?? double.NaN) / Plain.RequestsPerSecond, "P2"));
        Row("ceiling 3: the database's bare booking transactions/s (pgbench -c16 / Microsoft.Data.Sqlite loop ×16)", r => F(r.DatabaseBarePerSecond));
        Row("**ratio** rush bookings/s ÷ database bare transactions/s (target ≥ 50 %)", r => F(r.RushBookingsPerSecond / r.DatabaseBarePerSecond, "P1"));
        Row("ceiling 4: the bare booking transaction behind a minimal Kestrel POST (no Saiyo code), tx/s; p99 ms", r => r.Floor is { } f ? $"{F(f.Bookings.RequestsPerSecond)}; {F(f.Bookings.P(99))}" : "–");
        Row("**ratio** ceiling 4 ÷ database bare transactions/s (the most a booking through HTTP reached here)", r => F((r.Floor?.Bookings.RequestsPerSecond ?? double.NaN) / r.DatabaseBarePerSecond, "P1"));
        Row("ceiling 4 beside minimal GETs (token lookup, a my page's bytes): bookings/s, p99 ms; GET/s, p99 ms", r => r.Floor is { } f ? $"{F(f.BookingsBeside.RequestsPerSecond)}, {F(f.BookingsBeside.P(99))}; {F(f.Reads.RequestsPerSecond)}, {F(f.Reads.P(99))} ({f.PageBytes:N0} bytes)" : "–");
        Row("**ratio** ceiling 4's GET/s beside its bookings ÷ plain Kestrel req/s", r => F((r.Floor?.Reads.RequestsPerSecond ?? double.NaN) / Plain.RequestsPerSecond, "P1"));
        Row("**ratio** Saiyo's bare transactions/s ÷ database bare transactions/s", r => F(r.BareTransactionsPerSecond / r.DatabaseBarePerSecond, "P1"));
        Row("ceiling 2: bare booking transactions/s (no HTTP)", r => F(r.BareTransactionsPerSecond));
        Row("**ratio** rush attempts/s ÷ plain Kestrel req/s", r => F((r.Rush?.RequestsPerSecond ?? double.NaN) / Plain.RequestsPerSecond, "P1"));
        Row("**ratio** rush attempts/s ÷ bare transactions/s", r => F((r.Rush?.RequestsPerSecond ?? double.NaN) / r.BareTransactionsPerSecond, "P1"));
        Row("**ratio** bare transactions/s ÷ plain Kestrel req/s", r => F(r.BareTransactionsPerSecond / Plain.RequestsPerSecond, "P1"));
        Row("issuance: nodes × meetings in flight per node, pool hosts", r => $"{r.IssuanceNodes} × {r.IssuanceInFlight}, {r.IssuanceHosts}");
        Row("issuance: meetings issued/s, first → last link", r => F(r.SteadyMeetingsPerSecond, "F1"));
        Row("issuance: meetings issued/s from publishing", r => F(r.MeetingsPerSecond, "F1"));
        Row("issuance: first / last link after publishing, s", r => $"{F(r.SecondsToFirstLink, "F1")} / {F(r.SecondsToLastLink, "F1")}");
        Row("issuance: issued / expected within 100/day/host", r => $"{r.Issued} / {r.IssuanceExpected}");
        Row("issuance: duplicates / missing / host clashes", r => $"{r.Duplicates} / {r.Missing} / {r.HostClashes}");
        Row("issuance: Zoom's 429 answers, per second / daily", r => $"{r.QpsRefusals} / {r.DailyRefusals}");
        Row("issuance: creates per calendar second at the sandbox, max / mean / min of the inner seconds", r => $"{r.CreatesPerSecondMax} / {F(r.CreatesPerSecondInnerMean, "F1")} / {r.CreatesPerSecondInnerMin}");
        Row("issuance: over the daily limit → 待機 (resumes by itself)", r => $"{r.Waiting} ({r.WaitingReason})");
        Row("issuance: failed or still pending", r => $"{r.FailedOrPending}");
        Row($"**ratio** issued/s (first → last link) ÷ sandbox Pro create limit ({Issuance.CreateLimitPerSecond}/s per account)", r => F(r.SteadyMeetingsPerSecond / Issuance.CreateLimitPerSecond, "P1"));
        var sizes = Results.SelectMany(r => r.Growth.Select(g => g.Total)).Distinct().Order().ToList();
        for (var i = 0; i < (Results.Count == 0 ? 0 : Results.Max(r => r.Growth.Count)); i++)
        {
            var idx = i;
            Row($"growth: schedule list / my page ms (median), DB #{idx + 1}", r => r.Growth.Count > idx ? $"{r.Growth[idx].Total:N0} rows: {F(r.Growth[idx].ListMs, "F1")} / {F(r.Growth[idx].MyMs, "F1")}" : "–");
        }
        Row("growth: largest ÷ smallest (schedule list / my page)", r => r.Growth.Count > 1 ? $"{F(r.Growth[^1].ListMs / r.Growth[0].ListMs, "F2")}× / {F(r.Growth[^1].MyMs / r.Growth[0].MyMs, "F2")}×" : "–");
        Row("sign-in refused: median ms known / unknown e-mail (samples each)", r => $"{F(r.SignInKnownMs, "F1")} / {F(r.SignInUnknownMs, "F1")} ({r.SignInSamples})");
        Row("**ratio** sign-in known ÷ unknown e-mail (within 20 %)", r => F(r.SignInKnownMs / r.SignInUnknownMs, "P1"));
        Row("checks failed", r => r.Failures.Count == 0 ? "none" : string.Join("; ", r.Failures));
        sb.AppendLine();
        Directory.CreateDirectory(o.OutDir);
        var path = Path.Combine(o.OutDir, $"bench-{now:yyyyMMdd-HHmmss}-{o.Commit}.md");
        File.WriteAllText(path, sb.ToString());
        File.Copy(path, Path.Combine(o.OutDir, "latest.md"), overwrite: true);
        return path;
    }
}
