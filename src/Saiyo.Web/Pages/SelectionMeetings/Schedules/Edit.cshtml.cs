using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;
using Saiyo.Zoom;

namespace Saiyo.Web.Pages.SelectionMeetings.Schedules;

/// <summary>
/// One 日程: edit (a new time or length updates its meeting), 日程を表示する/表示しない, 削除 (its meeting is
/// removed; the row stays as a tombstone until Zoom confirms), 再試行 after 発行失敗, and 「開始」: the host's
/// start link fetched fresh from Zoom at the click, never stored.
/// </summary>
public sealed class EditModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l,
    IOptions<MeetingSyncOptions> meetings, MeetingStartLink startLink, Saiyo.Web.Applicants.BookingService bookings, Saiyo.Web.Applicants.BookingNotices notices,
    Saiyo.Web.Interviews.InterviewerInvitations invitations, Saiyo.Web.Interviews.InterviewerCalendarSignal interviewerSignal)
    : SchedulePageModel(db, current, clock, signal, l, meetings)
{
    [BindProperty]
    public ScheduleInput Input { get; set; } = new();

    private Schedule _schedule = null!;
    public Guid Id => _schedule.Id;

    /// <summary>The booked applicants a move reaches, with the mail each will get (confirmed with the warnings).</summary>
    public IReadOnlyList<BookingImpact.Row> Impact { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var (date, start) = ScheduleRules.ToLocal(_schedule.StartUtc, Zone);
        var (_, end) = ScheduleRules.ToLocal(_schedule.EndUtc, Zone);
        Input = new ScheduleInput { Date = date, StartTime = start, EndTime = end, Capacity = _schedule.Capacity, Venue = _schedule.Venue, Shown = _schedule.Shown };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var s = _schedule;
        // A past schedule may keep its time (e.g. to change notes); a new time must lie ahead.
        var (date, start) = ScheduleRules.ToLocal(s.StartUtc, Zone);
        var startUnchanged = Input.Date == date && ScheduleRules.TryTime(Input.StartTime, out var t) && t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) == start;
        var slot = ValidateSlot(Input, "Input.", startMayBePast: startUnchanged);
        if (!ModelState.IsValid || slot is not { } range) return Page();
        // Showing or hiding a booked 日程 leaves its meeting as it is (MeetingPlan.KeepsMeeting): no 発行待ち, no blank link.
        var meetingChanges = range.Start != s.StartUtc || range.End != s.EndUtc || (Input.Shown != s.Shown && s.BookedCount == 0);
        if (Input.Shown && meetingChanges) await AddWarningsAsync([range], s.Id, ct);
        if (Input.Capacity < s.Capacity)
        {
            // Below the current bookings: they all stay (nobody is cancelled by a number), but nobody new gets in (満席).
            var active = await Db.Bookings.CountAsync(b => b.ScheduleId == s.Id && b.CompanyId == s.CompanyId && b.State == BookingState.Active, ct);
            if (Input.Capacity < active) Warnings.Add(L["Warning.CapacityBelowBookings", Input.Capacity, active]);
        }
        var moved = range.Start != s.StartUtc || range.End != s.EndUtc;
        if (moved)
        {
            Impact = await BookingImpact.OfSchedulesAsync(Db, Current.Id, [s.Id], Zone, L["Impact.Mail.Moved"].Value, ct);
            if (Impact.Count > 0) Warnings.Add(L["Impact.MovedWarning", Impact.Count]);
        }
        if (Warnings.Count > 0 && !Input.AcceptWarnings) return Page();

        var hiding = s.Shown && !Input.Shown;
        var interviewerBefore = s.HostInterviewerId;
        s.StartUtc = range.Start;
        s.EndUtc = range.End;
        s.Capacity = Input.Capacity;
        s.Venue = string.IsNullOrWhiteSpace(Input.Venue) ? null : Input.Venue.Trim();
        s.Shown = Input.Shown;
        if (meetingChanges) MeetingPlan.Touch(Db, s, Event, NowUtc);
        if (moved)
        {
            await bookings.ScheduleChangedByStaffAsync(s, deleted: false, ct); // applicants get one mail with the new time
            // The 面接官's calendars too, in any host mode: the worker mails the new time (a round already running redoes it).
            s.InterviewersDue = true;
        }
        // The move's version is raised in SQL with the save (not read+1 here): a booking committed since this request read
        // the 日程 keeps its own raise, and a calendar round that read the version before the move cannot clear the mark.
        await using var tx = moved ? await Db.Database.BeginTransactionAsync(ct) : null;
        if (moved)
            await Db.Schedules.Where(x => x.Id == s.Id)
                .ExecuteUpdateAsync(x => x.SetProperty(v => v.BookingsVersion, v => v.BookingsVersion + 1), ct);
        if (moved && MeetingPlan.UsesPool(Event))
        {
            // The new time needs a free host too (its own when still free): nothing is saved without one.
            try
            {
                if (!await SaveWithPoolHostsAsync(Event, [s], DailyHostLimit, null, ct)) return Page();
            }
            catch (DbUpdateConcurrencyException)
            {
                TempData["Error"] = L["Schedule.ChangedMeanwhile"].Value;
                return Redirect(SettingsUrl);
            }
        }
        else if (!await TrySaveAsync(ct)) return Redirect(SettingsUrl);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
            Signal.Poke(); // the save's own poke came before the commit
        }
        // 面接官 host mode: at the new time another 面接官's Zoom user may host it, and so interview on it.
        if (s.HostInterviewerId != interviewerBefore) await invitations.BookingsChangedAsync([s.Id], ct);
        if (moved) interviewerSignal.Poke();
        TempData["Flash"] = hiding && s.BookedCount > 0
            ? L["Schedule.NowHiddenWithBookings", ScheduleRules.FormatRange(s.StartUtc, s.EndUtc, Zone), s.BookedCount].Value
            : L["Common.Saved"].Value;
        return Redirect(SettingsUrl);
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        _schedule.Shown = !_schedule.Shown;
        // A booked 日程 keeps its meeting either way (MeetingPlan.KeepsMeeting): its applicants never see the link vanish.
        if (_schedule.BookedCount == 0) MeetingPlan.Touch(Db, _schedule, Event, NowUtc);
        var range = ScheduleRules.FormatRange(_schedule.StartUtc, _schedule.EndUtc, Zone);
        // Hidden is not cancelled: booked applicants keep their meeting, URL and mails, and staff are told so.
        if (await TrySaveAsync(ct))
            TempData["Flash"] = _schedule.Shown ? L["Schedule.NowShown", range].Value
                : _schedule.BookedCount > 0 ? L["Schedule.NowHiddenWithBookings", range, _schedule.BookedCount].Value
                : L["Schedule.NowHidden", range].Value;
        return Redirect(SettingsUrl);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (MeetingPlan.UsesPool(Event) && _schedule.StartUtc > NowUtc)
        {
            // The 面接官 (or their Zoom user), or a free pool host, may have come since: the host is looked for again.
            if (await ReplanHostsAsync(Event, [_schedule], DailyHostLimit, notices, ct))
                TempData["Flash"] = L["Schedule.Retrying"].Value;
            else
                TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect(SettingsUrl);
        }
        MeetingPlan.Touch(Db, _schedule, Event, NowUtc);
        if (await TrySaveAsync(ct)) TempData["Flash"] = L["Schedule.Retrying"].Value;
        return Redirect(SettingsUrl);
    }

    /// <param name="confirmImpact">Posted by the 日程の削除 page, which listed the booked applicants first.</param>
    /// <param name="message">Staff's message for the cancellation mails.</param>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, [FromForm] bool confirmImpact, [FromForm] string? message, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DeleteAsync(id, confirmImpact, message, lastTry: attempt >= 5, ct);
            }
            catch (DbUpdateConcurrencyException e) when (OnlyInvitations(e))
            {
                // The calendar worker mailed a 面接官 of this 日程 meanwhile: the delete is done again from what it saved (the
                // CANCEL follows its mail), rather than asking staff to retry.
                Db.ChangeTracker.Clear();
            }
        }
    }

    private static bool OnlyInvitations(DbUpdateConcurrencyException e) => e.Entries.All(x => x.Entity is InterviewerInvitation);

    private async Task<IActionResult> DeleteAsync(Guid id, bool confirmImpact, string? message, bool lastTry, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var s = _schedule;
        var now = NowUtc;
        // Nobody is cancelled unseen: with bookings, the delete goes through the page that names them.
        var booked = await Db.Bookings.AnyAsync(b => b.ScheduleId == s.Id && b.CompanyId == s.CompanyId && b.State == BookingState.Active, ct);
        if (booked && !confirmImpact) return Redirect($"/SelectionMeetings/Schedules/{id}/Delete");
        if (message is { Length: > MaxMessageLength })
        {
            TempData["Error"] = L["Impact.MessageTooLong", MaxMessageLength].Value;
            return Redirect($"/SelectionMeetings/Schedules/{id}/Delete");
        }
        await bookings.ScheduleChangedByStaffAsync(s, deleted: true, ct, message); // applicants are told, their bookings cancelled
        await HostAssignment.ReleaseAsync(Db, [s.Id], ct); // its host is free at that time again
        await invitations.ScheduleDeletingAsync(HttpContext.RequestServices, s.Id, ct); // the 面接官's CANCEL, saved with the delete
        var settled = s.Meeting.ZoomId is null && !s.Meeting.ReconcileFirst && s.Meeting.WantedVersion == s.Meeting.AppliedVersion && (s.Meeting.ClaimedUntilUtc is null || s.Meeting.ClaimedUntilUtc < now);
        if (settled)
        {
            Db.Schedules.Remove(s);
        }
        else
        {
            // The worker removes the meeting, then the row (a tombstone until Zoom confirms).
            s.Deleted = true;
            MeetingPlan.Touch(Db, s, Event, now);
            s.Meeting.State = MeetingState.Pending;
            s.Meeting.NextAttemptAtUtc = now;
            s.Meeting.AppliedVersion = s.Meeting.WantedVersion - 1;
        }
        if (await TrySaveAsync(ct, retried: lastTry ? null : OnlyInvitations))
            TempData["Flash"] = L["Schedule.Deleted", ScheduleRules.FormatRange(s.StartUtc, s.EndUtc, Zone)].Value;
        return Redirect(SettingsUrl);
    }

    public const int MaxMessageLength = 1000;

    /// <summary>「開始」: asks Zoom for a fresh start_url (it carries the host's key and expires) and sends the host there.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (_schedule.Meeting.ZoomId is not { } meetingId) return Redirect(SettingsUrl);
        var (url, error) = await startLink.GetAsync(Current.Id, meetingId, ct);
        if (url is null)
        {
            TempData["Error"] = L[error!].Value;
            return Redirect(SettingsUrl);
        }
        Response.Headers.CacheControl = "no-store";
        return Redirect(url);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var s = await FindScheduleAsync(id, ct);
        if (s is null) return false;
        _schedule = s;
        return await LoadEventAsync(s.EventId, ct);
    }

    /// <param name="retried">Conflicts the caller does again itself (rethrown).</param>
    private async Task<bool> TrySaveAsync(CancellationToken ct, Func<DbUpdateConcurrencyException, bool>? retried = null)
    {
        try
        {
            await SaveAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException e) when (retried?.Invoke(e) != true)
        {
            // Someone else changed this 日程 at the same moment: show the current state rather than overwrite it.
            TempData["Error"] = L["Schedule.ChangedMeanwhile"].Value;
            return false;
        }
    }
}
