using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;
using Saiyo.Web.Mail;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Interviews;

public sealed class EvaluationReminderOptions
{
    public const string Section = "Interviews:EvaluationReminders";
    /// <summary>A missing 評価 is reminded this long after the 日程's end.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Interviews that ended longer ago than this are not reminded any more (a new installation, old data).</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Mails each assigned 面接官 once when their 評価 of an applicant booked on a 日程 is still missing
/// <see cref="EvaluationReminderOptions.After"/> after its end. Runs on every node: the reminder row (unique per
/// 日程, applicant and interviewer) is inserted with its mail in one SaveChanges, so a second node's insert fails.
/// </summary>
public sealed class EvaluationReminderWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<EvaluationReminderOptions> options, TimeProvider time, ILogger<EvaluationReminderWorker> logger)
    : PollingWorker(logger)
{
    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override async Task PollOnceAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        var endedBefore = now - o.After;
        var endedAfter = now - o.After - o.Horizon;
        List<Due> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
            // Booked applicants × their 日程's interviewers (its own, else the hosting one, else its イベント's) with no 評価 and no reminder yet.
            var booked =
                from b in db.Bookings
                join s in db.Schedules on b.ScheduleId equals s.Id
                join e in db.InterviewEvents on s.EventId equals e.Id
                where b.State == BookingState.Active && !s.Deleted && s.EndUtc <= endedBefore && s.EndUtc > endedAfter
                select new { s.Id, s.EventId, s.HostInterviewerId, s.CompanyId, b.ApplicantId, e.SelectionMeetingId };
            var pairs =
                (from r in booked
                 join x in db.ScheduleInterviewers on r.Id equals x.ScheduleId
                 select new { r.CompanyId, ScheduleId = r.Id, r.ApplicantId, r.SelectionMeetingId, Interviewer = x.StaffUserId })
                .Concat(
                 from r in booked
                 where r.HostInterviewerId != null && !db.ScheduleInterviewers.Any(y => y.ScheduleId == r.Id)
                 select new { r.CompanyId, ScheduleId = r.Id, r.ApplicantId, r.SelectionMeetingId, Interviewer = r.HostInterviewerId!.Value })
                .Concat(
                 from r in booked
                 join x in db.EventInterviewers on r.EventId equals x.EventId
                 where r.HostInterviewerId == null && !db.ScheduleInterviewers.Any(y => y.ScheduleId == r.Id)
                 select new { r.CompanyId, ScheduleId = r.Id, r.ApplicantId, r.SelectionMeetingId, Interviewer = x.StaffUserId });
            due = await pairs
                .Where(p => !db.Evaluations.Any(v => v.ApplicantId == p.ApplicantId && v.SelectionMeetingId == p.SelectionMeetingId && v.InterviewerId == p.Interviewer)
                            && !db.EvaluationReminders.Any(v => v.ScheduleId == p.ScheduleId && v.ApplicantId == p.ApplicantId && v.InterviewerId == p.Interviewer))
                .Select(p => new Due(p.CompanyId, p.ScheduleId, p.ApplicantId, p.Interviewer))
                .Take(200).ToListAsync(ct);
        }
        foreach (var d in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await RemindAsync(scope.ServiceProvider, d, now, ct);
            }
            catch (DbUpdateException)
            {
                // Another node inserted the same reminder first: it sends the mail.
            }
        }
    }

    private sealed record Due(Guid CompanyId, Guid ScheduleId, Guid ApplicantId, Guid InterviewerId);

    private static async Task RemindAsync(IServiceProvider sp, Due d, DateTime now, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SaiyoDbContext>();
        var row = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            join c in db.Companies.AsNoTracking() on s.CompanyId equals c.Id
            where s.Id == d.ScheduleId
            select new { s.StartUtc, Event = e.Name, Meeting = m.Name, Company = c.Name, c.TimeZoneId }).FirstAsync(ct);
        var applicant = await db.Applicants.AsNoTracking().Where(a => a.Id == d.ApplicantId).Select(a => a.Name).FirstAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == d.InterviewerId).Select(u => new { u.Email, u.DisplayName, u.Language }).FirstAsync(ct);
        db.EvaluationReminders.Add(new EvaluationReminder { CompanyId = d.CompanyId, ScheduleId = d.ScheduleId, ApplicantId = d.ApplicantId, InterviewerId = d.InterviewerId, SentAtUtc = now });
        if (!string.IsNullOrEmpty(user.Email))
        {
            using var _ = new CultureScope(StaffLanguage.ForMail(user.Language));
            var l = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            var baseUrl = ZoomSetup.PublicBaseUrl(sp.GetRequiredService<IConfiguration>()).TrimEnd('/');
            var values = new Dictionary<string, string>
            {
                ["name"] = user.DisplayName, ["applicant"] = applicant, ["company"] = row.Company, ["selection"] = row.Meeting, ["event"] = row.Event,
                ["start"] = TimeZones.Format(row.StartUtc, TimeZones.FindOrTokyo(row.TimeZoneId)),
                ["evaluate_url"] = $"{baseUrl}/Interviews/{d.ScheduleId}/Evaluate/{d.ApplicantId}",
            };
            sp.GetRequiredService<MailOutbox>().Add(d.CompanyId, user.Email,
                BookingMails.Fill(l["EvaluationReminder.Subject"], values), BookingMails.Fill(l["EvaluationReminder.Body"], values));
        }
        await db.SaveChangesAsync(ct);
    }
}
