using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
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

/// <summary>
/// Keeps each assigned 面接官's calendar in step with a 日程's bookings: one mail per change, an .ics REQUEST while
/// applicants are booked (UID per 日程 and interviewer, SEQUENCE rising) and a CANCEL when none are left or the
/// interviewer is taken off. The mail names the applicants, the join URL and the 日程's page in Saiyo; never the
/// host's start link (staff start through 「開始」).
/// Called after a booking change has committed; each 日程 is written in its own scope and redone when another
/// change of the same 日程 saved first (the SEQUENCE is a concurrency token).
/// </summary>
public sealed partial class InterviewerInvitations(IServiceScopeFactory scopes, ILogger<InterviewerInvitations> logger)
{
    private const int MaxTries = 5;

    /// <returns>False when a 日程 could not be written after <see cref="MaxTries"/> (its caller may try again later).</returns>
    public async Task<bool> BookingsChangedAsync(IEnumerable<Guid> scheduleIds, CancellationToken ct = default)
    {
        var all = true;
        foreach (var id in scheduleIds.Distinct())
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var mails = await SyncAsync(scope.ServiceProvider, id, ct);
                    LogSynced(logger, id, mails);
                    break;
                }
                catch (DbUpdateException ex)
                {
                    LogRetry(logger, id, attempt, ex);
                    // The booking itself has committed: its answer stands; the next change of this 日程 mails the current state.
                    if (attempt >= MaxTries)
                    {
                        all = false;
                        break;
                    }
                }
            }
        }
        return all;
    }

    /// <summary>
    /// Staff delete a 日程: each 面接官 holding its invitation gets the CANCEL, written on the request's own scope
    /// (<paramref name="requestServices"/>) and saved with the delete itself, since the invitation rows go with the 日程.
    /// </summary>
    /// <returns>How many interviewer mails were written.</returns>
    public Task<int> ScheduleDeletingAsync(IServiceProvider requestServices, Guid scheduleId, CancellationToken ct) =>
        WriteAsync(requestServices, scheduleId, deleting: true, ct);

    /// <returns>How many interviewer mails were written.</returns>
    private static async Task<int> SyncAsync(IServiceProvider sp, Guid scheduleId, CancellationToken ct)
    {
        var written = await WriteAsync(sp, scheduleId, deleting: false, ct);
        await sp.GetRequiredService<SaiyoDbContext>().SaveChangesAsync(ct);
        return written;
    }

    /// <summary>Adds the mails and invitation changes to the scope's context; the caller saves.</summary>
    private static async Task<int> WriteAsync(IServiceProvider sp, Guid scheduleId, bool deleting, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SaiyoDbContext>();
        var row = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            join c in db.Companies.AsNoTracking() on s.CompanyId equals c.Id
            where s.Id == scheduleId
            select new { s, e, m, c }).FirstOrDefaultAsync(ct);
        if (row is null) return 0;
        var gone = deleting || row.s.Deleted;
        var booked = gone ? [] : await (
            from b in db.Bookings.AsNoTracking()
            join a in db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where b.ScheduleId == scheduleId && b.State == BookingState.Active
            orderby b.CreatedAtUtc
            select new { b.Id, a.Name }).ToListAsync(ct);
        var assigned = gone ? [] : await InterviewerAssignments.InterviewersOfAsync(db, row.s, ct);
        // A meeting moving to another host (e.g. the hosting 面接官 changed) still has the old one's URL, soon deleted: none is sent.
        var joinUrl = row.s.Meeting.Host is { } on && on != Meetings.MeetingPlan.HostOf(row.s, row.e) ? null : row.s.Meeting.JoinUrl;
        var held = await db.InterviewerInvitations.Where(i => i.ScheduleId == scheduleId).ToDictionaryAsync(i => i.StaffUserId, ct);
        var digest = booked.Count == 0 ? null
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
                $"{string.Join(",", booked.Select(b => b.Id).Order())}|{row.s.StartUtc:O}|{row.s.EndUtc:O}|{joinUrl}"))).ToLowerInvariant();
        var people = assigned.Concat(held.Keys).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Email, u.DisplayName, u.Language }, ct);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var mail = new Mailer(sp, row.s, joinUrl, row.e.Name, row.m.Name, row.c.Name, TimeZones.FindOrTokyo(row.c.TimeZoneId), booked.Select(b => b.Name).ToList());

        // A meeting being issued or moved has its link in a moment: the REQUESTs wait for it (the 日程 stays due for the
        // calendar worker, which takes it once the meeting worker has the outcome), so each 面接官 gets one, with the link.
        // A CANCEL goes now.
        var linkComing = digest is not null && Meetings.MeetingPlan.LinkComing(row.s);
        var deferred = false;
        var written = 0;
        foreach (var userId in people)
        {
            if (!users.TryGetValue(userId, out var user) || string.IsNullOrEmpty(user.Email)) continue;
            var wanted = digest is not null && assigned.Contains(userId);
            held.TryGetValue(userId, out var inv);
            if (wanted && linkComing)
            {
                deferred = true;
                continue;
            }
            if (wanted && inv is { Active: true } && inv.MailedBookings == digest) continue; // nothing new for this calendar
            if (!wanted && inv is not { Active: true }) continue;
            if (inv is null)
            {
                inv = new InterviewerInvitation { CompanyId = row.s.CompanyId, ScheduleId = scheduleId, StaffUserId = userId };
                db.InterviewerInvitations.Add(inv);
            }
            inv.Sequence++;
            inv.Active = wanted;
            inv.MailedBookings = wanted ? digest : null;
            inv.UpdatedAtUtc = now;
            mail.Add(inv, user.Email, user.DisplayName, StaffLanguage.ForMail(user.Language));
            written++;
        }
        // The version raise fences a calendar round that read the 日程 before: it cannot clear the mark.
        if (deferred)
            await db.Schedules.Where(x => x.Id == scheduleId).ExecuteUpdateAsync(x => x
                .SetProperty(v => v.InterviewersDue, true).SetProperty(v => v.BookingsVersion, v => v.BookingsVersion + 1), ct);
        return written;
    }

    /// <summary>Writes one interviewer's mail, in their own language, into the scope's outbox.</summary>
    private sealed class Mailer(IServiceProvider sp, Schedule s, string? joinUrl, string eventName, string meetingName, string companyName, TimeZoneInfo zone, List<string> applicants)
    {
        public void Add(InterviewerInvitation inv, string email, string name, string language)
        {
            using var _ = new CultureScope(language);
            var l = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            var baseUrl = ZoomSetup.PublicBaseUrl(sp.GetRequiredService<IConfiguration>()).TrimEnd('/');
            var values = new Dictionary<string, string>
            {
                ["name"] = name, ["company"] = companyName, ["selection"] = meetingName, ["event"] = eventName,
                ["start"] = TimeZones.Format(s.StartUtc, zone),
                ["end"] = TimeZoneInfo.ConvertTimeFromUtc(s.EndUtc, zone).ToString("HH:mm", CultureInfo.InvariantCulture),
                ["applicants"] = string.Join(language == "en" ? ", " : "、", applicants),
                ["join_url"] = joinUrl ?? l["InterviewerMail.NoJoinUrl"].Value,
                ["page_url"] = $"{baseUrl}/Interviews/{s.Id}",
            };
            var kind = inv.Active ? "Request" : "Cancel";
            var subject = BookingMails.Fill(l["InterviewerMail." + kind + ".Subject"], values);
            var body = BookingMails.Fill(l["InterviewerMail." + kind + ".Body"], values);
            sp.GetRequiredService<MailOutbox>().Add(s.CompanyId, email, subject, body, Calendar(inv, email, name, values));
        }

        private string Calendar(InterviewerInvitation inv, string email, string name, Dictionary<string, string> values)
        {
            var smtp = sp.GetRequiredService<IOptions<SmtpOptions>>().Value;
            var from = MimeKit.MailboxAddress.TryParse(smtp.From, out var mailbox) ? mailbox.Address : "no-reply@saiyo.test";
            var method = inv.Active ? "REQUEST" : "CANCEL";
            var calendar = new Ical.Net.Calendar { Method = method };
            var ev = new CalendarEvent
            {
                Uid = $"saiyo-interview-{inv.ScheduleId:N}-{inv.StaffUserId:N}@saiyo",
                Summary = $"{values["selection"]} {values["event"]} ({values["applicants"]})",
                Start = new CalDateTime(DateTime.SpecifyKind(s.StartUtc, DateTimeKind.Utc)),
                End = new CalDateTime(DateTime.SpecifyKind(s.EndUtc, DateTimeKind.Utc)),
                Location = joinUrl ?? s.Venue,
                Description = $"{values["applicants"]}\n{joinUrl}\n{values["page_url"]}",
                Sequence = inv.Sequence,
                Status = inv.Active ? "CONFIRMED" : "CANCELLED",
                Organizer = new Organizer($"mailto:{from}"),
                Url = new Uri(values["page_url"]),
            };
            ev.Attendees.Add(new Attendee($"mailto:{email}") { CommonName = name, Rsvp = false, ParticipationStatus = "ACCEPTED" });
            calendar.Events.Add(ev);
            return new CalendarSerializer().SerializeToString(calendar) ?? "";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Interviewer invitations for schedule {ScheduleId}: {Mails} mail(s)")]
    private static partial void LogSynced(ILogger logger, Guid scheduleId, int mails);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interviewer invitations for schedule {ScheduleId}: attempt {Attempt} did not save (a concurrent change of the same schedule)")]
    private static partial void LogRetry(ILogger logger, Guid scheduleId, int attempt, Exception exception);
}
