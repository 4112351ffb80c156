using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;

namespace Saiyo.Bench;

/// <summary>
/// The database a busy season leaves behind (issue 16 point 3): N applicants with their マイページ token hash and invitations,
/// and K 日程 over K/50 選考会 (two イベント of 25 日程 each), in the rush's company, so the my page's queries and their plans
/// meet real table sizes. Most applicants are invited to one to three 選考会, the popular ones more often. Applicants and
/// invitations go in as multi-row INSERTs through the provider's ADO.NET connection (columns and parameter types taken from
/// the EF model, so the rows are exactly what EF would write); the 日程 through EF (owned meeting columns).
/// </summary>
public static class Population
{
    public const int SchedulesPerMeeting = 50;

    public sealed record Seeded(int Applicants, int Invitations, int Schedules, int Meetings, double Seconds, List<string> Tokens);

    public static async Task<Seeded> SeedAsync(SaiyoRun run, int applicants, int schedules)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var random = new Random(16);
        var meetingCount = Math.Max(1, schedules / SchedulesPerMeeting);
        var meetings = Enumerable.Range(0, meetingCount).Select(i => new SelectionMeeting { CompanyId = run.CompanyId, Name = $"選考会 {i:D4}", CreatedAtUtc = now }).ToList();
        var events = meetings.SelectMany(m => new[] { "説明会", "一次面接" }.Select(n => new InterviewEvent
        {
            CompanyId = run.CompanyId, SelectionMeetingId = m.Id, Name = n, DefaultCapacity = 5, CreatedAtUtc = now, UpdatedAtUtc = now,
        })).ToList();
        var rows = new List<Schedule>(schedules);
        for (var i = 0; i < schedules; i++)
        {
            // Business hours over the next 60 days; a few hidden or past, some full, as a season has them.
            var start = now.Date.AddDays(1 + random.Next(60)).AddHours(random.Next(9)).AddMinutes(30 * random.Next(2)); // 09:00–18:00 in Tokyo
            if (i % 20 == 0) start = now.Date.AddDays(-1 - random.Next(30));
            var capacity = 1 + random.Next(8);
            rows.Add(new Schedule
            {
                CompanyId = run.CompanyId, EventId = events[i % events.Count].Id, StartUtc = start, EndUtc = start.AddMinutes(45),
                Capacity = capacity, BookedCount = i % 7 == 0 ? capacity : random.Next(capacity), Shown = i % 10 != 0, CreatedAtUtc = now,
            });
        }
        await run.DbAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.SelectionMeetings.AddRange(meetings);
            db.InterviewEvents.AddRange(events);
            db.Schedules.AddRange(rows);
            return await db.SaveChangesAsync();
        });

        var tokens = new List<string>(applicants);
        var people = new List<Applicant>(applicants);
        var invitations = new List<ApplicantInvitation>(applicants * 2);
        for (var i = 0; i < applicants; i++)
        {
            var (token, hash) = MyPageTokens.Create();
            var a = new Applicant
            {
                CompanyId = run.CompanyId, Name = $"応募者 {i:D6}", Email = $"pop{i}@bench.saiyo.test", MyPageTokenHash = hash,
                MyPageIssuedAtUtc = now, CreatedAtUtc = now, UpdatedAtUtc = now,
            };
            people.Add(a);
            tokens.Add(token);
            // 1–3 選考会 each, skewed towards the first (popular) ones.
            var invited = new HashSet<int>();
            for (var k = 1 + random.Next(3); invited.Count < k;)
                invited.Add((int)(meetingCount * Math.Pow(random.NextDouble(), 2)));
            invitations.AddRange(invited.Select(m => new ApplicantInvitation { CompanyId = run.CompanyId, ApplicantId = a.Id, SelectionMeetingId = meetings[m].Id, CreatedAtUtc = now }));
        }
        await run.DbAsync(async db =>
        {
            await InsertAsync(db, people);
            await InsertAsync(db, invitations);
            // SQLite: no ANALYZE, Saiyo never runs it, so the database plans without statistics. PostgreSQL: ANALYZE now, as
            // autovacuum does within a minute of a bulk load; otherwise the first rush ran on plans made for empty tables,
            // or not, depending on when the daemon woke (a rush 7x slower, my page p99 33 s, in one run of two).
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
            return 0;
        });
        return new Seeded(applicants, invitations.Count, schedules, meetingCount, clock.Elapsed.TotalSeconds, tokens);
    }

    /// <summary>Multi-row INSERTs in one transaction; every mapped column of <typeparamref name="T"/>, parameters typed as EF types them.</summary>
    private static async Task InsertAsync<T>(SaiyoDbContext db, IReadOnlyList<T> rows) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => !p.IsShadowProperty() && p.GetColumnName(table) is not null).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        // SQLite binds a named parameter by a linear search of the statement's names (quadratic in their number): short
        // statements there; PostgreSQL takes up to 65,535 per statement and pays a round trip for each.
        var perStatement = Math.Max(1, (db.Database.IsNpgsql() ? 8000 : 240) / columns.Count);
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx.GetDbTransaction();
            var text = new StringBuilder(head);
            var n = 0;
            for (var i = start; i < Math.Min(rows.Count, start + perStatement); i++)
            {
                text.Append(i == start ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++, n++)
                {
                    var p = columns[c];
                    var name = "p" + n;
                    text.Append(c == 0 ? "@" : ", @").Append(name);
                    cmd.Parameters.Add(((RelationalTypeMapping)p.GetRelationalTypeMapping()).CreateParameter(cmd, name, p.GetGetter().GetClrValue(rows[i]), p.IsNullable));
                }
                text.Append(')');
            }
            cmd.CommandText = text.ToString();
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }
}
