using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings.Schedules;

/// <summary>
/// A 日程's 予約: who booked, 代行予約 (book or cancel on an applicant's behalf), attendance by hand, and attendance taken
/// from Zoom after the meeting (the state of that, and 「Zoomから出席を取得」 to take it again).
/// </summary>
public sealed class BookingsModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, BookingService bookings,
    AttendanceSignal attendance)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public sealed record Row(Guid Id, Guid ApplicantId, string Name, string Email, BookingState State, bool ByStaff, Attendance Attendance, AttendanceSource Source,
        string? LinkError = null, int LinkAttempts = 0)
    {
        /// <summary>「参加URL未送信: reason」: the applicant's join link has not gone out yet (the link worker keeps trying).</summary>
        public string? LinkReason { get; init; }
        /// <summary>個人情報の削除: the seat stays counted, the person is not shown.</summary>
        public bool Deleted { get; init; }
    }

    public Schedule Schedule { get; private set; } = null!;
    public InterviewEvent Event { get; private set; } = null!;
    public string MeetingName { get; private set; } = "";
    public string When { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Bookable { get; private set; } = [];
    /// <summary>Why taking attendance from Zoom failed or is being retried, in the reader's language.</summary>
    public string? AttendanceReason { get; private set; }
    public string? MeetingEndedAt { get; private set; }
    /// <summary>「Zoomから出席を取得」 is offered once the meeting can have participants: it ended, or its start has passed.</summary>
    public bool CanTakeAttendance { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>
    /// CSVエクスポート of this 日程's 予約 (active and cancelled), with the applicants' contact details; a deleted
    /// applicant's seat is listed without the person.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id, string? encoding, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (CsvExport.EncodingFor(encoding) is not { } textEncoding) return BadRequest();
        var zone = await Clock.ZoneAsync(ct);
        var companyId = Current.Id;
        var rows = await (
            from b in Db.Bookings.AsNoTracking()
            join a in Db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where b.ScheduleId == id && b.CompanyId == companyId
            orderby b.State, b.CreatedAtUtc
            select new { a.Name, a.Kana, a.Email, a.Phone, a.Organization, Deleted = a.DeletedAtUtc != null, b.State, b.ByStaff, b.Attendance, b.CreatedAtUtc, b.CancelledAtUtc })
            .ToListAsync(ct);
        string[] header =
        [
            L["Export.Name"], L["Export.Kana"], L["Export.Email"], L["Export.Phone"], L["Export.Organization"], L["Export.Selection"], L["Export.Event"],
            L["Export.Start"], L["Export.End"], L["Export.BookingState"], L["Export.ByStaff"], L["Export.Attendance"], L["Export.BookedAt"], L["Export.CancelledAt"],
        ];
        var lines = rows.Select(r => new string?[]
        {
            r.Deleted ? L["ApplicantDelete.Deleted"] : r.Name, r.Deleted ? "" : r.Kana, r.Deleted ? "" : r.Email, r.Deleted ? "" : r.Phone, r.Deleted ? "" : r.Organization,
            MeetingName, Event.Name, CsvExport.Time(Schedule.StartUtc, zone), CsvExport.Time(Schedule.EndUtc, zone),
            L["BookingState." + r.State], r.ByStaff ? L["Booking.ByStaff"] : "", r.State == BookingState.Active ? L["Attendance." + r.Attendance] : "",
            CsvExport.Time(r.CreatedAtUtc, zone), r.CancelledAtUtc is { } c ? CsvExport.Time(c, zone) : "",
        });
        return CsvExport.File($"bookings-{CsvExport.FileStamp(Schedule.StartUtc, zone)}.csv", textEncoding, header, lines);
    }

    /// <summary>代行キャンセル, step 1: the booking to cancel, to confirm (the POST of the same handler cancels and mails).</summary>
    public Row? ConfirmCancel { get; private set; }

    public async Task<IActionResult> OnGetCancelAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ConfirmCancel = Rows.FirstOrDefault(r => r.Id == bookingId && r.State == BookingState.Active);
        return ConfirmCancel is null ? NotFound() : Page();
    }

    /// <summary>代行予約: staff book an invited applicant; capacity still holds, deadlines and hiding do not bind staff.</summary>
    public async Task<IActionResult> OnPostBookAsync(Guid id, Guid applicantId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var applicant = await FindApplicantAsync(applicantId, ct);
        if (applicant is null) return NotFound();
        var result = await bookings.BookAsync(applicant, id, byStaff: true, ct);
        if (result.Booking is { } booked) await NoteAsync(applicant.Id, ApplicantTimeline.BookedBy, booked.Id.ToString(), ct);
        return Done(id, result.Outcome);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var booking = Rows.FirstOrDefault(r => r.Id == bookingId);
        var applicant = booking is null ? null : await FindApplicantAsync(booking.ApplicantId, ct);
        if (applicant is null) return NotFound();
        var result = await bookings.CancelAsync(applicant, bookingId, byStaff: true, ct);
        if (result.Outcome == BookingOutcome.Cancelled) await NoteAsync(applicant.Id, ApplicantTimeline.CancelledBy, bookingId.ToString(), ct);
        return Done(id, result.Outcome);
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid bookingId, Attendance attendance, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var companyId = Current.Id;
        // A staff mark wins over Zoom; setting it back to 未確認 hands it to Zoom again.
        var source = attendance == Attendance.Unknown ? AttendanceSource.None : AttendanceSource.Staff;
        var updated = await Db.Bookings.Where(b => b.Id == bookingId && b.ScheduleId == id && b.CompanyId == companyId)
            .ExecuteUpdateAsync(x => x.SetProperty(b => b.Attendance, attendance).SetProperty(b => b.AttendanceSource, source), ct);
        if (updated == 0) return NotFound();
        var applicantId = await Db.Bookings.Where(b => b.Id == bookingId).Select(b => b.ApplicantId).FirstAsync(ct);
        await NoteAsync(applicantId, "attendance", attendance.ToString(), ct);
        TempData["Flash"] = L["Common.Saved"].Value;
        return Redirect($"/SelectionMeetings/Schedules/{id}/Bookings");
    }

    /// <summary>「Zoomから出席を取得」: queues the schedule for the attendance worker (Zoom is not called in the request).</summary>
    public async Task<IActionResult> OnPostTakeAttendanceAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanTakeAttendance)
        {
            TempData["Error"] = L["AttendanceSync.NotYet"].Value;
            return Redirect($"/SelectionMeetings/Schedules/{id}/Bookings");
        }
        var companyId = Current.Id;
        var now = NowUtc;
        await Db.Schedules.Where(s => s.Id == id && s.CompanyId == companyId && s.Attendance.State != AttendanceSyncState.Due)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Attendance.State, AttendanceSyncState.Due)
                .SetProperty(s => s.Attendance.NextAttemptAtUtc, now)
                .SetProperty(s => s.Attendance.Attempts, 0)
                .SetProperty(s => s.Attendance.Error, (string?)null), ct);
        attendance.Poke();
        TempData["Flash"] = L["AttendanceSync.Requested"].Value;
        return Redirect($"/SelectionMeetings/Schedules/{id}/Bookings");
    }

    /// <summary>Names the staff member on the applicant's timeline (the booking itself is already saved).</summary>
    private async Task NoteAsync(Guid applicantId, string kind, string detail, CancellationToken ct)
    {
        ApplicantTimeline.Note(Db, Current.Id, applicantId, NowUtc, kind, detail, User.FindFirst(SaiyoClaims.DisplayName)?.Value);
        await Db.SaveChangesAsync(ct);
    }

    private IActionResult Done(Guid id, BookingOutcome outcome)
    {
        if (outcome == BookingOutcome.NotFound) return NotFound();
        var ok = outcome is BookingOutcome.Booked or BookingOutcome.Cancelled;
        TempData[ok ? "Flash" : "Error"] = L["Booking.Outcome." + outcome].Value;
        return Redirect($"/SelectionMeetings/Schedules/{id}/Bookings");
    }

    private Task<Applicant?> FindApplicantAsync(Guid id, CancellationToken ct)
    {
        var companyId = Current.Id;
        return Db.Applicants.FirstOrDefaultAsync(a => a.Id == id && a.CompanyId == companyId, ct);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var s = await FindScheduleAsync(id, ct);
        if (s is null) return false;
        var ev = await FindEventAsync(s.EventId, ct);
        if (ev is null) return false;
        Schedule = s;
        Event = ev;
        MeetingName = await Db.SelectionMeetings.Where(m => m.Id == ev.SelectionMeetingId).Select(m => m.Name).FirstAsync(ct);
        var zone = await Clock.ZoneAsync(ct);
        When = ScheduleRules.FormatRange(s.StartUtc, s.EndUtc, zone);
        var companyId = Current.Id;
        Rows = await (
            from b in Db.Bookings.AsNoTracking()
            join a in Db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where b.ScheduleId == id && b.CompanyId == companyId
            orderby b.State, b.CreatedAtUtc
            select new Row(b.Id, a.Id, a.Name, a.Email, b.State, b.ByStaff, b.Attendance, b.AttendanceSource, b.LinkError, b.LinkAttempts) { Deleted = a.DeletedAtUtc != null }).ToListAsync(ct);
        Rows = [.. Rows.Select(r => r is { State: BookingState.Active, LinkError: { } e } ? r with { LinkReason = LinkReason(e, r.LinkAttempts) } : r)];
        CanTakeAttendance = s.Meeting.ZoomId is not null && (s.Attendance.MeetingEndedAtUtc is not null || s.StartUtc <= NowUtc);
        MeetingEndedAt = s.Attendance.MeetingEndedAtUtc is { } ended ? TimeZones.Format(ended, zone) : null;
        AttendanceReason = s.Attendance.Error is { } err && s.Attendance.State is AttendanceSyncState.Due or AttendanceSyncState.Failed
            ? Reason(err, s.Attendance.Attempts)
            : null;
        var active = Rows.Where(r => r.State == BookingState.Active).Select(r => r.ApplicantId).ToHashSet();
        var invited = await (
            from i in Db.ApplicantInvitations.AsNoTracking()
            join a in Db.Applicants.AsNoTracking() on i.ApplicantId equals a.Id
            where i.SelectionMeetingId == ev.SelectionMeetingId && i.CompanyId == companyId
            orderby a.Name
            select new { a.Id, a.Name, a.Email }).ToListAsync(ct);
        Bookable = invited.Where(a => !active.Contains(a.Id)).Select(a => (a.Id, $"{a.Name} <{a.Email}>")).ToList();
        return true;
    }

    private string Reason(string error, int attempts)
    {
        var code = error.Split([' ', ':'], 2)[0];
        var known = L["AttendanceError." + code, attempts];
        return known.ResourceNotFound ? L["AttendanceError.Other", error].Value : known.Value;
    }

    /// <summary>The badge text for a link worker reason ("Transient", "BadRequest (300)", "MeetingGone", …), as staff read it.</summary>
    private string LinkReason(string error, int attempts)
    {
        var known = L["LinkError." + error.Split([' ', ':'], 2)[0]];
        var reason = known.ResourceNotFound ? L["LinkError.Other", error].Value : known.Value;
        return attempts > 0 ? L["Booking.LinkPendingAttempts", reason, attempts].Value : L["Booking.LinkPending", reason].Value;
    }
}
