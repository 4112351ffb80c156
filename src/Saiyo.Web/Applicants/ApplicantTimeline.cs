using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Mail;
using Saiyo.Data.Selection;
using Microsoft.Extensions.Localization;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Applicants;

/// <summary>One line of an applicant's timeline: what happened (in the request's language), when, and who acted.</summary>
/// <param name="Mail">For a mail: its id (staff read the body on click) and state.</param>
public sealed record TimelineEntry(DateTime AtUtc, string Kind, string Text, string? Actor, Guid? Mail = null, MailState? MailState = null);

/// <summary>
/// An applicant's timeline, newest first: invitations, bookings, 変更, cancellations, attendance, evaluations, 合否 and every
/// mail written to them. Read from the rows each feature keeps (bookings, evaluations, the outbox) plus
/// <see cref="ApplicantEvent"/>s, which name the staff member who acted where the rows do not.
/// </summary>
public sealed class ApplicantTimeline(SaiyoDbContext db, IStringLocalizer<SharedResource> l)
{
    /// <summary>Kinds of <see cref="ApplicantEvent"/> that only name who did something another row shows (Detail is that row's id).</summary>
    public const string InvitedBy = "invited";
    public const string BookedBy = "booked";
    public const string CancelledBy = "cancelled";

    public const int MaxEntries = 500;

    /// <summary>Adds a staff action to the applicant's timeline on the caller's context (saved with the action where it can be).</summary>
    public static void Note(SaiyoDbContext db, Guid companyId, Guid applicantId, DateTime nowUtc, string kind, string? detail, string? actor) =>
        db.ApplicantEvents.Add(new ApplicantEvent { CompanyId = companyId, ApplicantId = applicantId, AtUtc = nowUtc, Kind = kind, Detail = detail, ActorName = actor });

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(Guid companyId, Guid applicantId, TimeZoneInfo zone, CancellationToken ct)
    {
        var events = await db.ApplicantEvents.AsNoTracking().Where(e => e.ApplicantId == applicantId && e.CompanyId == companyId)
            .OrderByDescending(e => e.AtUtc).Take(MaxEntries).ToListAsync(ct);
        string? By(string kind, Guid id) => events.FirstOrDefault(e => e.Kind == kind && e.Detail == id.ToString())?.ActorName;
        var meetings = await db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == companyId).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var entries = new List<TimelineEntry>();

        var invitations = await db.ApplicantInvitations.AsNoTracking().Where(i => i.ApplicantId == applicantId && i.CompanyId == companyId).ToListAsync(ct);
        entries.AddRange(invitations.Select(i => new TimelineEntry(i.CreatedAtUtc, "invited", l["Timeline.Invited", meetings.GetValueOrDefault(i.SelectionMeetingId, "")].Value, By(InvitedBy, i.SelectionMeetingId))));

        var bookings = await (
            from b in db.Bookings.AsNoTracking()
            join s in db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            where b.ApplicantId == applicantId && b.CompanyId == companyId
            select new { b.Id, b.CalendarId, b.ByStaff, b.CreatedAtUtc, b.CancelledAtUtc, b.Attendance, b.AttendanceSource, s.StartUtc, s.EndUtc, e.SelectionMeetingId, Event = e.Name })
            .ToListAsync(ct);
        // A 変更 is a new booking continuing the calendar entry of the one it replaced, which is cancelled in the same moment:
        // one line 「変更」, not a cancellation too.
        bool Replaced(Guid id, Guid entry, DateTime cancelled) =>
            bookings.Any(o => o.Id != id && o.CalendarId == entry && o.CreatedAtUtc >= cancelled.AddSeconds(-5));
        foreach (var b in bookings)
        {
            var what = $"{meetings.GetValueOrDefault(b.SelectionMeetingId, "")} / {b.Event}";
            var start = b.StartUtc;
            var change = b.CalendarId is not null;
            entries.Add(new TimelineEntry(b.CreatedAtUtc, change ? "changed" : "booked", l[change ? "Timeline.Changed" : b.ByStaff ? "Timeline.BookedByStaff" : "Timeline.Booked", what, Format(start)].Value, By(BookedBy, b.Id)));
            if (b.CancelledAtUtc is { } cancelled && !Replaced(b.Id, b.CalendarId ?? b.Id, cancelled))
                entries.Add(new TimelineEntry(cancelled, "cancelled", l["Timeline.Cancelled", what, Format(start)].Value, By(CancelledBy, b.Id)));
            // Attendance from Zoom has no time of its own: the 日程's end.
            if (b.AttendanceSource == AttendanceSource.Zoom && b.Attendance != Attendance.Unknown)
                entries.Add(new TimelineEntry(b.EndUtc, "attendance", l["Timeline.AttendanceZoom", what, l["Attendance." + b.Attendance]].Value, null));
        }

        var evaluations = await (
            from e in db.Evaluations.AsNoTracking()
            join u in db.Users.AsNoTracking() on e.InterviewerId equals u.Id
            where e.ApplicantId == applicantId && e.CompanyId == companyId
            select new { e.SubmittedAtUtc, e.UpdatedAtUtc, e.SelectionMeetingId, e.Recommendation, u.DisplayName }).ToListAsync(ct);
        entries.AddRange(evaluations.Select(e => new TimelineEntry(e.UpdatedAtUtc, "evaluation", 
            l["Timeline.Evaluation", meetings.GetValueOrDefault(e.SelectionMeetingId, ""), l["Recommendation." + e.Recommendation]].Value, e.DisplayName)));

        foreach (var e in events)
        {
            var entry = e.Kind switch
            {
                "result.pass" or "result.hold" or "result.reject" => new TimelineEntry(e.AtUtc, "result", 
                    l["Timeline.Result", e.Detail ?? "", l["Outcome." + e.Kind switch { "result.pass" => "Pass", "result.hold" => "Hold", _ => "Reject" }]].Value, e.ActorName),
                "mail.withdrawn" => new TimelineEntry(e.AtUtc, "withdrawn", l["Timeline.MailWithdrawn", e.Detail ?? ""].Value, e.ActorName),
                "attendance" => new TimelineEntry(e.AtUtc, "attendance", l["Timeline.Attendance", l["Attendance." + e.Detail]].Value, e.ActorName),
                _ => null,
            };
            if (entry is not null) entries.Add(entry);
        }

        var mails = await db.OutgoingMails.AsNoTracking().Where(m => m.ApplicantId == applicantId && m.CompanyId == companyId)
            .OrderByDescending(m => m.CreatedAtUtc).Take(MaxEntries)
            .Select(m => new { m.Id, m.Subject, m.State, m.CreatedAtUtc, m.SentAtUtc, m.NextAttemptAtUtc }).ToListAsync(ct);
        // A mail stands at when it went out, or (waiting for its time) when it will.
        entries.AddRange(mails.Select(m => new TimelineEntry(m.SentAtUtc ?? (m.State == MailState.Pending ? m.NextAttemptAtUtc : m.CreatedAtUtc), "mail", 
            m.Subject, null, m.Id, m.State)));

        return entries.OrderByDescending(e => e.AtUtc).Take(MaxEntries).ToList();

        string Format(DateTime utc) => TimeZones.Format(utc, zone);
    }
}
