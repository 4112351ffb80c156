using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>One 応募者: 変更, the 選考会 they are invited to, their マイページ link (send, re-issue, revoke) and their 予約.</summary>
public sealed class EditModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, BookingService bookings, BookingMails mails, IStringLocalizer<SharedResource> l,
    ApplicantTimeline timeline)
    : PageModel
{
    public sealed record BookingRow(Guid Id, Guid ScheduleId, string When, string What, BookingState State, bool ByStaff);

    [BindProperty]
    public ApplicantInput Input { get; set; } = new();

    public Applicant Applicant { get; private set; } = null!;
    public IReadOnlyList<SelectionMeeting> Meetings { get; private set; } = [];
    public HashSet<Guid> InvitedIds { get; private set; } = [];
    public IReadOnlyList<BookingRow> Bookings { get; private set; } = [];
    public string? IssuedAt { get; private set; }
    /// <summary>The link just sent, shown once to staff (e.g. to pass on by phone); only its hash is kept.</summary>
    public string? NewLink { get; private set; }
    public bool CanDelete => current.IsAdmin;
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    private string? Actor => User.FindFirst(SaiyoClaims.DisplayName)?.Value;

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) context.Result = NotFound();
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = ApplicantInput.From(Applicant);
        NewLink = TempData["MyPageLink"] as string;
        Zone = await clock.ZoneAsync(ct);
        Timeline = await timeline.ReadAsync(Applicant.CompanyId, id, Zone, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        Input.ApplyTo(Applicant);
        Applicant.UpdatedAtUtc = clock.NowUtc;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Common.Saved"].Value;
        return Redirect($"/Applicants/{id}");
    }

    public async Task<IActionResult> OnPostInvitationsAsync(Guid id, Guid[] invited, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var wanted = invited.Where(m => Meetings.Any(x => x.Id == m)).ToHashSet();
        var existing = await db.ApplicantInvitations.Where(i => i.ApplicantId == id && i.CompanyId == Applicant.CompanyId).ToListAsync(ct);
        db.ApplicantInvitations.RemoveRange(existing.Where(i => !wanted.Contains(i.SelectionMeetingId)));
        foreach (var m in wanted.Where(m => existing.All(i => i.SelectionMeetingId != m)))
        {
            db.ApplicantInvitations.Add(new ApplicantInvitation { CompanyId = Applicant.CompanyId, ApplicantId = id, SelectionMeetingId = m, CreatedAtUtc = clock.NowUtc });
            ApplicantTimeline.Note(db, Applicant.CompanyId, id, clock.NowUtc, ApplicantTimeline.InvitedBy, m.ToString(), Actor);
        }
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Common.Saved"].Value;
        return Redirect($"/Applicants/{id}");
    }

    /// <summary>A new token revokes the old link; the mail goes out with the change.</summary>
    public async Task<IActionResult> OnPostSendLinkAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var (token, hash) = MyPageTokens.Create();
        Applicant.MyPageTokenHash = hash;
        Applicant.MyPageIssuedAtUtc = clock.NowUtc;
        await mails.MyPageLinkAsync(Applicant, token, ct);
        await db.SaveChangesAsync(ct);
        TempData["MyPageLink"] = mails.MyPageUrl(token);
        return Redirect($"/Applicants/{id}");
    }

    public async Task<IActionResult> OnPostRevokeLinkAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Applicant.MyPageTokenHash = null;
        Applicant.MyPageIssuedAtUtc = null;
        Applicant.ProtectedMyPageToken = null;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Applicants.LinkRevoked"].Value;
        return Redirect($"/Applicants/{id}");
    }

    /// <summary>代行予約: staff cancel on the applicant's behalf (deadlines do not bind staff).</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid bookingId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await bookings.CancelAsync(Applicant, bookingId, byStaff: true, ct);
        if (result.Outcome == BookingOutcome.NotFound) return NotFound();
        if (result.Outcome == BookingOutcome.Cancelled)
        {
            ApplicantTimeline.Note(db, Applicant.CompanyId, id, clock.NowUtc, ApplicantTimeline.CancelledBy, bookingId.ToString(), Actor);
            await db.SaveChangesAsync(ct);
        }
        TempData["Flash"] = l["Booking.Outcome." + result.Outcome].Value;
        return Redirect($"/Applicants/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var companyId = current.Id;
        var applicant = await db.Applicants.FirstOrDefaultAsync(a => a.Id == id && a.CompanyId == companyId && a.DeletedAtUtc == null, ct);
        if (applicant is null) return false;
        Applicant = applicant;
        Meetings = await db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == companyId).OrderBy(m => m.CreatedAtUtc).ToListAsync(ct);
        InvitedIds = (await db.ApplicantInvitations.Where(i => i.ApplicantId == id && i.CompanyId == companyId).Select(i => i.SelectionMeetingId).ToListAsync(ct)).ToHashSet();
        var zone = await clock.ZoneAsync(ct);
        var rows = await (
            from b in db.Bookings.AsNoTracking()
            join s in db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            where b.ApplicantId == id && b.CompanyId == companyId
            orderby s.StartUtc
            select new { b.Id, b.ScheduleId, s.StartUtc, s.EndUtc, Meeting = m.Name, Event = e.Name, b.State, b.ByStaff }).ToListAsync(ct);
        Bookings = rows.Select(r => new BookingRow(r.Id, r.ScheduleId, TimeZones.Format(r.StartUtc, zone) + "–" + TimeZoneInfo.ConvertTimeFromUtc(r.EndUtc, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            r.Meeting + " / " + r.Event, r.State, r.ByStaff)).ToList();
        if (applicant.MyPageIssuedAtUtc is { } at) IssuedAt = TimeZones.Format(at, zone);
        return true;
    }
}
