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

/// <summary>A 日程's 予約: who booked, 代行予約 (book or cancel on an applicant's behalf) and attendance by hand.</summary>
public sealed class BookingsModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, BookingService bookings)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public sealed record Row(Guid Id, Guid ApplicantId, string Name, string Email, BookingState State, bool ByStaff, Attendance Attendance);

    public Schedule Schedule { get; private set; } = null!;
    public InterviewEvent Event { get; private set; } = null!;
    public string MeetingName { get; private set; } = "";
    public string When { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Bookable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>代行予約: staff book an invited applicant; capacity still holds, deadlines and hiding do not bind staff.</summary>
    public async Task<IActionResult> OnPostBookAsync(Guid id, Guid applicantId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var applicant = await FindApplicantAsync(applicantId, ct);
        if (applicant is null) return NotFound();
        var result = await bookings.BookAsync(applicant, id, byStaff: true, ct);
        return Done(id, result.Outcome);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var booking = Rows.FirstOrDefault(r => r.Id == bookingId);
        var applicant = booking is null ? null : await FindApplicantAsync(booking.ApplicantId, ct);
        if (applicant is null) return NotFound();
        var result = await bookings.CancelAsync(applicant, bookingId, byStaff: true, ct);
        return Done(id, result.Outcome);
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid bookingId, Attendance attendance, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var companyId = Current.Id;
        var updated = await Db.Bookings.Where(b => b.Id == bookingId && b.ScheduleId == id && b.CompanyId == companyId)
            .ExecuteUpdateAsync(x => x.SetProperty(b => b.Attendance, attendance), ct);
        if (updated == 0) return NotFound();
        TempData["Flash"] = L["Common.Saved"].Value;
        return Redirect($"/SelectionMeetings/Schedules/{id}/Bookings");
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
            select new Row(b.Id, a.Id, a.Name, a.Email, b.State, b.ByStaff, b.Attendance)).ToListAsync(ct);
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
}
